import { describe, expect, it } from 'vitest';
import { FormState } from './form.svelte';

const invalid = (errors: { field: string; message: string }[]) => ({
  code: 'invalid',
  message: errors[0].message,
  field: errors[0].field,
  errors: errors.map((e) => ({ code: 'invalid', ...e })),
});

describe('FormState', () => {
  it('places each error by field, and orders the summary as the form', async () => {
    const form = new FormState();
    const got = await form.submit(() =>
      Promise.reject(
        invalid([
          { field: 'date', message: 'Enter a date' },
          { field: '', message: 'Try again' },
          { field: 'name', message: 'Enter a name' },
        ]),
      ),
    );
    expect(got).toBeNull();
    expect(form.errorFor('name')).toBe('Enter a name');
    expect(form.errorFor('place')).toBe('');
    expect(form.summary(['name', 'date'], (f) => (f === 'date' ? 'date-day' : f))).toEqual([
      { message: 'Try again', target: '' },
      { message: 'Enter a name', target: 'name' },
      { message: 'Enter a date', target: 'date-day' },
    ]);
    expect(form.busy).toBe(false);
  });

  it('clears the errors once saved, and ignores a second submit while busy', async () => {
    const form = new FormState();
    form.fail('name', 'Enter a name');
    let finish: (v: string) => void = () => {};
    const first = form.submit(() => new Promise<string>((r) => (finish = r)));
    expect(form.busy).toBe(true);
    expect(await form.submit(() => Promise.resolve('second'))).toBeNull();
    finish('saved');
    expect(await first).toBe('saved');
    expect(form.errors).toEqual([]);
  });

  it('lets a handler take an error for itself', async () => {
    const form = new FormState();
    const got = await form.run(
      () => Promise.reject({ code: 'conflict', message: 'Already recorded', field: '', personId: 4 }),
      (err) => err.code === 'conflict',
    );
    expect(got).toBeNull();
    expect(form.errors).toEqual([]);
  });
});
