// The record and meeting that a person's screens share, provided by their
// shells (PersonShell, MeetingShell) through Svelte context, so that no
// screen passes them down by hand.
import { getContext, setContext } from 'svelte';
import type { MeetingState } from './meeting.svelte';
import type { RecordState } from './record.svelte';

/** The context keys; tests provide them with render's `context` option. */
export const RECORD = Symbol('record');
export const MEETING = Symbol('meeting');

/** A value a shell provides to every screen inside it, and reads back in them. */
function shared<T>(key: symbol, shell: string) {
  return {
    provide: (value: T): T => setContext(key, value),
    use: (): T => {
      const value = getContext<T | undefined>(key);
      if (!value) throw new Error(`no ${key.description} outside a ${shell}`);
      return value;
    },
  };
}

const record = shared<RecordState>(RECORD, 'PersonShell');
const meeting = shared<MeetingState>(MEETING, 'MeetingShell');

/** Makes rec the record of every screen inside the calling component. */
export const provideRecord = record.provide;
/** The record of the person whose screen this is; only inside PersonShell. */
export const useRecord = record.use;
/** Makes ms the meeting of every screen inside the calling component. */
export const provideMeeting = meeting.provide;
/** The meeting whose screen this is; only inside MeetingShell. */
export const useMeeting = meeting.use;
