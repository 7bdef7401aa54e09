// The Back up and Restore forms: what was typed, the errors the backend
// returned, and the outcome.
import { backupApi, type BackupResult, type BackupStatus, type LockMethod, type RestoreResult } from '../api/backup';
import { fieldErrors, type FieldError } from './errors';

/** Days between an RFC 3339 time and now, rounded down. */
export function daysSince(iso: string, now = new Date()): number {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return 0;
  return Math.max(0, Math.floor((now.getTime() - t) / 86_400_000));
}

class LockForm {
  method = $state<LockMethod>('passphrase');
  passphrase = $state('');
  errors = $state<FieldError[]>([]);
  busy = $state(false);

  errorFor(field: string): string {
    return this.errors.find((e) => e.field === field)?.message ?? '';
  }

  /** The errors for the error summary, in the order of the form. */
  summary(order: string[]): { message: string; target: string }[] {
    const rank = (f: string) => (f === '' ? -1 : order.indexOf(f) === -1 ? order.length : order.indexOf(f));
    return [...this.errors]
      .sort((a, b) => rank(a.field) - rank(b.field))
      .map((e) => ({ message: e.message, target: e.field ? (e.field === 'keyFile' ? 'method' : e.field) : '' }));
  }

  protected async run<T>(fn: () => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.errors = [];
    try {
      return await fn();
    } catch (e) {
      this.errors = fieldErrors(e);
      return null;
    } finally {
      this.busy = false;
    }
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

  async submit() {
    this.result = null;
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

  async submit() {
    const r = await this.run(() => backupApi.restore({ method: this.method, passphrase: this.passphrase }));
    if (r?.file) {
      this.result = r;
      this.passphrase = '';
    }
  }
}
