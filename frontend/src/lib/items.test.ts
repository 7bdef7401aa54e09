import { describe, expect, it } from 'vitest';
import type { Participant } from './api';
import { annasRecord } from '../test/fixtures';
import { actions, contacts, fromContribution, ownerOfSpeaker, ownerOptions } from './items';

const record = annasRecord({
  items: {
    contacts: [{ id: 7, values: { name: 'Ola Nowak', relationship: 'Daughter', isCarer: 'true' }, version: 1 }],
    careTeam: [{ id: 9, values: { name: 'Dr Shah', team: 'GP' }, version: 1 }],
    actions: [{ id: 4, values: { what: 'Book the ramp', owner: 'service', service: 'Housing' }, version: 1 }],
  },
});

const participant = (p: Partial<Participant>): Participant => ({
  id: 5,
  name: 'Jo',
  role: '',
  kind: 'other',
  sourceItemId: 0,
  attendance: 'invited',
  removed: false,
  ...p,
});

describe('items', () => {
  it('reads contacts and actions as typed values', () => {
    expect(contacts(record)).toEqual([{ id: 7, name: 'Ola Nowak', relationship: 'Daughter', isCarer: true }]);
    expect(actions(record)[0]).toEqual({
      id: 4,
      what: 'Book the ramp',
      owner: 'service',
      service: 'Housing',
      byWhen: '',
    });
    expect(contacts(null)).toEqual([]);
  });

  it('offers every owner, as Go reads owner values', () => {
    expect(ownerOptions(record, [participant({}), participant({ id: 6, removed: true })])).toEqual([
      { value: 'person', label: 'Anna Nowak' },
      { value: 'contact:7', label: 'Ola Nowak' },
      { value: 'professional:9', label: 'Dr Shah' },
      { value: 'participant:5', label: 'Jo' },
      { value: 'service', label: 'A service (name it below)' },
    ]);
  });

  it.each([
    [participant({ kind: 'person' }), 'person'],
    [participant({ kind: 'contact', sourceItemId: 7 }), 'contact:7'],
    [participant({ kind: 'professional', sourceItemId: 9 }), 'professional:9'],
    [participant({}), 'participant:5'],
    [undefined, ''],
  ])('the owner of speaker %#', (p, want) => expect(ownerOfSpeaker(p)).toBe(want));

  it('starts goals and actions from what was said', () => {
    expect(fromContribution('goals', 'Walk again', 3, 8, 'person')).toEqual({
      text: 'Walk again',
      meeting: '3',
      contribution: '8',
      status: 'not-started',
    });
    expect(fromContribution('actions', 'Call', 3, 8, 'contact:7')).toMatchObject({ what: 'Call', owner: 'contact:7' });
  });
});
