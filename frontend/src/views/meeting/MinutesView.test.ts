import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import MinutesView from './MinutesView.svelte';
import type { Contribution, Meeting } from '../../lib/api';
import { MEETING, RECORD } from '../../lib/state/context';
import { MeetingState } from '../../lib/state/meeting.svelte';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';
import { annasRecordState } from '../../test/fixtures';

const fake = vi.hoisted(() => ({ saveMinutes: vi.fn(), correctContribution: vi.fn() }));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, fake)));

function said(parts: Partial<Contribution>): Contribution {
  return {
    id: 1,
    agendaItemId: 10,
    participantId: 1,
    text: '',
    personsWords: false,
    createdAt: '2026-11-24T10:05:00Z',
    author: 'Sam Okafor',
    ...parts,
  };
}

function ended(contributions: Contribution[]): Meeting {
  return {
    id: 3,
    personId: 1,
    date: '2026-11-24',
    time: '10:00',
    place: 'At home',
    remote: false,
    purpose: 'review',
    purposeLabel: 'Review',
    personAbsentReason: '',
    startedAt: '2026-11-24T10:00:00Z',
    endedAt: '2026-11-24T11:00:00Z',
    cancelledAt: '',
    cancelReason: '',
    summary: 'We talked about the garden',
    currentItemId: 0,
    draft: '',
    draftSpeaker: 0,
    otherDrafts: [],
    version: 4,
    participants: [
      { id: 1, name: 'Anna Nowak', role: '', kind: 'person', sourceItemId: 0, attendance: 'present', removed: false },
      {
        id: 2,
        name: 'Ola Nowak',
        role: 'Daughter',
        kind: 'contact',
        sourceItemId: 5,
        attendance: 'present',
        removed: false,
      },
      {
        id: 3,
        name: 'Dr Rao',
        role: 'GP',
        kind: 'professional',
        sourceItemId: 6,
        attendance: 'apologies',
        removed: false,
      },
    ],
    agenda: [
      { id: 10, title: 'What matters to you', startedAt: '', seconds: 60 },
      { id: 11, title: 'Goals', startedAt: '', seconds: 0 },
    ],
    contributions,
    decisions: [
      {
        id: 7,
        agendaItemId: 10,
        decision: 'Try a raised bed',
        options: [{ option: 'Raised bed', benefits: 'No bending', risks: 'Cost' }],
        whatMatters: 'Growing her own tomatoes',
        whoTookPart: 'Anna and Ola',
        reservations: 'Ola worries about the cost',
        version: 1,
      },
    ],
  };
}

const words = [
  said({ id: 1, text: 'I want my gardn back', personsWords: true, mine: true }),
  said({
    id: 2,
    participantId: 2,
    text: 'She is tired after 3pm',
    author: 'Priya Shah',
    current: 'She is tired after 4pm',
    corrections: [
      {
        id: 9,
        text: 'She is tired after 4pm',
        struck: false,
        reason: 'Wrong time',
        afterAgreed: true,
        createdAt: '2026-11-25T09:00:00Z',
        createdBy: 'Priya Shah',
        note: 'Corrected on 25 November 2026 by Priya Shah, after the plan was agreed: Wrong time',
      },
    ],
  }),
];

function shown(meeting: Meeting = ended(words)) {
  const rec = annasRecordState({
    items: {
      goals: [{ id: 20, values: { text: 'Grow tomatoes', meeting: '3', contribution: '1' } }],
      actions: [
        { id: 21, values: { what: 'Order a raised bed', owner: 'service', service: 'Garden club', meeting: '3' } },
        { id: 22, values: { what: 'From another meeting', owner: 'person', meeting: '2' } },
      ],
    } as never,
  });
  const ms = new MeetingState(3);
  ms.meeting = meeting;
  const view = render(MinutesView, {
    context: new Map<symbol, unknown>([
      [RECORD, rec],
      [MEETING, ms],
    ]),
  });
  return { ...view, ms };
}

beforeEach(() => {
  for (const fn of Object.values(fake)) fn.mockReset();
});

