// One meeting as its screens use it: loading, and changes that return the
// meeting as stored, or the errors to show.
import { api, toApiError, type Meeting, type Participant } from '../api';
import { problemOf } from './errors';
import { FormState } from './form.svelte';

/** The screens of one meeting. */
export type MeetingView = 'prepare' | 'edit' | 'run' | 'show' | 'decision' | 'end';

/**
 * The screen a meeting shows for view: a meeting not started, or ended,
 * shows its page (ended: except "Show the person").
 */
export function meetingScreen(m: Meeting, view: MeetingView): MeetingView {
  if (view === 'prepare' || view === 'edit') return view;
  if (!m.startedAt || (m.endedAt && view !== 'show')) return 'prepare';
  return view;
}

export class MeetingState {
  meeting = $state<Meeting | null>(null);
  problem = $state('');
  /** the errors of the last change, for whichever of the meeting's forms made it */
  readonly form = new FormState();
  readonly id: number;
  /** the draft saves under way, one after another, so they land in the order they were made */
  private drafts: Promise<unknown> = Promise.resolve();

  constructor(id: number) {
    this.id = id;
  }

  async load() {
    await this.draftsSaved();
    try {
      this.meeting = await api.findMeeting(this.id);
      this.problem = '';
    } catch (e) {
      this.problem = problemOf(e);
    }
  }

  /** Runs a change; on success shows the stored meeting, on failure the errors. */
  async act(change: () => Promise<Meeting>): Promise<boolean> {
    const meeting = await this.form.run(change);
    if (meeting) this.meeting = meeting;
    return meeting !== null;
  }

  /**
   * Saves what the user is typing as their own draft, after any save still
   * under way. Resolves to "" once saved, or to the problem to show.
   */
  saveDraft(speakerId: number, text: string): Promise<string> {
    const save = this.drafts.then(async () => {
      try {
        await api.saveDraft(this.id, speakerId, text);
        if (this.meeting) Object.assign(this.meeting, { draft: text, draftSpeaker: speakerId });
        return '';
      } catch (e) {
        return toApiError(e).message;
      }
    });
    this.drafts = save;
    return save;
  }

  /** Resolves once every draft save made so far has finished. */
  async draftsSaved(): Promise<void> {
    await this.drafts;
  }

  /** People taking part, not removed. */
  get participants(): Participant[] {
    return (this.meeting?.participants ?? []).filter((p) => !p.removed);
  }

  participant(id: number): Participant | undefined {
    return this.meeting?.participants.find((p) => p.id === id);
  }
}
