import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Checklist from './Checklist.svelte';
import BookingCard from '../home/BookingCard.svelte';
import type { ChecklistItem } from '../../lib/api';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';

const fake = vi.hoisted(() => ({
  meetingChecklist: vi.fn(),
  setChecklistItemDone: vi.fn(),
  openChecklist: vi.fn(),
}));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, fake)));

const item = (id: number, label: string, done = false): ChecklistItem => ({
  id,
  meetingId: 7,
  label,
  done,
  doneAt: done ? '2026-11-20T10:00:00Z' : '',
  doneBy: done ? 'Sam Okafor' : '',
});

beforeEach(() => {
  vi.resetAllMocks();
});

describe('Checklist', () => {
  it('lists what to book, and ticking keeps who did it', async () => {
    fake.meetingChecklist.mockResolvedValue([item(1, 'Book a Polish interpreter'), item(2, 'Book a hearing loop')]);
    fake.setChecklistItemDone.mockResolvedValue(item(1, 'Book a Polish interpreter', true));
    const { container } = render(Checklist, { meetingId: 7 });
    const box = await screen.findByLabelText('Book a Polish interpreter');
    expect(screen.getByRole('heading', { name: 'To book before the meeting' })).toBeTruthy();
    expect(screen.getByText(/2 still to do/)).toBeTruthy();
    await expectNoAxeViolations(container);

    await userEvent.click(box);
    expect(fake.setChecklistItemDone).toHaveBeenCalledWith(1, true);
    expect(await screen.findByText(/Done by Sam Okafor/)).toBeTruthy();
    expect((screen.getByLabelText('Book a Polish interpreter') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/1 still to do/)).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('says why a tick was refused', async () => {
    fake.meetingChecklist.mockResolvedValue([item(1, 'Book a hearing loop')]);
    fake.setChecklistItemDone.mockResolvedValue(failure('', 'This meeting has ended. Its record can no longer change'));
    const { container } = render(Checklist, { meetingId: 7 });
    await userEvent.click(await screen.findByLabelText('Book a hearing loop'));
    expect(await screen.findByText(/This meeting has ended/)).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('shows nothing when there is nothing to book', async () => {
    fake.meetingChecklist.mockResolvedValue([]);
    const { container } = render(Checklist, { meetingId: 7 });
    await vi.waitFor(() => expect(fake.meetingChecklist).toHaveBeenCalled());
    expect(container.textContent?.trim()).toBe('');
  });

  it('cannot be changed once the meeting has ended', async () => {
    fake.meetingChecklist.mockResolvedValue([item(1, 'Book a hearing loop')]);
    render(Checklist, { meetingId: 7, ended: true });
    expect(((await screen.findByLabelText('Book a hearing loop')) as HTMLInputElement).disabled).toBe(true);
  });
});

describe('BookingCard', () => {
  it('lists what is still to book, each opening its meeting', async () => {
    fake.openChecklist.mockResolvedValue([
      {
        item: item(1, 'Book a Polish interpreter'),
        personId: 3,
        person: 'Halina Nowak',
        meetingDate: '2026-11-24',
        meetingTime: '10:00',
      },
    ]);
    const { container } = render(BookingCard);
    const link = await screen.findByRole('link', { name: 'Book a Polish interpreter' });
    expect(link.getAttribute('href')).toBe('#/people/3/meetings/7');
    expect(screen.getByText(/Halina Nowak · meeting 24 November 2026 at 10:00/)).toBeTruthy();
    await expectNoAxeViolations(container);
  });
});
