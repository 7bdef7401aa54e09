// The Back up and Restore forms: what was typed, the errors the backend
// returned, and the outcome.
import { backupApi, type BackupResult, type BackupStatus, type LockMethod, type RestoreResult } from '../api/backup';
import { FormState } from './form.svelte';

/** Days between an RFC 3339 time and now, rounded down. */
export function daysSince(iso: string, now = new Date()): number {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return 0;
  return Math.max(0, Math.floor((now.getTime() - t) / 86_400_000));
}

/** What Back up and Restore share: how the backup is locked, and the passphrase. */
export class LockForm extends FormState {
  method = $state<LockMethod>('passphrase');
  passphrase = $state('');

  /** The errors for the error summary, in the order of the form; the key file's error links to the method. */
  lockSummary(order: string[]) {
    return this.summary(order, (f) => (f === 'keyFile' ? 'method' : f));
  }
}

export class BackupForm extends LockForm {
  confirm = $state('');
  recipient = $state('');
  result = $state<BackupResult | null>(null);

  constructor(status?: BackupStatus) {
    super();
    if (status?.recipient) {
      this.method = 'key';
      this.recipient = status.recipient;
    }
  }

  async backUp() {
    this.result = null;
    this.clear();
    const r = await this.run(() =>
      backupApi.backUpNow({
        method: this.method,
        passphrase: this.passphrase,
        confirm: this.confirm,
        recipient: this.recipient,
      }),
    );
    if (r?.path) {
      this.result = r;
      this.passphrase = '';
      this.confirm = '';
    }
  }
}

export class RestoreForm extends LockForm {
  result = $state<RestoreResult | null>(null);

  async restore() {
    this.clear();
    const r = await this.run(() => backupApi.restore({ method: this.method, passphrase: this.passphrase }));
    if (r?.file) {
      this.result = r;
      this.passphrase = '';
    }
  }
}
