// The fixed lists of choices (meeting purposes, attendance, who signs, print
// formats...) as Go's care package defines them, loaded once at start so that
// no screen types them again.
import { api, type Choice, type Vocabularies } from '../api';

const EMPTY: Vocabularies = {
  meetingPurposes: [],
  attendances: [],
  signatureRoles: [],
  signatureMethods: [],
  printFormats: [],
  contactTypes: [],
  professionalRoles: [],
  communicationNeeds: [],
  goalStatuses: [],
  actionStatuses: [],
  historyActions: [],
  personDetails: [],
};

/** The lists of choices (personDetails is the groups of a form's fields). */
export type VocabularyName = {
  [K in keyof Vocabularies]: Vocabularies[K] extends Choice[] ? K : never;
}[keyof Vocabularies];

export class VocabState {
  lists = $state<Vocabularies>(EMPTY);
  loaded = $state(false);

  /** Fetches the lists; on failure keeps them empty, so that the screens still open. */
  async load() {
    try {
      this.set(await api.vocabularies());
    } catch {
      // The backend always answers; a screen without choices is the worst case.
    }
  }

  set(lists: Vocabularies) {
    this.lists = lists;
    this.loaded = true;
  }

  /** The choices of one list. */
  choices(name: VocabularyName): Choice[] {
    return this.lists[name];
  }

  /** The label of value in a list, or value itself when the list does not have it. */
  label(name: VocabularyName, value: string): string {
    return this.lists[name].find((c) => c.value === value)?.label ?? value;
  }
}

export const vocab = new VocabState();
