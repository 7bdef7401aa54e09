import { describe, expect, it } from 'vitest';
import { ageOn, formatDate, joinDate, splitDate } from './format';
import { parseHash, href } from './state/router.svelte';

describe('format', () => {
  it.each([
    ['2026-11-21', '21 November 2026'],
    ['1950-04-01', '1 April 1950'],
    ['nonsense', 'nonsense'],
    ['1950-13-01', '1950-13-01'],
  ])('formatDate(%s)', (iso, want) => expect(formatDate(iso)).toBe(want));

  it('joins and splits dates', () => {
    expect(joinDate('1', '4', '1950')).toBe('1950-04-01');
    expect(joinDate('', '', '')).toBe('');
    expect(joinDate('x', '4', '1950')).toBe('1950-04-x');
    expect(splitDate('1950-04-01')).toEqual({ day: '1', month: '4', year: '1950' });
  });

  it('counts age in whole years', () => {
    expect(ageOn('1950-11-22', new Date(2026, 10, 21))).toBe(75);
    expect(ageOn('1950-11-21', new Date(2026, 10, 21))).toBe(76);
  });

  it('routes round-trip through the hash', () => {
    for (const r of [
      { name: 'home' },
      { name: 'add-person' },
      { name: 'person', id: 3 },
      { name: 'edit-person', id: 3 },
    ] as const) {
      expect(parseHash(href(r))).toEqual(r);
    }
    expect(parseHash('#/people/<script>')).toEqual({ name: 'home' });
  });
});
