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

export interface People {
  people: Person[];
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
};
