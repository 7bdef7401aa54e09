import { describe, expect, it } from 'vitest';
import { agendaSection, stepItem, typing } from './agenda';

describe('agendaSection', () => {
  it.each([
    ['If things go wrong (crisis plan)', 'crisis'],
    ['Money and personal budget', 'budget'],
    ['Review', 'review'],
    ['Goals', 'goals'],
    ['Actions (who does what by when)', 'actions'],
    ['What matters to you', ''],
    [undefined, ''],
  ])('%s is %s', (title, want) => expect(agendaSection(title)).toBe(want));
});

describe('stepItem', () => {
  const items = [{ id: 1 }, { id: 2 }, { id: 3 }];
  it('moves along and stops at the ends', () => {
    expect(stepItem(items, 2, 1)?.id).toBe(3);
    expect(stepItem(items, 2, -1)?.id).toBe(1);
    expect(stepItem(items, 3, 1)).toBeUndefined();
    expect(stepItem(items, 1, -1)).toBeUndefined();
  });
});

describe('typing', () => {
  const on = (el: HTMLElement) => ({ target: el }) as unknown as KeyboardEvent;
  it('knows a text box from a radio', () => {
    const text = document.createElement('input');
    const radio = document.createElement('input');
    radio.type = 'radio';
    expect(typing(on(text))).toBe(true);
    expect(typing(on(document.createElement('textarea')))).toBe(true);
    expect(typing(on(radio))).toBe(false);
    expect(typing(on(document.createElement('button')))).toBe(false);
  });
});
