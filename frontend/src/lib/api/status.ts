// The backend calls for discharge, death, archive and deletion, and for
// cancelling a meeting. Like index.ts, the only code that talks to the
// generated bindings; kept apart so this work does not touch the main api.
import * as App from '../../../wailsjs/go/main/App';
import type { dto } from '../../../wailsjs/go/models';
import { call, type Meeting, type People, type Plain } from './index';

/** Whether a person is still supported; if not, why, from when, and when the record may be deleted. */
export type PersonStatus = Plain<dto.PersonStatusDTO>;
export type PersonStatusInput = Plain<dto.PersonStatusInput>;

export const statusApi = {
  find: (personId: number): Promise<PersonStatus> => call(() => App.FindPersonStatus(personId)),
  record: (personId: number, input: PersonStatusInput): Promise<PersonStatus> =>
    call(() => App.RecordPersonStatus(personId, input)),
  supportAgain: (personId: number): Promise<PersonStatus> => call(() => App.SupportAgain(personId)),
  deletePerson: (personId: number): Promise<void> => call(() => App.DeletePerson(personId)),
  removeExamplePeople: (): Promise<number> => call(() => App.RemoveExamplePeople()),
  cancelMeeting: (meetingId: number, reason: string): Promise<Meeting> =>
    call(() => App.CancelMeeting(meetingId, reason)),
  retentionYears: (): Promise<number> => call(() => App.RetentionYears()),
  setRetentionYears: (years: string): Promise<number> => call(() => App.SetRetentionYears(years)),
  searchPeople: (query: string, offset: number, inactive: boolean): Promise<People> =>
    call(() => App.SearchPeopleIncluding(query, offset, inactive)),
};
