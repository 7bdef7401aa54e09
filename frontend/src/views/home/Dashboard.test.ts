import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Dashboard from './Dashboard.svelte';
import type { Meeting } from '../../lib/api';
import { expectNoAxeViolations } from '../../test/axe';

const fake = vi.hoisted(() => ({ dashboard: vi.fn() }));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, fake)));

function meeting(id: number, more: Partial<Meeting> = {}): Meeting {
  return {
    id,
    personId: 1,
    date: '2026-12-01',
    time: `1${id}:00`,
    place: 'At home',
    remote: false,
    purpose: 'review',
    purposeLabel: 'Review',
    personAbsentReason: '',
    startedAt: '',
    endedAt: '',
    summary: '',
    currentItemId: 0,
    draft: '',
    draftSpeaker: 0,
    otherDrafts: [],
    version: 1,
    participants: [],
    agenda: [],
    contributions: [],
    decisions: [],
    ...more,
  } as Meeting;
}

describe('Dashboard meetings', () => {
  it('labels meetings in progress and ended, and upcoming ones not at all, with no axe violations', async () => {
    fake.dashboard.mockResolvedValue({
      today: '2026-12-01',
      meetings: [
        {
          meeting: meeting(1, { startedAt: '2026-12-01T09:00:00Z', endedAt: '2026-12-01T10:00:00Z' }),
          person: 'Anna Nowak',
          state: 'ended',
          stateLabel: 'Ended',
        },
        {
          meeting: meeting(2, { startedAt: '2026-12-01T11:00:00Z' }),
          person: 'Gosia Wiśniewska',
          state: 'in-progress',
          stateLabel: 'In progress',
        },
        { meeting: meeting(3), person: 'Derek Johnson', state: 'upcoming', stateLabel: 'Upcoming' },
      ],
      reviews: [],
      overdueActions: [],
      recent: [],
    });
    const { container } = render(Dashboard);
    const items = await screen.findAllByRole('listitem');
    const text = items.map((li) => li.textContent ?? '');
    expect(text.find((t) => t.includes('Anna Nowak'))).toMatch(/^\s*Ended/);
    expect(text.find((t) => t.includes('Gosia Wiśniewska'))).toMatch(/^\s*In progress/);
    expect(text.find((t) => t.includes('Derek Johnson'))).not.toMatch(/Upcoming|In progress|Ended/);
    await expectNoAxeViolations(container);
  });
});
