// Sync with the clinic's FHIR server: the status the header shows (kept
// up to date by the backend's events while a sync runs), "Sync now", the
// Sync settings form and settling a conflict field by field.
import {
  syncApi,
  type Choices,
  type SyncAuth,
  type SyncConflict,
  type SyncSettings,
  type SyncStatus,
} from '../api/sync';
import { toApiError } from '../api';
import { FormState } from './form.svelte';
import { problemOf } from './errors';

/** The header's sync line: the status, "Sync now" and what the last one said. */
export class SyncHeaderState {
  status = $state<SyncStatus | null>(null);
  /** what the last "Sync now" said: its result, or its problem */
  message = $state('');
  problem = $state('');
  busy = $state(false);

  /** Reads the status; a failure leaves the last one shown. */
  async refresh() {
    try {
      this.status = await syncApi.status();
    } catch {
      // the screens show their own problems; the header keeps what it had
    }
  }

  /**
   * Listens for the backend's status while the app is open (the header
   * reads it again as each screen opens), and syncs when the network
   * returns; returns how to stop.
   */
  start(): () => void {
    this.forget();
    void this.refresh();
    const stop = syncApi.onStatus((s) => (this.status = s));
    const online = () => {
      if (this.status?.configured) void this.syncNow(true);
    };
    window.addEventListener('online', online);
    return () => {
      stop();
      window.removeEventListener('online', online);
    };
  }

  /** Forgets what the last "Sync now" said. */
  forget() {
    this.message = '';
    this.problem = '';
  }

  /** Syncs now; quietly, a sync already running is no problem (the network returned). */
  async syncNow(quietly = false) {
    if (this.busy) return;
    this.busy = true;
    this.message = '';
    this.problem = '';
    try {
      const r = await syncApi.syncNow();
      this.status = r.status;
      this.message = r.message;
    } catch (e) {
      if (!(quietly && toApiError(e).code === 'conflict')) this.problem = problemOf(e);
      await this.refresh();
    } finally {
      this.busy = false;
    }
  }
}

export const syncHeader = new SyncHeaderState();

/** The Sync settings form. Saved secrets are never shown: only that one is saved. */
export class SyncSettingsForm extends FormState {
  baseUrl = $state('');
  auth = $state<SyncAuth>('none');
  token = $state('');
  clientId = $state('');
  tokenUrl = $state('');
  keyId = $state('');
  privateKey = $state('');
  tokenSaved = $state(false);
  keySaved = $state(false);
  saved = $state(false);

  constructor(s?: SyncSettings) {
    super();
    if (s) this.set(s);
  }

  set(s: SyncSettings) {
    this.baseUrl = s.baseUrl;
    this.auth = s.auth || 'none';
    this.clientId = s.clientId;
    this.tokenUrl = s.tokenUrl;
    this.keyId = s.keyId;
    this.tokenSaved = s.tokenSaved;
    this.keySaved = s.keySaved;
  }

  /** Fields in the order of the form, for the error summary. */
  static ORDER = ['baseUrl', 'auth', 'token', 'clientId', 'tokenUrl', 'keyId', 'privateKey'];

  async save() {
    this.saved = false;
    const s = await this.submit(() =>
      syncApi.saveSettings({
        baseUrl: this.baseUrl,
        auth: this.auth,
        token: this.auth === 'bearer' ? this.token : '',
        clientId: this.auth === 'smart' ? this.clientId : '',
        tokenUrl: this.auth === 'smart' ? this.tokenUrl : '',
        keyId: this.auth === 'smart' ? this.keyId : '',
        privateKey: this.auth === 'smart' ? this.privateKey : '',
      }),
    );
    if (s) {
      this.set(s);
      // The secrets typed are gone from the page once saved.
      this.token = '';
      this.privateKey = '';
      this.saved = true;
    }
  }
}

/** One conflict being settled: a choice per field, none made for the coordinator. */
export class ConflictForm extends FormState {
  choices = $state<Record<string, string>>({});

  constructor(public conflict: SyncConflict) {
    super();
    for (const f of conflict.fields) this.choices[f.key] = '';
  }

  /** The id of the first radio of a field's choice, which the error summary links to. */
  static fieldId(conflictId: number, key: string) {
    return `conflict-${conflictId}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  }

  /** Settles the conflict; the conflicts left, or null with the errors shown. */
  async settle(): Promise<SyncConflict[] | null> {
    const missing = this.conflict.fields.filter(
      (f) => this.choices[f.key] !== 'mine' && this.choices[f.key] !== 'theirs',
    );
    if (missing.length) {
      this.errors = missing.map((f) => ({
        field: f.key,
        message: `Select which “${f.label}” to keep: the one on this laptop or the one on the server`,
      }));
      return null;
    }
    return this.submit(() => syncApi.settle(this.conflict.id, { ...this.choices } as Choices));
  }
}
