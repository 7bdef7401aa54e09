// Who can own an action: the person, their contacts, their care team, a
// service, or someone added to a meeting. One place turns owner values into names.
import type { Item, Participant } from '../api';

export interface OwnerOption {
  value: string;
  label: string;
}

export function ownerOptions(
  personName: string,
  contacts: Item[],
  careTeam: Item[],
  participants: Participant[] = [],
): OwnerOption[] {
  return [
    { value: 'person', label: personName },
    ...contacts.map((c) => ({ value: `contact:${c.id}`, label: c.values.name })),
    ...careTeam.map((p) => ({ value: `professional:${p.id}`, label: p.values.name })),
    ...participants
      .filter((p) => p.kind === 'other' && !p.removed)
      .map((p) => ({ value: `participant:${p.id}`, label: p.name })),
    { value: 'service', label: 'A service (name it below)' },
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
