import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ReviewItems from './ReviewItems.svelte';
import PlanChanged from '../plan/PlanChanged.svelte';
import type { Review } from '../../lib/api';
import { expectNoAxeViolations } from '../../test/axe';
import { failure } from '../../test/api';
import { annasRecord } from '../../test/fixtures';

const fake = vi.hoisted(() => ({ review: vi.fn(), setReviewOutcome: vi.fn(), findRecord: vi.fn() }));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, fake)));

const outcomes = [
  { value: 'done', label: 'Done' },
  { value: 'carry-on', label: 'Carry on' },
  { value: 'stop', label: 'Stop, because…' },
];

function review(parts: Partial<Review> = {}): Review {
  return {
    version: 2,
    outcomes,
    changes: [],
    items: [
      {
        section: 'actions',
        uuid: 'a1',
        text: 'Refer to the falls clinic',
        agreedStatus: 'Not started',
        itemId: 7,
        itemVersion: 1,
        status: 'Not started',
        outcome: '',
        stopReason: '',
      },
      {
        section: 'actions',
        uuid: 'a2',
        text: 'Book a hearing test',
        agreedStatus: 'Not started',
        itemId: 0,
        itemVersion: 0,
        status: '',
        outcome: '',
        stopReason: '',
      },
      {
        section: 'goals',
        uuid: 'g1',
        text: 'Stay in my flat',
        agreedStatus: 'In progress',
        itemId: 3,
        itemVersion: 2,
        status: 'In progress',
        outcome: 'carry-on',
        stopReason: '',
      },
    ],
    ...parts,
  };
}

describe('ReviewItems', () => {
  beforeEach(() => {
    fake.review.mockReset().mockResolvedValue(review());
    fake.setReviewOutcome.mockReset();
    fake.findRecord.mockReset().mockResolvedValue(annasRecord());
  });

  it('lists the actions last agreed, with their status then and now', async () => {
    const { container } = render(ReviewItems, { props: { personId: 1, section: 'actions', onchanged: () => {} } });
    await screen.findByRole('heading', { name: 'The actions agreed in version 2' });
    expect(screen.getByRole('group', { name: 'Refer to the falls clinic' })).toBeTruthy();
    expect(screen.getByText(/Removed from the plan since/)).toBeTruthy();
    expect(screen.queryByText('Stay in my flat')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('saves done at once, and asks why before stopping', async () => {
    const onchanged = vi.fn();
    fake.setReviewOutcome.mockResolvedValueOnce(
      review({ items: [{ ...review().items[0], outcome: 'done', status: 'Done', itemVersion: 2 }] }),
    );
    const { container } = render(ReviewItems, { props: { personId: 1, section: 'actions', onchanged } });
    const group = await screen.findByRole('group', { name: 'Refer to the falls clinic' });
    await userEvent.click(within(group).getByLabelText('Done'));
    expect(fake.setReviewOutcome).toHaveBeenCalledWith(1, 'actions', {
      itemId: 7,
      version: 1,
      outcome: 'done',
      stopReason: '',
    });
    await screen.findByText('Saved: Done – Refer to the falls clinic');
    expect(onchanged).toHaveBeenCalled();

    // Stop waits for its reason; the backend refuses an empty one beside the box.
    fake.setReviewOutcome.mockResolvedValueOnce(failure('stopReason', 'Enter why it is stopping'));
    await userEvent.click(
      within(screen.getByRole('group', { name: 'Refer to the falls clinic' })).getByLabelText('Stop, because…'),
    );
    expect(fake.setReviewOutcome).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Save why it is stopping' }));
    await screen.findAllByText(/Enter why it is stopping/);
    await expectNoAxeViolations(container);

    fake.setReviewOutcome.mockResolvedValueOnce(review());
    await userEvent.type(screen.getByLabelText('Why is it stopping?'), 'Seen at home instead');
    await userEvent.click(screen.getByRole('button', { name: 'Save why it is stopping' }));
    expect(fake.setReviewOutcome).toHaveBeenLastCalledWith(1, 'actions', {
      itemId: 7,
      version: 2,
      outcome: 'stop',
      stopReason: 'Seen at home instead',
    });
  });

  it('shows nothing without an agreed version', async () => {
    fake.review.mockResolvedValue(review({ version: 0, items: [] }));
    const { container } = render(ReviewItems, { props: { personId: 1, section: 'goals', onchanged: () => {} } });
    await vi.waitFor(() => expect(fake.review).toHaveBeenCalled());
    expect(container.textContent?.trim()).toBe('');
  });
});

describe('PlanChanged', () => {
  it('says the plan has changed since the last version, and how', async () => {
    fake.review.mockResolvedValue(
      review({ version: 1, changes: [{ section: 'My goals', text: 'Goal added: Cook pierogi' }] }),
    );
    const { container } = render(PlanChanged, { props: { personId: 1 } });
    await screen.findByRole('heading', { name: 'This plan has changed since version 1 was agreed' });
    expect(screen.getByText('My goals: Goal added: Cook pierogi')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('says when nothing has changed', async () => {
    fake.review.mockResolvedValue(review({ version: 3, changes: [] }));
    render(PlanChanged, { props: { personId: 1 } });
    await screen.findByText('Nothing has changed since version 3 was agreed.');
  });
});
