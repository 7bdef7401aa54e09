import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import BackupView from './BackupView.svelte';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';

const { status, backUpNow } = vi.hoisted(() => ({ status: vi.fn(), backUpNow: vi.fn() }));
vi.mock('../../lib/api/backup', (original) =>
  import('../../test/api').then((t) => t.fakeBackupApi(original, { status, backUpNow })),
);

const never = { lastAt: '', lastFile: '', due: true, recipient: '', damaged: '', canRestore: true };

beforeEach(() => {
  status.mockReset().mockResolvedValue(never);
  backUpNow.mockReset();
});

async function setup() {
  const result = render(BackupView);
  await screen.findByText('What Matters has not been backed up on this computer yet.');
  return { ...result, user: userEvent.setup() };
}

describe('BackupView', () => {
  it('has one h1, labelled inputs and no axe violations', async () => {
    const { container } = await setup();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Type the passphrase again')).toHaveAttribute('autocomplete', 'new-password');
    await expectNoAxeViolations(container);
  });

  it('sends the passphrase twice and shows where the backup was saved', async () => {
    const { user, container } = await setup();
    backUpNow.mockResolvedValue({
      path: '/media/usb/whatmatters-backup-2026-12-01-1030.age',
      at: '2026-12-01T10:30:00Z',
    });
    status.mockResolvedValue({ ...never, due: false, lastAt: '2026-12-01T10:30:00Z' });
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.type(screen.getByLabelText('Type the passphrase again'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(backUpNow).toHaveBeenCalledWith({
      method: 'passphrase',
      passphrase: 'correct horse battery',
      confirm: 'correct horse battery',
      recipient: '',
    });
    expect(await screen.findByText('Backup saved')).toBeInTheDocument();
    expect(screen.getByText('/media/usb/whatmatters-backup-2026-12-01-1030.age')).toBeInTheDocument();
    expect(screen.getByLabelText('Passphrase')).toHaveValue('');
    expect(await screen.findByText(/^Last backup: 1 December 2026/)).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('shows the errors the backend returns, in the summary and beside the input', async () => {
    const { user, container } = await setup();
    backUpNow.mockResolvedValue(
      failure('confirm', 'The passphrases do not match. Type the same passphrase in both boxes'),
    );
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    const link = screen.getByRole('link', {
      name: 'The passphrases do not match. Type the same passphrase in both boxes',
    });
    expect(link).toHaveAttribute('href', '#confirm');
    expect(screen.getByLabelText('Type the passphrase again')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Backup saved')).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('shows a whole-form error such as a full disk', async () => {
    const { user } = await setup();
    backUpNow.mockResolvedValue(
      failure('', 'There is not enough space on the disk. Free some space, or choose another drive, then try again'),
    );
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.type(screen.getByLabelText('Type the passphrase again'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('There is not enough space on the disk');
  });

  it('offers the organisation key last used', async () => {
    status.mockResolvedValue({ ...never, recipient: 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq' });
    const { user, container } = await setup();
    expect(screen.getByLabelText("With my organisation's backup key")).toBeChecked();
    const key = screen.getByLabelText("Your organisation's backup key");
    expect(key).toHaveValue('age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq');
    expect(screen.queryByLabelText('Passphrase')).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
    backUpNow.mockResolvedValue({ path: '', at: '' }); // the dialog was cancelled
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(backUpNow).toHaveBeenCalledWith(expect.objectContaining({ method: 'key' }));
    expect(screen.queryByText('Backup saved')).not.toBeInTheDocument();
  });

  it('never puts what is typed into the page as markup', async () => {
    const { user, container } = await setup();
    backUpNow.mockResolvedValue({ path: '<img src=x onerror=alert(1)>.age', at: '2026-12-01T10:30:00Z' });
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.type(screen.getByLabelText('Type the passphrase again'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    await screen.findByText('Backup saved');
    expect(container.querySelector('img')).toBeNull();
  });

  it('shows and hides the passphrase', async () => {
    const { user } = await setup();
    const input = screen.getByLabelText('Passphrase');
    await user.click(screen.getAllByRole('button', { name: 'Show passphrase' })[0]);
    expect(input).toHaveAttribute('type', 'text');
    await user.click(screen.getByRole('button', { name: 'Hide passphrase' }));
    expect(input).toHaveAttribute('type', 'password');
  });
});
