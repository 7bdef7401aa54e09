// The add-person and change-details form: what has been typed, the errors
// the backend found, and saving.
import { api, type Person, type PersonInput } from '../api';
import { fieldErrors, type FieldError } from './errors';
import { joinDate, splitDate } from '../format';

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
  saving = $state(false);
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
      return person;
    } catch (e) {
      this.errors = fieldErrors(e);
      return null;
    } finally {
      this.saving = false;
    }
  }
}
