import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import SignIn from './SignIn.svelte';
import LockScreen from './LockScreen.svelte';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';

const backend = vi.hoisted(() => ({ setUp: vi.fn(), signIn: vi.fn(), unlock: vi.fn() }));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, backend)));

beforeEach(() => Object.values(backend).forEach((f) => f.mockReset()));

describe('SignIn', () => {
  it('sets up the first account and shows the recovery code once', async () => {
    const ondone = vi.fn();
    const { container } = render(SignIn, { setUp: false, ondone });
    const user = userEvent.setup();
    await expectNoAxeViolations(container);
    backend.setUp.mockResolvedValue({
      user: { name: 'Sam Okafor', role: 'Care coordinator' },
      recoveryCode: 'ABCDE-FGHJK-MNPQR-STVWX-YZ012',
    });
    await user.type(screen.getByLabelText('Your name'), 'Sam Okafor');
    await user.type(screen.getByLabelText('Choose a passphrase'), 'correct horse battery');
    await user.type(screen.getByLabelText('Type the passphrase again'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Make the account' }));
    expect(backend.setUp).toHaveBeenCalledWith({
      name: 'Sam Okafor',
      role: 'Care coordinator',
      passphrase: 'correct horse battery',
      passphraseConfirm: 'correct horse battery',
    });
    expect(await screen.findByText('ABCDE-FGHJK-MNPQR-STVWX-YZ012')).toBeInTheDocument();
    await expectNoAxeViolations(container);
    expect(ondone).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'I have kept the code safe, continue' }));
    expect(ondone).toHaveBeenCalledWith({ name: 'Sam Okafor', role: 'Care coordinator' });
  });

  it('refuses a wrong passphrase with the message beside it, keeping the name', async () => {
    const ondone = vi.fn();
    render(SignIn, { setUp: true, ondone });
    const user = userEvent.setup();
    backend.signIn.mockResolvedValue(
      failure('passphrase', 'The name or passphrase is not right. Check them and try again'),
    );
    await user.type(screen.getByLabelText('Your name'), 'Sam Okafor');
    await user.type(screen.getByLabelText('Passphrase'), 'wrong one here');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findAllByText(/The name or passphrase is not right/)).toHaveLength(2);
    expect(screen.getByLabelText('Your name')).toHaveValue('Sam Okafor');
    expect(screen.getByLabelText('Passphrase')).toHaveValue('');
    expect(ondone).not.toHaveBeenCalled();
  });
});

describe('LockScreen', () => {
  it('names only the account, and unlocks with the passphrase', async () => {
    const onunlock = vi.fn();
    const { container } = render(LockScreen, {
      user: { name: 'Sam Okafor', role: 'Nurse' },
      onunlock,
      onsignout: vi.fn(),
    });
    await expectNoAxeViolations(container);
    backend.unlock.mockResolvedValue({ name: 'Sam Okafor', role: 'Nurse' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(backend.unlock).toHaveBeenCalledWith('correct horse battery');
    expect(onunlock).toHaveBeenCalled();
  });
});
