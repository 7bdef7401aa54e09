// The people and records that tests start from.
import type { Person, PersonRecord } from '../lib/api';
import { emptyDetails } from '../lib/personDetails';
import { RecordState } from '../lib/state/record.svelte';

export function anna(): Person {
  return {
    id: 1,
    givenName: 'Anna',
    familyName: 'Nowak',
    preferredName: '',
    pronouns: '',
    dateOfBirth: '1946-03-14',
    nhsNumber: '',
    details: emptyDetails(),
    displayName: 'Anna Nowak',
    version: 1,
    updatedAt: '',
  };
}

/** Anna's record, empty but for what parts gives. */
export function annasRecord(parts: Partial<PersonRecord> = {}): PersonRecord {
  return { person: anna(), banner: '', fields: {}, items: {}, aboutMeUpdated: '', checks: [], ...parts };
}

/** A loaded RecordState for Anna's record. */
export function annasRecordState(parts: Partial<PersonRecord> = {}): RecordState {
  const rec = new RecordState(1);
  rec.record = annasRecord(parts);
  return rec;
}
