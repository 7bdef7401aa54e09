import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import BackupReminder from './BackupReminder.svelte';
import { daysSince } from '../../lib/state/backup.svelte';
import { expectNoAxeViolations } from '../../test/axe';

const status = vi.fn();
vi.mock('../../lib/api/backup', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api/backup')>();
  // A failure is thrown here, outside the mock, as the real api throws.
  const call = async () => {
    const r = await status();
    if (r === 'fail') throw new Error('cannot read');
    return r;
  };
  return { ...real, backupApi: { ...real.backupApi, status: call } };
});

beforeEach(() => status.mockReset());

describe('BackupReminder', () => {
  it('reminds when there has never been a backup, with a Back up now action link', async () => {
    status.mockResolvedValue({ lastAt: '', lastFile: '', due: true, recipient: '', damaged: '', canRestore: true });
    const { container } = render(BackupReminder);
    expect(await screen.findByText('Back up your records')).toBeInTheDocument();
    expect(screen.getByText(/has not been backed up on this computer yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back up now' })).toHaveAttribute('href', '#/backup');
    await expectNoAxeViolations(container);
  });

  it('reminds when the last backup is more than 7 days old', async () => {
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    status.mockResolvedValue({
      lastAt: tenDaysAgo,
      lastFile: 'x',
      due: true,
      recipient: '',
      damaged: '',
      canRestore: true,
    });
    render(BackupReminder);
    expect(await screen.findByText(/The last backup was made 10 days ago/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back up now' })).toBeInTheDocument();
  });

  it('only says when, after a recent backup', async () => {
    status.mockResolvedValue({
      lastAt: new Date().toISOString(),
      lastFile: 'x',
      due: false,
      recipient: '',
      damaged: '',
    });
    const { container } = render(BackupReminder);
    expect(await screen.findByText(/^Last backed up/)).toBeInTheDocument();
    expect(screen.queryByText('Back up your records')).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('shows nothing if the status cannot be read', async () => {
    status.mockResolvedValue('fail');
    const { container } = render(BackupReminder);
    await new Promise((r) => setTimeout(r, 10));
    expect(container.textContent?.trim()).toBe('');
  });
});

describe('daysSince', () => {
  const now = new Date('2026-12-01T10:30:00Z');
  it.each([
    ['2026-12-01T10:30:00Z', 0],
    ['2026-11-30T10:31:00Z', 0],
    ['2026-11-30T10:30:00Z', 1],
    ['2026-11-21T10:30:00Z', 10],
    ['2026-12-02T10:30:00Z', 0],
    ['not a time', 0],
  ])('%s is %d days before', (iso, want) => {
    expect(daysSince(iso, now)).toBe(want);
  });
});
