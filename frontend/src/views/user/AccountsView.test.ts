import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AccountsView from './AccountsView.svelte';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';

const backend = vi.hoisted(() => ({ accounts: vi.fn() }));
const status = vi.hoisted(() => ({ retentionYears: vi.fn(), setRetentionYears: vi.fn() }));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, backend)));
vi.mock('../../lib/api/status', (original) => import('../../test/api').then((t) => t.fakeStatusApi(original, status)));

beforeEach(() => {
  [...Object.values(backend), ...Object.values(status)].forEach((f) => f.mockReset());
  backend.accounts.mockResolvedValue([
    { name: 'Sam Okafor', role: 'Care coordinator', createdAt: '2026-11-01T09:00:00Z' },
  ]);
  status.retentionYears.mockResolvedValue(8);
});

describe('AccountsView', () => {
  it('shows and changes how long records are kept', async () => {
    const { container } = render(AccountsView, { lockMinutes: 5, onlockminutes: vi.fn() });
    const user = userEvent.setup();
    const input = screen.getByLabelText(/Keep a record for this many years/);
    await vi.waitFor(() => expect(input).toHaveValue('8'));
    await expectNoAxeViolations(container);

    status.setRetentionYears.mockResolvedValue(
      failure('retentionYears', 'Enter the retention period as a whole number of years from 1 to 100'),
    );
    await user.clear(input);
    await user.type(input, 'eight');
    await user.click(screen.getAllByRole('button', { name: 'Save' })[1]);
    expect(await screen.findByText(/Enter the retention period as a whole number/)).toBeInTheDocument();
    await expectNoAxeViolations(container);

    status.setRetentionYears.mockResolvedValue(10);
    await user.clear(input);
    await user.type(input, '10');
    await user.click(screen.getAllByRole('button', { name: 'Save' })[1]);
    expect(
      await screen.findByText('Records are kept for 10 years after someone is no longer supported.'),
    ).toBeInTheDocument();
    expect(status.setRetentionYears).toHaveBeenLastCalledWith('10');
  });
});
