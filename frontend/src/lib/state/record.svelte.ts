// A person's whole record as the screens use it, and the schema that says
// what its sections hold.
import { api, type FieldSpec, type Item, type PersonRecord, type SectionSpec } from '../api';
import { penceToInput, withArticle } from '../format';
import { fieldErrors } from './errors';
import { FormState } from './form.svelte';

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

  /** The entry itemId of a list section, or null (a new entry, or one removed). */
  item(sectionKey: string, itemId: number | 'new'): Item | null {
    if (itemId === 'new') return null;
    return (this.record?.items[sectionKey] ?? []).find((i) => i.id === itemId) ?? null;
  }

  /** The heading of a section's form: "About me, in Anna Nowak's words", or the section's title. */
  sectionHeading(sectionKey: string, mode: 'edit' | 'words' | 'notes'): string {
    const name = this.record?.person.displayName ?? '';
    if (mode === 'words') return `About me, in ${name}'s words`;
    if (mode === 'notes') return 'Professional notes on About me';
    return this.section(sectionKey)?.title ?? '';
  }

  /** The heading of an entry's form: "Change contact", "Add a contact". */
  itemHeading(sectionKey: string, itemId: number | 'new'): string {
    const name = this.section(sectionKey)?.itemName ?? 'entry';
    return this.item(sectionKey, itemId) ? `Change ${name}` : `Add ${withArticle(name)}`;
  }
}

/** A form of string values by key (a section, an item, an account), with its errors and saving. */
export class ValuesForm extends FormState {
  values = $state<Record<string, string>>({});

  constructor(values: Record<string, string> = {}) {
    super();
    this.values = { ...values };
  }
}

/** Stored values as a form shows them: money in pounds, not pence. */
export function formValues(fields: FieldSpec[], values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  for (const f of fields) if (f.kind === 'money' && out[f.key]) out[f.key] = penceToInput(out[f.key]);
  return out;
}
