// One form's errors and submission, for every form: the errors the backend
// placed by field, the NHS error summary in the order of the form, and a
// busy flag while a save is under way. What was typed is never cleared here.
import type { SummaryError } from '../nhs/ErrorSummary.svelte';
import { toApiError, type ApiError } from '../api';
import { fieldErrors, type FieldError } from './errors';

export class FormState {
  errors = $state<FieldError[]>([]);
  busy = $state(false);

  /** The message to show beside field, or "". */
  errorFor(field: string): string {
    return this.errors.find((e) => e.field === field)?.message ?? '';
  }

  /** Shows one problem, found before anything was sent. */
  fail(field: string, message: string) {
    this.errors = [{ field, message }];
  }

  clear() {
    this.errors = [];
  }

  /**
   * The errors for the error summary: whole-form errors first, then in the
   * order of the form's fields; target turns a field into the id of the
   * input its link moves to (a date's first box).
   */
  summary(order: string[] = [], target: (field: string) => string = (f) => f): SummaryError[] {
    const rank = (f: string) => (f === '' ? -1 : order.indexOf(f) === -1 ? order.length : order.indexOf(f));
    return [...this.errors]
      .sort((a, b) => rank(a.field) - rank(b.field))
      .map((e) => ({ message: e.message, target: e.field ? target(e.field) : '' }));
  }

  /**
   * Saves, once at a time: while a save is under way another is ignored
   * (null). Returns what save returned, or null with the errors shown.
   * handle may take an error for itself (returning true), such as a
   * possible duplicate.
   */
  async submit<T>(save: () => Promise<T>, handle?: (err: ApiError) => boolean | Promise<boolean>): Promise<T | null> {
    if (this.busy) return null;
    return this.run(save, handle);
  }

  /** Like submit, but runs even while another save is under way (changes that queue, such as attendance). */
  async run<T>(save: () => Promise<T>, handle?: (err: ApiError) => boolean | Promise<boolean>): Promise<T | null> {
    this.busy = true;
    // As a page sent again would: the old errors go, and what this save
    // finds is shown (and the summary focused) afresh.
    this.errors = [];
    try {
      const result = await save();
      return result;
    } catch (e) {
      this.errors = handle && (await handle(toApiError(e))) ? [] : fieldErrors(e);
      return null;
    } finally {
      this.busy = false;
    }
  }
}
