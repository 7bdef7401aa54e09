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
