import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import LastParticipants from './LastParticipants.svelte';
import type { Meeting, Participant } from '../../lib/api';
import { MEETING } from '../../lib/state/context';
import { MeetingState } from '../../lib/state/meeting.svelte';
import { expectNoAxeViolations } from '../../test/axe';

const fake = vi.hoisted(() => ({ lastParticipants: vi.fn(), saveParticipant: vi.fn() }));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, fake)));

const person: Participant = {
  id: 1,
  name: 'Irena Kowalska',
  role: '',
  kind: 'person',
  sourceItemId: 0,
  attendance: 'invited',
  removed: false,
};
const marek: Participant = { ...person, id: 0, name: 'Marek Kowalski', role: 'son', kind: 'contact', sourceItemId: 2 };
const jo: Participant = { ...person, id: 0, name: 'Jo Bright', role: 'Advocate', kind: 'other' };

function meetingState(participants: Participant[]) {
  const ms = new MeetingState(5);
  ms.meeting = { id: 5, personId: 1, participants } as unknown as Meeting;
  return ms;
}

describe('LastParticipants', () => {
  it('offers who took part last time and is not invited yet', async () => {
    fake.lastParticipants.mockResolvedValue([marek, jo]);
    const ms = meetingState([person, { ...jo, id: 3 }]);
    fake.saveParticipant.mockImplementation(async (_id: number, p: Participant) => {
      const m = { ...ms.meeting!, participants: [...ms.meeting!.participants, { ...p, id: 9 }] };
      return m;
    });
    const { container } = render(LastParticipants, { context: new Map([[MEETING, ms]]) });
    await screen.findByText('From the last meeting');
    expect(screen.getByText('Marek Kowalski (son)')).toBeTruthy();
    expect(screen.queryByText(/Jo Bright/)).toBeNull();
    await expectNoAxeViolations(container);
    await userEvent.click(screen.getByRole('button', { name: 'Invite Marek Kowalski again' }));
    expect(fake.saveParticipant).toHaveBeenCalledWith(5, { ...marek, id: 0 });
  });

  it('shows nothing when there was no meeting before', async () => {
    fake.lastParticipants.mockResolvedValue([]);
    const { container } = render(LastParticipants, { context: new Map([[MEETING, meetingState([person])]]) });
    await vi.waitFor(() => expect(fake.lastParticipants).toHaveBeenCalledWith(5));
    expect(container.textContent?.trim()).toBe('');
  });
});
