// The add-person and change-details form: what has been typed, the errors
// the backend found, and saving.
import { api, toApiError, type Person, type PersonInput } from '../api';
import { fieldErrors, type FieldError } from './errors';
import { joinDate, splitDate } from '../format';

/** Someone already recorded whom the person being added may be. */
export interface PossibleDuplicate {
  id: number;
  /** "There is already a Derek Johnson born 9 August 1962" */
  message: string;
  /** their name as the app shows it, or "" if it could not be read */
  name: string;
}

/** The order of the form, so the error summary lists errors top to bottom. */
export const FIELD_ORDER = ['givenName', 'familyName', 'preferredName', 'pronouns', 'dateOfBirth', 'nhsNumber'];

export class PersonForm {
  givenName = $state('');
  familyName = $state('');
  preferredName = $state('');
  pronouns = $state('');
  dobDay = $state('');
  dobMonth = $state('');
  dobYear = $state('');
  nhsNumber = $state('');
  errors = $state<FieldError[]>([]);
  /** set when the backend found someone this may be; cleared by saving anyway */
  duplicate = $state<PossibleDuplicate | null>(null);
  saving = $state(false);
  /** people the coordinator has said this is not */
  private differentFrom: number[] = [];
  readonly id: number | null;
  version: number;

  constructor(person?: Person) {
    this.id = person?.id ?? null;
    this.version = person?.version ?? 0;
    if (person) {
      this.givenName = person.givenName;
      this.familyName = person.familyName;
      this.preferredName = person.preferredName;
      this.pronouns = person.pronouns;
      ({ day: this.dobDay, month: this.dobMonth, year: this.dobYear } = splitDate(person.dateOfBirth));
      this.nhsNumber = person.nhsNumber;
    }
  }

  errorFor(field: string): string {
    return this.errors.find((e) => e.field === field)?.message ?? '';
  }

  input(): PersonInput {
    return {
      givenName: this.givenName,
      familyName: this.familyName,
      preferredName: this.preferredName,
      pronouns: this.pronouns,
      dateOfBirth: joinDate(this.dobDay, this.dobMonth, this.dobYear),
      nhsNumber: this.nhsNumber,
      version: this.version,
      differentFrom: [...this.differentFrom],
    };
  }

  /** Saves; returns the stored person, or null with errors set. What was typed is never cleared. */
  async save(): Promise<Person | null> {
    if (this.saving) return null;
    this.saving = true;
    try {
      const person =
        this.id === null ? await api.createPerson(this.input()) : await api.updatePerson(this.id, this.input());
      this.errors = [];
      this.duplicate = null;
      return person;
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'conflict' && err.personId) {
        const existing = await api.findPerson(err.personId).catch(() => null);
        this.duplicate = { id: err.personId, message: err.message, name: existing?.displayName ?? '' };
        this.errors = [];
      } else {
        this.duplicate = null;
        this.errors = fieldErrors(e);
      }
      return null;
    } finally {
      this.saving = false;
    }
  }

  /** The coordinator says this is not the person already recorded: saves anyway. */
  async saveAnyway(): Promise<Person | null> {
    if (!this.duplicate) return null;
    this.differentFrom.push(this.duplicate.id);
    return this.save();
  }
}
