import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import HistoryView from './HistoryView.svelte';
import type { HistoryEntry } from '../../lib/api';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';
import { withRecord } from '../../test/context';
import { annasRecord, annasRecordState } from '../../test/fixtures';

const fake = vi.hoisted(() => ({
  history: vi.fn(),
  recordAccess: vi.fn(),
  restore: vi.fn(),
  vocabulary: vi.fn(),
}));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, fake)));

function entry(more: Partial<HistoryEntry>): HistoryEntry {
  return {
    id: 1,
    at: '2026-11-20T10:00:00Z',
    actor: 'Sam Okafor',
    role: 'Care coordinator',
    action: 'edit',
    section: 'Personal budget',
    itemId: 0,
    field: 'Amount',
    before: '£86.40',
    after: '£90.00',
    item: '',
    restorable: true,
    ...more,
  };
}

const entries = [
  entry({
    id: 3,
    action: 'remove',
    section: 'Contacts',
    itemId: 4,
    field: 'Name',
    before: 'Ola Nowak',
    after: '',
    item: 'Ola Nowak (removed)',
  }),
  entry({
    id: 2,
    section: 'Who will do what, and by when',
    itemId: 5,
    field: 'Who will do it',
    before: 'Ola Nowak',
    after: 'Anna Nowak',
    item: 'Book the taxi',
  }),
  entry({ id: 1 }),
  entry({
    id: 0,
    action: 'create',
    section: 'Personal details',
    field: 'Given name',
    before: '',
    after: 'Anna',
    restorable: false,
  }),
];

beforeEach(() => {
  for (const fn of Object.values(fake)) fn.mockReset();
  fake.history.mockResolvedValue({ entries, total: entries.length });
  fake.recordAccess.mockResolvedValue({ entries: [], total: 0 });
});

describe('HistoryView', () => {
  it('shows display values and names, with Restore on what can be restored, and no axe violations', async () => {
    const { container } = render(HistoryView, withRecord(annasRecordState()));
    expect(await screen.findByText('£86.40')).toBeInTheDocument();
    expect(screen.getByText(/Contacts, Ola Nowak \(removed\), Name/)).toBeInTheDocument();
    expect(screen.getByText(/Who will do what, and by when, Book the taxi, Who will do it/)).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^Restore this/ })).toHaveLength(3);
    expect(
      screen.getByRole('button', {
        name: 'Restore this: Contacts, Ola Nowak (removed), Name, as it was before this change',
      }),
    ).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('shows what came from the FHIR server, and who changed it there', async () => {
    fake.history.mockResolvedValue({
      entries: [
        entry({
          id: 9,
          action: 'from-server',
          actor: 'Dr Ada Shah',
          role: 'FHIR server',
          section: 'About me',
          field: 'What is most important to me',
          before: 'My garden',
          after: 'My garden 🌱',
          restorable: true,
        }),
        ...entries,
      ],
      total: entries.length + 1,
    });
    const { container } = render(HistoryView, withRecord(annasRecordState()));
    const row = (await screen.findByText('My garden 🌱')).closest('tr')!;
    expect(row).toHaveTextContent('Dr Ada Shah, FHIR server');
    expect(within(row).getByText('From the server')).toBeInTheDocument();
    expect(row).toHaveTextContent('Changed on the FHIR server: About me, What is most important to me');
    expect(screen.getAllByText('From the server')).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  it('restores a value, says so, and reads the history again', async () => {
    const user = userEvent.setup();
    render(HistoryView, withRecord(annasRecordState()));
    await screen.findByText('£86.40');
    fake.restore.mockResolvedValue(annasRecord());
    await user.click(screen.getByRole('button', { name: /^Restore this value: Personal budget, Amount/ }));
    expect(fake.restore).toHaveBeenCalledWith(1, 1);
    const banner = await screen.findByRole('alert');
    expect(within(banner).getByText('Restored the earlier value of Amount')).toBeInTheDocument();
    expect(fake.history).toHaveBeenCalledTimes(2);
  });

  it('says why a restore is refused, in an error summary, with no axe violations', async () => {
    const user = userEvent.setup();
    const { container } = render(HistoryView, withRecord(annasRecordState()));
    await screen.findByText('£86.40');
    const why = 'This cannot be restored. The person chosen to do this is no longer in the record. Choose someone else';
    fake.restore.mockResolvedValue(failure('', why));
    await user.click(screen.getByRole('button', { name: /^Restore this value: Who will do what/ }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(why)).toBeInTheDocument();
    expect(summary).toHaveFocus();
    await expectNoAxeViolations(container);
  });
});
