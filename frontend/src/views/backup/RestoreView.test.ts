import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import RestoreView from './RestoreView.svelte';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';

const { status, restore } = vi.hoisted(() => ({ status: vi.fn(), restore: vi.fn() }));
vi.mock('../../lib/api/backup', (original) =>
  import('../../test/api').then((t) => t.fakeBackupApi(original, { status, restore })),
);

const damaged =
  'This database is damaged. What Matters has opened it read-only so nothing more is written. Restore your latest backup';

beforeEach(() => {
  status.mockReset().mockResolvedValue({
    lastAt: '2026-11-28T16:05:00Z',
    lastFile: '/media/usb/whatmatters-backup.age',
    due: false,
    recipient: '',
    damaged: '',
    canRestore: true,
  });
  restore.mockReset();
});

describe('RestoreView', () => {
  it('warns what restoring does, names the latest backup, and has no axe violations', async () => {
    const { container } = render(RestoreView);
    expect(await screen.findByText('/media/usb/whatmatters-backup.age')).toBeInTheDocument();
    expect(screen.getByText('Restoring replaces what is in What Matters now')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  it('says when the database is damaged', async () => {
    status.mockResolvedValue({ lastAt: '', lastFile: '', due: true, recipient: '', damaged, canRestore: true });
    const { container } = render(RestoreView);
    expect(await screen.findByText(damaged + '.')).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('restores with the passphrase, then says where the old database is kept', async () => {
    const onrestored = vi.fn();
    const { container } = render(RestoreView, { onrestored });
    const user = userEvent.setup();
    restore.mockResolvedValue({
      file: '/media/usb/b.age',
      kept: '/home/sam/whatmatters.db.before-restore-20261201T1030',
    });
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Choose the backup and restore' }));
    expect(restore).toHaveBeenCalledWith({ method: 'passphrase', passphrase: 'correct horse battery' });
    expect(await screen.findByText('Backup restored')).toBeInTheDocument();
    expect(screen.getByText('/home/sam/whatmatters.db.before-restore-20261201T1030')).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onrestored).toHaveBeenCalled();
  });

  it('shows a wrong passphrase beside the input, and the database is untouched', async () => {
    const { container } = render(RestoreView);
    const user = userEvent.setup();
    restore.mockResolvedValue(
      failure('passphrase', 'This backup cannot be opened with that passphrase. Check it and try again'),
    );
    await user.type(screen.getByLabelText('Passphrase'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Choose the backup and restore' }));
    expect(await screen.findByRole('link', { name: /cannot be opened with that passphrase/ })).toHaveAttribute(
      'href',
      '#passphrase',
    );
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Backup restored')).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('shows why a backup cannot be restored', async () => {
    render(RestoreView);
    const user = userEvent.setup();
    restore.mockResolvedValue(
      failure(
        '',
        'This backup file is damaged or incomplete, so it cannot be restored. Nothing has been changed. Try another copy of the backup',
      ),
    );
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Choose the backup and restore' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('damaged or incomplete');
  });

  it('with a key file, asks for no passphrase', async () => {
    render(RestoreView);
    const user = userEvent.setup();
    restore.mockResolvedValue({ file: '', kept: '' }); // cancelled
    await user.click(screen.getByLabelText(/With my organisation's backup key/));
    expect(screen.queryByLabelText('Passphrase')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Choose the backup and restore' }));
    expect(restore).toHaveBeenCalledWith({ method: 'key', passphrase: '' });
    expect(screen.queryByText('Backup restored')).not.toBeInTheDocument();
  });
});
