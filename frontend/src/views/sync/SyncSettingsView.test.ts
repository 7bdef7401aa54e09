import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import SyncSettingsView from './SyncSettingsView.svelte';
import { failure, fieldFailures } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';

const { settings, saveSettings, status } = vi.hoisted(() => ({
  settings: vi.fn(),
  saveSettings: vi.fn(),
  status: vi.fn(),
}));
vi.mock('../../lib/api/sync', (original) =>
  import('../../test/api').then((t) => t.fakeSyncApi(original, { settings, saveSettings, status })),
);

const empty = { baseUrl: '', auth: 'none', clientId: '', tokenUrl: '', keyId: '', tokenSaved: false, keySaved: false };
const URL = 'https://fhir.example.nhs.uk/fhir';

beforeEach(() => {
  settings.mockReset().mockResolvedValue(empty);
  saveSettings.mockReset();
  status.mockReset().mockResolvedValue({ configured: false });
});

async function setup() {
  const result = render(SyncSettingsView);
  await screen.findByLabelText('FHIR server address');
  return { ...result, user: userEvent.setup() };
}

describe('SyncSettingsView', () => {
  it('has one h1, labelled inputs with hints and no axe violations', async () => {
    const { container, user } = await setup();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByLabelText('FHIR server address')).toHaveAccessibleDescription(/It starts https:\/\//);
    expect(screen.getByLabelText('No sign-in (a test server on this computer)')).toBeChecked();
    await expectNoAxeViolations(container);
    await user.click(screen.getByLabelText(/SMART backend services/));
    expect(screen.getByLabelText('Client ID')).toBeInTheDocument();
    expect(screen.getByLabelText('Token address')).toBeInTheDocument();
    expect(screen.getByLabelText('Private key')).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('is filled in from the saved settings, never showing a saved token', async () => {
    settings.mockResolvedValue({ ...empty, baseUrl: URL, auth: 'bearer', tokenSaved: true });
    const { container } = await setup();
    expect(screen.getByLabelText('FHIR server address')).toHaveValue(URL);
    const token = screen.getByLabelText('Token');
    expect(token).toHaveValue('');
    expect(token).toHaveAttribute('type', 'password');
    expect(token).toHaveAccessibleDescription(/A token is saved. Leave this empty to keep it/);
    await expectNoAxeViolations(container);
  });

  it('saves with the keyboard alone, then forgets the token typed', async () => {
    const { user } = await setup();
    saveSettings.mockResolvedValue({ ...empty, baseUrl: URL, auth: 'bearer', tokenSaved: true });
    await user.tab(); // the back link
    await user.tab();
    expect(screen.getByLabelText('FHIR server address')).toHaveFocus();
    await user.keyboard(URL);
    await user.tab();
    expect(screen.getByLabelText('No sign-in (a test server on this computer)')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByLabelText('A token from the server’s administrator')).toBeChecked();
    await user.tab();
    expect(screen.getByLabelText('Token')).toHaveFocus();
    await user.keyboard('abc.def.ghi{Enter}');
    expect(saveSettings).toHaveBeenCalledWith({
      baseUrl: URL,
      auth: 'bearer',
      token: 'abc.def.ghi',
      clientId: '',
      tokenUrl: '',
      keyId: '',
      privateKey: '',
    });
    expect(await screen.findByText('Sync settings saved')).toBeInTheDocument();
    expect(screen.getByLabelText('Token')).toHaveValue('');
    expect(screen.getByLabelText('Token')).toHaveAccessibleDescription(/A token is saved/);
  });

  it('shows an empty address as the backend says, in the summary and beside the input', async () => {
    const { user, container } = await setup();
    saveSettings.mockResolvedValue(
      failure('baseUrl', "Enter the FHIR server's address, such as https://fhir.example.nhs.uk/fhir"),
    );
    await user.click(screen.getByRole('button', { name: 'Save sync settings' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    const link = screen.getByRole('link', { name: /Enter the FHIR server's address/ });
    expect(link).toHaveAttribute('href', '#baseUrl');
    await user.click(link);
    expect(screen.getByLabelText('FHIR server address')).toHaveFocus();
    expect(screen.getByLabelText('FHIR server address')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Sync settings saved')).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('refuses http:// to a host that is not this computer', async () => {
    const { user } = await setup();
    saveSettings.mockResolvedValue(
      failure(
        'baseUrl',
        "Enter the FHIR server's address starting https://. Health records must not travel unencrypted: http:// is only for a test server on this computer",
      ),
    );
    await user.type(screen.getByLabelText('FHIR server address'), 'http://fhir.example.nhs.uk/fhir');
    await user.click(screen.getByRole('button', { name: 'Save sync settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Health records must not travel unencrypted');
    expect(saveSettings).toHaveBeenCalledWith(expect.objectContaining({ baseUrl: 'http://fhir.example.nhs.uk/fhir' }));
  });

  it('sends a hostile 10,000-character token as it is, and shows the refusal without it', async () => {
    const { user, container } = await setup();
    const hostile = '<img src=x onerror=alert(1)>' + 'A'.repeat(10000 - 28);
    saveSettings.mockResolvedValue(
      failure(
        'token',
        "The token is too long. Paste the token your FHIR server's administrator gave you, and nothing else",
      ),
    );
    await user.type(screen.getByLabelText('FHIR server address'), URL);
    await user.click(screen.getByLabelText('A token from the server’s administrator'));
    await user.click(screen.getByLabelText('Token'));
    await user.paste(hostile);
    await user.click(screen.getByRole('button', { name: 'Save sync settings' }));
    expect(saveSettings.mock.calls[0][0].token).toHaveLength(10000);
    expect(await screen.findByRole('alert')).toHaveTextContent('The token is too long');
    expect(screen.getByRole('link', { name: /The token is too long/ })).toHaveAttribute('href', '#token');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).not.toContain('AAAAAAAAAA');
  });

  it('shows every field the backend refused, in the order of the form', async () => {
    const { user } = await setup();
    await user.click(screen.getByLabelText(/SMART backend services/));
    saveSettings.mockResolvedValue(
      fieldFailures(
        ['tokenUrl', 'Enter the token address, such as https://auth.example.nhs.uk/token'],
        ['baseUrl', "Enter the FHIR server's address, such as https://fhir.example.nhs.uk/fhir"],
        ['clientId', "Enter the client ID your FHIR server's administrator gave you"],
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Save sync settings' }));
    const summary = await screen.findByRole('alert');
    const links = [...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['#baseUrl', '#clientId', '#tokenUrl']);
  });
});
