// The one place that reads a record's stored values by key. Items reach the
// frontend as values maps ({ name: "Ola Nowak", isCarer: "true" }); the
// screens use these typed views of them instead. (The forms themselves are
// drawn from the schema, field by field, and stay generic.)
import type { Item, Participant, PersonRecord } from './api';

/** A personal contact ("contacts" section). */
export interface Contact {
  id: number;
  name: string;
  relationship: string;
  isCarer: boolean;
}

/** A member of the care team ("careTeam" section). */
export interface CareTeamMember {
  id: number;
  name: string;
  team: string;
}

/** A goal ("goals" section). */
export interface Goal {
  id: number;
  text: string;
}

/** An action ("actions" section): what, who (an owner value) and by when. */
export interface Action {
  id: number;
  what: string;
  owner: string;
  /** the service's name, when owner is "service" */
  service: string;
  byWhen: string;
}

const items = (record: PersonRecord | null | undefined, section: string): Item[] => record?.items[section] ?? [];

/** A yes-or-no value as stored: "true", or "" for no. */
export const bool = (v: string | undefined) => v === 'true';

/** The stored value of one field of an item, "" when not set; for code that follows the schema field by field. */
export const valueOf = (item: Item, key: string): string => item.values[key] ?? '';

export const contacts = (record: PersonRecord | null | undefined): Contact[] =>
  items(record, 'contacts').map((i) => ({
    id: i.id,
    name: i.values.name ?? '',
    relationship: i.values.relationship ?? '',
    isCarer: bool(i.values.isCarer),
  }));

export const careTeam = (record: PersonRecord | null | undefined): CareTeamMember[] =>
  items(record, 'careTeam').map((i) => ({ id: i.id, name: i.values.name ?? '', team: i.values.team ?? '' }));

export const goals = (record: PersonRecord | null | undefined): Goal[] =>
  items(record, 'goals').map((i) => ({ id: i.id, text: i.values.text ?? '' }));

export const actions = (record: PersonRecord | null | undefined): Action[] =>
  items(record, 'actions').map((i) => ({
    id: i.id,
    what: i.values.what ?? '',
    owner: i.values.owner ?? '',
    service: i.values.service ?? '',
    byWhen: i.values.byWhen ?? '',
  }));

/** The format the person's plan is printed in ("communication" section), or "". */
export const printFormat = (record: PersonRecord): string => record.fields.communication?.printFormat?.value ?? '';

/** The About me section's stored fields: the person's words under each heading, notes beside them, who helped. */
export const aboutMe = (record: PersonRecord) => {
  const about = record.fields.aboutMe ?? {};
  return {
    words: (heading: string) => about[heading]?.value ?? '',
    note: (heading: string) => about[heading + 'Note'],
    supportedBy: about.supportedBy?.value ?? '',
  };
};

/** One choice of who owns an action. */
export interface OwnerOption {
  value: string;
  label: string;
}

/** A service owns the action (named in its service field). */
export const OWNER_SERVICE = 'service';

// Who can own an action: the person, their contacts, their care team, a
// service, or someone added to a meeting, as Go's care.ParseOwner reads them.
export function ownerOptions(record: PersonRecord | null | undefined, participants: Participant[] = []): OwnerOption[] {
  return [
    { value: 'person', label: record?.person.displayName ?? 'The person' },
    ...contacts(record).map((c) => ({ value: `contact:${c.id}`, label: c.name })),
    ...careTeam(record).map((p) => ({ value: `professional:${p.id}`, label: p.name })),
    ...participants
      .filter((p) => p.kind === 'other' && !p.removed)
      .map((p) => ({ value: `participant:${p.id}`, label: p.name })),
    { value: OWNER_SERVICE, label: 'A service (name it below)' },
  ];
}

/** The owner value for whoever spoke in a meeting, so an action made from their words is theirs. */
export function ownerOfSpeaker(p: Participant | undefined): string {
  if (!p) return '';
  if (p.kind === 'person') return 'person';
  if (p.kind === 'contact') return `contact:${p.sourceItemId}`;
  if (p.kind === 'professional') return `professional:${p.sourceItemId}`;
  return `participant:${p.id}`;
}

/** The first values of a goal or action made from something said in a meeting. */
export function fromContribution(
  section: 'goals' | 'actions',
  text: string,
  meetingId: number,
  contributionId: number,
  owner: string,
): Record<string, string> {
  const from = { meeting: String(meetingId), contribution: String(contributionId), status: 'not-started' };
  return section === 'goals' ? { text, ...from } : { what: text, owner, ...from };
}

/** The goals and actions made in a meeting (their "meeting" value is its id). */
export function fromMeeting(record: PersonRecord | null | undefined, meetingId: number) {
  const made = (i: Item) => i.values.meeting === String(meetingId);
  const ids = (section: string) =>
    new Set(
      items(record, section)
        .filter(made)
        .map((i) => i.id),
    );
  const g = ids('goals');
  const a = ids('actions');
  return { goals: goals(record).filter((x) => g.has(x.id)), actions: actions(record).filter((x) => a.has(x.id)) };
}

/** An entry's field as the screens show it: names for references, "£86.40", "1 June 2027", worked out in Go. */
export function shownValue(item: Item, key: string): string {
  return item.display?.[key] ?? '';
}

/** A field of a non-list section as the screens show it, worked out in Go; '' if never saved. */
export function shownField(record: PersonRecord, section: string, key: string): string {
  return record.fields[section]?.[key]?.display ?? '';
}

/** The entry of a list section with this id, or undefined. */
export function itemOf(record: PersonRecord, section: string, id: number): Item | undefined {
  return (record.items[section] ?? []).find((i) => i.id === id);
}