describe('MinutesView', () => {
  it('shows who came, what was said by whom under each item, decisions, goals and actions, with no axe violations', async () => {
    const { container } = shown();
    expect(screen.getByText('Anna Nowak, Ola Nowak (Daughter)')).toBeInTheDocument();
    expect(screen.getByText('Dr Rao (GP)')).toBeInTheDocument();
    const item = screen.getByRole('region', { name: 'What matters to you' });
    expect(within(item).getByText("In Anna Nowak's own words")).toBeInTheDocument();
    expect(within(item).getByText('“I want my gardn back”')).toBeInTheDocument();
    expect(within(item).getByText('She is tired after 4pm')).toBeInTheDocument();
    expect(within(item).getByText(/after the plan was agreed: Wrong time/)).toBeInTheDocument();
    expect(within(item).getByText('She is tired after 3pm')).toBeInTheDocument(); // kept, in the history
    expect(screen.queryByRole('region', { name: 'Goals' })).toBeNull(); // nothing said under it
    expect(screen.getByText('Try a raised bed')).toBeInTheDocument();
    expect(screen.getByText('Ola worries about the cost')).toBeInTheDocument();
    expect(screen.getByText('Grow tomatoes')).toBeInTheDocument();
    expect(screen.getByText('Order a raised bed')).toBeInTheDocument();
    expect(screen.queryByText('From another meeting')).toBeNull();
    // Only what the user added can be corrected.
    expect(screen.getAllByRole('button', { name: /^Correct this/ })).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  /** expectCorrection checks the correction sent of contribution 1 of meeting 3. */
  function expectCorrection(text: string, struck: boolean, reason: string) {
    expect(fake.correctContribution).toHaveBeenCalledWith(3, { contributionId: 1, text, struck, reason });
  }

  it('corrects the words, keeping the original, and shows the stored meeting', async () => {
    const user = userEvent.setup();
    const { ms, container } = shown();
    await user.click(screen.getByRole('button', { name: /^Correct this/ }));
    const box = screen.getByLabelText('The corrected words');
    expect(box).toHaveFocus();
    expect(box).toHaveValue('I want my gardn back');
    await user.clear(box);
    await user.click(screen.getByRole('button', { name: 'Save the correction' }));
    expect(fake.correctContribution).not.toHaveBeenCalled();
    expect(screen.getAllByText('Type the corrected words, or strike it through instead').length).toBeGreaterThan(0);
    await expectNoAxeViolations(container);

    const after = ended([{ ...words[0], current: 'I want my garden back', corrections: [] }, words[1]]);
    fake.correctContribution.mockResolvedValue(after);
    await user.type(box, 'I want my garden back');
    await user.type(screen.getByLabelText('Why it is corrected (optional)'), 'Spelling');
    await user.click(screen.getByRole('button', { name: 'Save the correction' }));
    expectCorrection('I want my garden back', false, 'Spelling');
    expect(ms.meeting).toEqual(after);
    expect(screen.getByText('“I want my garden back”')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Correct this/ })).toHaveFocus();
  });

  it('strikes through with a reason, and shows the refusal for someone else’s words', async () => {
    const user = userEvent.setup();
    shown();
    fake.correctContribution.mockResolvedValue(failure('', 'Only the person who added this can correct it'));
    await user.click(screen.getByRole('button', { name: /^Correct this/ }));
    await user.click(screen.getByLabelText('Strike this through: it should not have been recorded'));
    expect(screen.queryByLabelText('The corrected words')).toBeNull();
    await user.type(screen.getByLabelText('Why it is struck through'), 'Said by someone else');
    await user.click(screen.getByRole('button', { name: 'Strike it through' }));
    expectCorrection('', true, 'Said by someone else');
    expect(await screen.findByText('Only the person who added this can correct it')).toBeInTheDocument();
  });

  it("saves the minutes in the chosen format, defaulting to the person's", async () => {
    const user = userEvent.setup();
    shown();
    fake.saveMinutes.mockResolvedValue('/home/sam/Anna Nowak meeting notes 2026-11-24 large-print.pdf');
    expect(screen.getByRole('option', { name: "Anna Nowak's format (Standard)" })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Format'), 'large-print');
    await user.click(screen.getByRole('button', { name: 'Save the minutes' }));
    expect(fake.saveMinutes).toHaveBeenCalledWith(3, 'large-print');
    expect(await screen.findByText(/Saved the minutes to .*large-print\.pdf/)).toBeInTheDocument();
  });
});
