// A person's whole record as the screens use it, and the schema that says
// what its sections hold.
import { api, type FieldSpec, type PersonRecord, type SectionSpec } from '../api';
import { penceToInput } from '../format';
import { fieldErrors, type FieldError } from './errors';

let schemaPromise: Promise<SectionSpec[]> | null = null;

/** The record's sections, fetched once. */
export function loadSchema(): Promise<SectionSpec[]> {
  schemaPromise ??= api.schema().catch((e) => {
    schemaPromise = null;
    throw e;
  });
  return schemaPromise;
}

/** One person's record, loaded for the screens of that person. */
export class RecordState {
  record = $state<PersonRecord | null>(null);
  schema = $state<SectionSpec[]>([]);
  problem = $state('');
  readonly id: number;

  constructor(id: number) {
    this.id = id;
  }

  async load() {
    try {
      const [schema, record] = await Promise.all([loadSchema(), api.openRecord(this.id)]);
      this.schema = schema;
      this.record = record;
      this.problem = '';
    } catch (e) {
      this.problem = fieldErrors(e)[0]?.message ?? 'Sorry, the record could not be opened';
    }
  }

  section(key: string): SectionSpec | undefined {
    return this.schema.find((s) => s.key === key);
  }
}

/** What a section or item form has typed, its errors, and saving. Typing is never cleared on failure. */
export class ValuesForm {
  values = $state<Record<string, string>>({});
  errors = $state<FieldError[]>([]);
  saving = $state(false);

  constructor(values: Record<string, string> = {}) {
    this.values = { ...values };
  }

  errorFor(key: string): string {
    return this.errors.find((e) => e.field === key)?.message ?? '';
  }

  /** Runs save; on failure keeps what was typed and shows every problem. */
  async submit<T>(save: () => Promise<T>): Promise<T | null> {
    if (this.saving) return null;
    this.saving = true;
    try {
      const result = await save();
      this.errors = [];
      return result;
    } catch (e) {
      this.errors = fieldErrors(e);
      return null;
    } finally {
      this.saving = false;
    }
  }
}

/** Stored values as a form shows them: money in pounds, not pence. */
export function formValues(fields: FieldSpec[], values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  for (const f of fields) if (f.kind === 'money' && out[f.key]) out[f.key] = penceToInput(out[f.key]);
  return out;
}
