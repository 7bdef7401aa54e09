import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SyncBar from './SyncBar.svelte';
import { expectNoAxeViolations } from '../../test/axe';

const { status, syncNow } = vi.hoisted(() => ({ status: vi.fn(), syncNow: vi.fn() }));
vi.mock('../../lib/api/sync', (original) =>
  import('../../test/api').then((t) => t.fakeSyncApi(original, { status, syncNow })),
);

const waiting = {
  configured: true,
  server: 'fhir.example.nhs.uk',
  waiting: 12,
  lastSynced: '1 December 2026 at 14:05',
  lastSyncedAt: '2026-12-01T14:05:00Z',
  lastError: '',
  conflicts: 0,
  running: false,
  progress: '',
  sentence: '12 changes waiting to sync, last synced 1 December 2026 at 14:05',
};

// The Wails runtime's events, as the app window has them: the test sends the backend's.
let listeners: Record<string, (...data: unknown[]) => void> = {};
function send(name: string, data: unknown) {
  listeners[name]?.(data);
}

beforeEach(() => {
  status.mockReset().mockResolvedValue(waiting);
  syncNow.mockReset();
  listeners = {};
  (window as unknown as { runtime: unknown }).runtime = {
    EventsOnMultiple: (name: string, cb: (...data: unknown[]) => void) => {
      listeners[name] = cb;
      return () => delete listeners[name];
    },
  };
});
afterEach(() => {
  delete (window as unknown as { runtime?: unknown }).runtime;
});

describe('SyncBar', () => {
  it('says nothing until a server is set', async () => {
    status.mockResolvedValue({ ...waiting, configured: false, sentence: '' });
    const { container } = render(SyncBar);
    await vi.waitFor(() => expect(status).toHaveBeenCalled());
    expect(container.querySelector('#sync-bar')).toBeNull();
  });

  it('shows the changes waiting and when last synced, and syncs now', async () => {
    const { container } = render(SyncBar);
    const user = userEvent.setup();
    expect(await screen.findByRole('status')).toHaveTextContent(
      '12 changes waiting to sync, last synced 1 December 2026 at 14:05',
    );
    await expectNoAxeViolations(container);
    let finish: (v: unknown) => void = () => {};
    syncNow.mockReturnValue(new Promise((r) => (finish = r)));
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    const button = screen.getByRole('button', { name: 'Syncing…' });
    expect(button).toBeDisabled();
    // The backend's progress, as it sends it.
    send('sync:status', {
      ...waiting,
      running: true,
      progress: 'sending changes: 3 of 12 people',
      sentence: 'Syncing with fhir.example.nhs.uk: sending changes: 3 of 12 people',
    });
    expect(
      await screen.findByText('Syncing with fhir.example.nhs.uk: sending changes: 3 of 12 people'),
    ).toBeInTheDocument();
    finish({
      pulled: 3,
      pushed: 12,
      conflicts: 0,
      held: 0,
      message: 'Sync finished: 3 changes received, 12 changes sent',
      status: { ...waiting, waiting: 0, sentence: 'No changes waiting to sync, last synced 1 December 2026 at 14:10' },
    });
    expect(await screen.findByRole('button', { name: 'Sync now' })).toBeEnabled();
    expect(screen.getByRole('status')).toHaveTextContent(
      'No changes waiting to sync, last synced 1 December 2026 at 14:10. Sync finished: 3 changes received, 12 changes sent',
    );
    await expectNoAxeViolations(container);
  });

  it('shows why a sync failed, and the conflicts to settle', async () => {
    status.mockResolvedValue({ ...waiting, conflicts: 2 });
    render(SyncBar);
    const user = userEvent.setup();
    expect(await screen.findByRole('link', { name: '2 conflicts to settle' })).toHaveAttribute(
      'href',
      '#/sync/conflicts',
    );
    syncNow.mockResolvedValue({
      failure: {
        code: 'invalid',
        message:
          'Could not reach the FHIR server at fhir.example.nhs.uk. Your changes are kept and will be sent next time',
      },
    });
    status.mockResolvedValue({ ...waiting, conflicts: 2, lastError: 'Could not reach the FHIR server' });
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(await screen.findByText(/Your changes are kept and will be sent next time/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('12 changes waiting to sync');
  });

  it('syncs when the network returns, quietly if a sync is already running', async () => {
    render(SyncBar);
    await screen.findByRole('status');
    syncNow.mockResolvedValue({ failure: { code: 'conflict', message: 'A sync is already running' } });
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(syncNow).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled());
    expect(screen.queryByText('A sync is already running')).not.toBeInTheDocument();
  });

  it('shows the last background attempt’s problem', async () => {
    status.mockResolvedValue({ ...waiting, lastError: 'The FHIR server refused the credentials. Check the token' });
    render(SyncBar);
    expect(await screen.findByText('The FHIR server refused the credentials. Check the token')).toBeInTheDocument();
  });
});
