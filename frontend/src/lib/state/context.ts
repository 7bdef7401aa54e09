// The record and meeting that a person's screens share, provided by their
// shells (PersonShell, MeetingShell) through Svelte context, so that no
// screen passes them down by hand.
import { getContext, setContext } from 'svelte';
import type { MeetingState } from './meeting.svelte';
import type { RecordState } from './record.svelte';

/** The context keys; tests provide them with render's `context` option. */
export const RECORD = Symbol('record');
export const MEETING = Symbol('meeting');

/** Makes rec the record of every screen inside the calling component. */
export function provideRecord(rec: RecordState): RecordState {
  return setContext(RECORD, rec);
}

/** The record of the person whose screen this is; only inside PersonShell. */
export function useRecord(): RecordState {
  const rec = getContext<RecordState | undefined>(RECORD);
  if (!rec) throw new Error('useRecord outside a PersonShell');
  return rec;
}

/** Makes ms the meeting of every screen inside the calling component. */
export function provideMeeting(ms: MeetingState): MeetingState {
  return setContext(MEETING, ms);
}

/** The meeting whose screen this is; only inside MeetingShell. */
export function useMeeting(): MeetingState {
  const ms = getContext<MeetingState | undefined>(MEETING);
  if (!ms) throw new Error('useMeeting outside a MeetingShell');
  return ms;
}
