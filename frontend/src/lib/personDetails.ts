// The person's own details (address, GP, home, how they describe
// themselves): their groups and fields come from Go (vocab.personDetails);
// here are the shapes the forms and cards share.
import type { Choice, Person, SectionSpec } from './api';

export type PersonDetails = Person['details'];

/** The keys of the details, in the order Go sends their fields. */
export function detailKeys(groups: SectionSpec[]): string[] {
  return groups.flatMap((g) => g.fields.map((f) => f.key));
}

/** Details with nothing recorded. */
export function emptyDetails(): PersonDetails {
  return {
    address: '',
    postcode: '',
    phone: '',
    email: '',
    preferredContact: '',
    gpName: '',
    gpAddress: '',
    gpPhone: '',
    gpOdsCode: '',
    livesAlone: '',
    livesWith: '',
    accessNotes: '',
    gender: '',
    ethnicity: '',
    religion: '',
  };
}

/** A detail as it reads: a choice's label, or the value itself. */
export function detailText(details: PersonDetails, key: string, choices: Choice[] = []): string {
  const value = (details as Record<string, string>)[key] ?? '';
  return choices.find((c) => c.value === value)?.label ?? value;
}
