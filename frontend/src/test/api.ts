// Fakes for the backend in component tests, for vi.mock's factory:
//
//   const fake = vi.hoisted(() => ({ saveItem: vi.fn() }));
//   vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, fake)));
//
// A fake that answers { failure } fails the way the real api does: the
// failure goes through the real conversion and is thrown.
import type { ApiError } from '../lib/api';

type Call = (...a: unknown[]) => unknown;
type Original = <T>() => Promise<T>;

/** calls with each fake in place of the real call of its name. */
function withFakes<T extends object>(calls: T, fakes: Record<string, Call>, toApiError: (e: unknown) => ApiError): T {
  const out = { ...calls };
  for (const [name, fake] of Object.entries(fakes)) {
    const call = async (...a: unknown[]) => {
      const result = await fake(...a);
      if (result && typeof result === 'object' && 'failure' in result) throw toApiError(result.failure);
      return result;
    };
    Object.assign(out, { [name]: call });
  }
  return out;
}

/** The lib/api module with fakes in place of some of its calls. */
export async function fakeApi(original: Original, fakes: Record<string, Call>) {
  const real = await original<typeof import('../lib/api')>();
  return { ...real, api: withFakes(real.api, fakes, real.toApiError) };
}

/** The lib/api/backup module with fakes in place of some of its calls. */
export async function fakeBackupApi(original: Original, fakes: Record<string, Call>) {
  const real = await original<typeof import('../lib/api/backup')>();
  const { toApiError } = await import('../lib/api');
  return { ...real, backupApi: withFakes(real.backupApi, fakes, toApiError) };
}

/** The lib/api/status module with fakes in place of some of its calls. */
export async function fakeStatusApi(original: Original, fakes: Record<string, Call>) {
  const real = await original<typeof import('../lib/api/status')>();
  const { toApiError } = await import('../lib/api');
  return { ...real, statusApi: withFakes(real.statusApi, fakes, toApiError) };
}

/** What a fake answers to fail as the backend does: field '' for the whole form. */
export function failure(field: string, message: string) {
  return { failure: { code: 'invalid', field, message } };
}

/** What a fake answers to fail with an error beside each of several fields, and none for the whole form. */
export function fieldFailures(...errors: [field: string, message: string][]) {
  return {
    failure: {
      code: 'invalid',
      field: '',
      message: '',
      errors: errors.map(([field, message]) => ({ code: 'invalid', field, message })),
    },
  };
}

/** The lib/api/sync module with fakes in place of some of its calls. */
export async function fakeSyncApi(original: Original, fakes: Record<string, Call>) {
  const real = await original<typeof import('../lib/api/sync')>();
  const { toApiError } = await import('../lib/api');
  return { ...real, syncApi: withFakes(real.syncApi, fakes, toApiError) };
}
