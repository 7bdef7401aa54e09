// The add-person and change-details form: what has been typed, the errors
// the backend found, and saving.
import { api, type Person, type PersonInput } from '../api';
import { FormState } from './form.svelte';
import { joinDate, splitDate } from '../format';
import { emptyDetails, type PersonDetails } from '../personDetails';

/** Someone already recorded whom the person being added may be. */
export interface PossibleDuplicate {
  id: number;
  /** "There is already a Derek Johnson born 9 August 1962" */
  message: string;
  /** their name as the app shows it, or "" if it could not be read */
  name: string;
}

/** The order of the form, so the error summary lists errors top to bottom. */
export const FIELD_ORDER = [
  'givenName',
  'familyName',
  'preferredName',
  'pronouns',
  'dateOfBirth',
  'nhsNumber',
  ...Object.keys(emptyDetails()),
];

export class PersonForm extends FormState {
  givenName = $state('');
  familyName = $state('');
  preferredName = $state('');
  pronouns = $state('');
  dobDay = $state('');
  dobMonth = $state('');
  dobYear = $state('');
  nhsNumber = $state('');
  /** address, contact, GP, home and how they describe themselves */
  details = $state<PersonDetails>(emptyDetails());
  /** set when the backend found someone this may be; cleared by saving anyway */
  duplicate = $state<PossibleDuplicate | null>(null);
  /** people the coordinator has said this is not */
  private differentFrom: number[] = [];
  readonly id: number | null;
  version: number;

  constructor(person?: Person) {
    super();
    this.id = person?.id ?? null;
    this.version = person?.version ?? 0;
    if (person) {
      this.givenName = person.givenName;
      this.familyName = person.familyName;
      this.preferredName = person.preferredName;
      this.pronouns = person.pronouns;
      ({ day: this.dobDay, month: this.dobMonth, year: this.dobYear } = splitDate(person.dateOfBirth));
      this.nhsNumber = person.nhsNumber;
      this.details = { ...emptyDetails(), ...person.details };
    }
  }

  input(): PersonInput {
    return {
      givenName: this.givenName,
      familyName: this.familyName,
      preferredName: this.preferredName,
      pronouns: this.pronouns,
      dateOfBirth: joinDate(this.dobDay, this.dobMonth, this.dobYear),
      nhsNumber: this.nhsNumber,
      details: { ...this.details },
      version: this.version,
      differentFrom: [...this.differentFrom],
    };
  }

  /** Saves; returns the stored person, or null with errors set. What was typed is never cleared. */
  async save(): Promise<Person | null> {
    const id = this.id;
    const person = await this.submit(
      () => (id === null ? api.createPerson(this.input()) : api.updatePerson(id, this.input())),
      async (err) => {
        if (err.code !== 'conflict' || !err.personId) {
          this.duplicate = null;
          return false;
        }
        const existing = await api.findPerson(err.personId).catch(() => null);
        this.duplicate = { id: err.personId, message: err.message, name: existing?.displayName ?? '' };
        return true;
      },
    );
    if (person) this.duplicate = null;
    return person;
  }

  /** The coordinator says this is not the person already recorded: saves anyway. */
  async saveAnyway(): Promise<Person | null> {
    if (!this.duplicate) return null;
    this.differentFrom.push(this.duplicate.id);
    return this.save();
  }
}
