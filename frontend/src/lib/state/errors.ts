// Turning a failed save into the errors a form shows.
import { toApiError } from '../api';

export interface FieldError {
  field: string;
  message: string;
}

/** Every problem a failed call reported, one per field (or one for the whole form). */
export function fieldErrors(e: unknown): FieldError[] {
  const err = toApiError(e);
  const all = err.errors?.length ? err.errors : [err];
  return all.map((x) => ({ field: x.field, message: x.message }));
}

/** The first problem a failed call reported, for a screen that shows one line (a load that failed). */
export function problemOf(e: unknown): string {
  return fieldErrors(e)[0].message;
}
