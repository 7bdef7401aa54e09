import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('debounce', () => {
  it('runs once, with the last arguments, after a pause', () => {
    const fn = vi.fn();
    const d = debounce(fn, 300, 1000);
    d('a');
    vi.advanceTimersByTime(100);
    d('ab');
    vi.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith('ab');
  });

  it('runs at least every maxWait while calls keep coming', () => {
    const fn = vi.fn();
    const d = debounce(fn, 300, 1000);
    // A keystroke every 100 ms for 3.5 s: never a 300 ms pause.
    const times: number[] = [];
    fn.mockImplementation(() => times.push(Date.now() - start));
    const start = Date.now();
    let text = '';
    for (let t = 0; t < 3500; t += 100) {
      text += 'x';
      d(text);
      vi.advanceTimersByTime(100);
    }
    expect(times).toEqual([1000, 2000, 3000]);
    expect(fn.mock.calls.at(-1)![0]).toHaveLength(10 * 3); // what was typed by 3 s
    vi.advanceTimersByTime(300);
    expect(times).toEqual([1000, 2000, 3000, 3700]);
    expect(fn.mock.calls.at(-1)![0]).toHaveLength(35);
  });

  it('never leaves a keystroke unsaved for more than maxWait', () => {
    const fn = vi.fn();
    const d = debounce(fn, 300, 1000);
    let last = 0;
    let worst = 0;
    let pending: number | null = null;
    fn.mockImplementation(() => {
      if (pending !== null) worst = Math.max(worst, Date.now() - pending);
      pending = null;
      last = Date.now();
    });
    // Irregular typing: bursts and short pauses.
    const gaps = [50, 120, 250, 90, 299, 10, 200, 280, 60, 150, 299, 299, 299, 40];
    for (let i = 0; i < 200; i++) {
      d(i);
      pending ??= Date.now();
      vi.advanceTimersByTime(gaps[i % gaps.length]);
    }
    vi.advanceTimersByTime(1000);
    expect(pending).toBeNull();
    expect(worst).toBeLessThanOrEqual(1000);
    expect(last).toBeGreaterThan(0);
  });

  it('flush runs a waiting call now; cancel drops it', () => {
    const fn = vi.fn();
    const d = debounce(fn, 300, 1000);
    d('kept');
    d.flush();
    expect(fn).toHaveBeenCalledExactlyOnceWith('kept');
    d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    d('dropped');
    d.cancel();
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('without maxWait, steady calls wait for a pause', () => {
    const fn = vi.fn();
    const d = debounce(fn, 300);
    for (let t = 0; t < 3000; t += 100) {
      d(t);
      vi.advanceTimersByTime(100);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledExactlyOnceWith(2900);
  });
});
