import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MeetingState } from './meeting.svelte';

const saveDraft = vi.fn();
vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { ...real.api, saveDraft: (...a: unknown[]) => saveDraft(...a) } };
});

beforeEach(() => {
  saveDraft.mockReset();
});

describe('MeetingState.saveDraft', () => {
  it('sends saves one after another, so an older draft never lands last', async () => {
    const landed: string[] = [];
    const releases: (() => void)[] = [];
    saveDraft.mockImplementation(
      (_id: number, _speaker: number, text: string) =>
        new Promise<void>((resolve) =>
          releases.push(() => {
            landed.push(text);
            resolve();
          }),
        ),
    );
    const ms = new MeetingState(3);
    const first = ms.saveDraft(1, 'I want');
    const second = ms.saveDraft(1, 'I want to get back');
    await vi.waitFor(() => expect(saveDraft).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(saveDraft).toHaveBeenCalledTimes(1); // the second waits for the first
    releases[0]();
    await first;
    await vi.waitFor(() => expect(saveDraft).toHaveBeenCalledTimes(2));
    releases[1]();
    expect(await second).toBe('');
    await ms.draftsSaved();
    expect(landed).toEqual(['I want', 'I want to get back']);
    expect(saveDraft).toHaveBeenLastCalledWith(3, 1, 'I want to get back');
  });

  it('reports a refused save and goes on with the next', async () => {
    saveDraft.mockRejectedValueOnce({ code: 'locked', message: 'This meeting has ended', field: '' });
    saveDraft.mockResolvedValueOnce(undefined);
    const ms = new MeetingState(3);
    expect(await ms.saveDraft(1, 'late')).toBe('This meeting has ended');
    expect(await ms.saveDraft(1, 'later')).toBe('');
  });
});
