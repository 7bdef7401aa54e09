// The backend calls of the Back up and Restore screens. Like index.ts, the
// only code that talks to the generated bindings; kept apart so that work
// on backups does not touch the main api.
import * as App from '../../../wailsjs/go/main/App';
import { toApiError } from './index';

export type LockMethod = 'passphrase' | 'key' | '';

export interface BackupStatus {
  /** when the last backup was written (RFC 3339), "" if never */
  lastAt: string;
  lastFile: string;
  /** never backed up, or the last is more than 7 days old */
  due: boolean;
  /** the organisation's backup key used last, if any */
  recipient: string;
  /** why the database opened read-only, "" when it is sound */
  damaged: string;
  /** false when another app has the database open */
  canRestore: boolean;
}

export interface BackupInput {
  method: LockMethod;
  passphrase: string;
  confirm: string;
  recipient: string;
}

/** A backup written; an empty path means the dialog was cancelled. */
export interface BackupResult {
  path: string;
  at: string;
}

export interface RestoreInput {
  method: LockMethod;
  passphrase: string;
}

/** A backup restored; an empty file means the dialog was cancelled. */
export interface RestoreResult {
  file: string;
  kept: string;
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApiError(e);
  }
}

export const backupApi = {
  status: (): Promise<BackupStatus> => call(() => App.BackupStatus()),
  backUpNow: (input: BackupInput): Promise<BackupResult> => call(() => App.BackUpNow(input)),
  restore: (input: RestoreInput): Promise<RestoreResult> => call(() => App.RestoreBackup(input)),
};
