import { describe, expect, it } from 'vitest';
import { capitalFirst, flash } from './flash.svelte';

// Every message the screens flash, as they make them: each must start with a capital letter.
const itemNames = ['contact', 'professional', 'communication need', 'strength', 'goal', 'action', 'crisis contact'];
const made = [
  ...itemNames.flatMap((n) => [`${n} added`, `${n} changed`, `${n} removed`]),
  'About me saved',
  'personal budget saved',
  'The meeting has ended',
  'Version 3 agreed. Check code AB12-CD34',
  'Zoë Ó\u2019Brien has been added',
  'étape saved',
];

describe('flash', () => {
  it.each(made)('starts "%s" with a capital letter', (message) => {
    flash.set(message);
    const shown = flash.take();
    expect(shown[0]).toBe(shown[0].toLocaleUpperCase());
    expect(shown.slice(1)).toBe(message.slice(1));
    expect(flash.take()).toBe('');
  });

  it('leaves messages that start with no letter as they are', () => {
    expect(capitalFirst('')).toBe('');
    expect(capitalFirst('3 people added')).toBe('3 people added');
    expect(capitalFirst('“quoted” words')).toBe('“Quoted” words');
  });
});
