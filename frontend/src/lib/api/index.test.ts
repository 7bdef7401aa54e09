import { describe, expect, it, vi } from 'vitest';
import { call, SIGN_IN_EVENT, toApiError } from './index';

describe('toApiError', () => {
  it('keeps a sign-in refusal as one, with its message', () => {
    expect(toApiError({ code: 'sign_in', message: 'Sign in first', field: '' })).toEqual({
      code: 'sign_in',
      message: 'Sign in first',
      field: '',
    });
  });

  it('turns unknown codes and shapes into the plain apology', () => {
    for (const e of [{ code: 'boom', message: 'x' }, 'text', null, 42, { code: 'invalid' }]) {
      const err = toApiError(e);
      expect(err.code).toBe('internal');
      expect(err.message).toMatch(/^Sorry, there is a problem with the app/);
    }
  });
});

describe('call', () => {
  it('asks the page to show sign-in when the backend refuses for it, and still rejects', async () => {
    const heard = vi.fn();
    window.addEventListener(SIGN_IN_EVENT, heard);
    await expect(call(() => Promise.reject({ code: 'sign_in', message: 'Sign in first' }))).rejects.toMatchObject({
      code: 'sign_in',
    });
    expect(heard).toHaveBeenCalledTimes(1);
    window.removeEventListener(SIGN_IN_EVENT, heard);
  });

  it('does not for other refusals', async () => {
    const heard = vi.fn();
    window.addEventListener(SIGN_IN_EVENT, heard);
    await expect(call(() => Promise.reject({ code: 'invalid', message: 'Enter a name' }))).rejects.toMatchObject({
      code: 'invalid',
    });
    expect(heard).not.toHaveBeenCalled();
    window.removeEventListener(SIGN_IN_EVENT, heard);
  });
});
