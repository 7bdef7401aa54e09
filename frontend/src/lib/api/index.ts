// The only module that talks to the Go backend. Everything else imports
// these typed functions, never the generated bindings.
import * as App from '../../../wailsjs/go/main/App';

export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'locked' | 'internal';

/** An error from the backend, ready to show: `field` names the input it belongs beside. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  field: string;
  /** every field problem, when a form has several */
  errors?: ApiError[];
}

export interface Person {
  id: number;
  givenName: string;
  familyName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string; // YYYY-MM-DD
  nhsNumber: string; // "943 476 5919" or ""
  displayName: string;
  version: number;
  updatedAt: string;
}

export interface PersonInput {
  givenName: string;
  familyName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  nhsNumber: string;
  version: number;
}

export interface TextRun {
  text: string;
  match: boolean;
}

export interface PersonMatch {
  person: Person;
  name: TextRun[];
  snippet: TextRun[];
}

export interface People {
  people: PersonMatch[];
  total: number;
}

export interface User {
  name: string;
  role: string;
}

export type FieldKind = 'text' | 'longtext' | 'bool' | 'choice' | 'phone' | 'email' | 'contactRef';

export interface Choice {
  value: string;
  label: string;
}

export interface FieldSpec {
  key: string;
  label: string;
  hint: string;
  kind: FieldKind;
  max: number;
  required: boolean;
  choices: Choice[];
  personsWords: boolean;
  noteFor: string;
}

export interface SectionSpec {
  key: string;
  title: string;
  intro: string;
  list: boolean;
  itemName: string;
  fields: FieldSpec[];
}

export interface StoredField {
  value: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface Item {
  id: number;
  values: Record<string, string>;
  version: number;
}

export interface PersonRecord {
  person: Person;
  banner: string;
  fields: Record<string, Record<string, StoredField>>;
  items: Record<string, Item[]>;
  aboutMeUpdated: string;
}

export interface FieldChange {
  key: string;
  value: string;
  version: number;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  section: string;
  itemId: number;
  field: string;
  before: string;
  after: string;
}

export interface History {
  entries: HistoryEntry[];
  total: number;
}

export interface Status {
  ready: boolean;
  problem: string;
  dbPath: string;
}

const APOLOGY = 'Sorry, there is a problem with the app. Try again. If it keeps happening, restart What Matters.';

const CODES: ErrorCode[] = ['invalid', 'not_found', 'conflict', 'locked', 'internal'];

/** Turns whatever a failed call rejected with into an ApiError; unknown shapes become a plain apology. */
export function toApiError(e: unknown): ApiError {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    if (typeof o.code === 'string' && CODES.includes(o.code as ErrorCode) && typeof o.message === 'string') {
      const err: ApiError = {
        code: o.code as ErrorCode,
        message: o.message,
        field: typeof o.field === 'string' ? o.field : '',
      };
      if (Array.isArray(o.errors)) err.errors = o.errors.map(toApiError);
      return err;
    }
  }
  return { code: 'internal', message: APOLOGY, field: '' };
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  status: (): Promise<Status> => call(() => App.Status()),
  createPerson: (input: PersonInput): Promise<Person> => call(() => App.CreatePerson(input)),
  updatePerson: (id: number, input: PersonInput): Promise<Person> => call(() => App.UpdatePerson(id, input)),
  findPerson: (id: number): Promise<Person> => call(() => App.FindPerson(id)),
  searchPeople: (query: string, offset = 0): Promise<People> => call(() => App.SearchPeople(query, offset)),
  currentUser: (): Promise<User> => call(() => App.CurrentUser()),
  setUser: (user: User): Promise<User> => call(() => App.SetUser(user)),
  schema: (): Promise<SectionSpec[]> => call(() => App.Schema() as Promise<SectionSpec[]>),
  findRecord: (id: number): Promise<PersonRecord> => call(() => App.FindRecord(id) as Promise<PersonRecord>),
  saveFields: (id: number, section: string, action: string, changes: FieldChange[]): Promise<PersonRecord> =>
    call(() => App.SaveFields(id, section, action, changes) as Promise<PersonRecord>),
  saveItem: (id: number, section: string, item: Item): Promise<PersonRecord> =>
    call(() => App.SaveItem(id, section, item) as Promise<PersonRecord>),
  removeItem: (id: number, itemId: number, version: number): Promise<PersonRecord> =>
    call(() => App.RemoveItem(id, itemId, version) as Promise<PersonRecord>),
  history: (id: number, offset = 0): Promise<History> => call(() => App.History(id, offset)),
  loadExamplePeople: (): Promise<number> => call(() => App.LoadExamplePeople()),
};
