// The backend calls of the Back up and Restore screens. Like index.ts, the
// only code that talks to the generated bindings; kept apart so that work
// on backups does not touch the main api.
import * as App from '../../../wailsjs/go/main/App';
import type { dto } from '../../../wailsjs/go/models';
import { call, type Plain } from './index';

/** How a backup is locked: "passphrase" or "key" (the organisation's backup key). */
export type LockMethod = BackupInput['method'];
/** When the last backup was written, whether one is due, and whether the database can be restored. */
export type BackupStatus = Plain<dto.BackupStatusDTO>;
export type BackupInput = Plain<dto.BackupInput>;
/** A backup written; an empty path means the dialog was cancelled. */
export type BackupResult = Plain<dto.BackupResultDTO>;
export type RestoreInput = Plain<dto.RestoreInput>;
/** A backup restored; an empty file means the dialog was cancelled. */
export type RestoreResult = Plain<dto.RestoreResultDTO>;

export const backupApi = {
  status: (): Promise<BackupStatus> => call(() => App.BackupStatus()),
  backUpNow: (input: BackupInput): Promise<BackupResult> => call(() => App.BackUpNow(input)),
  restore: (input: RestoreInput): Promise<RestoreResult> => call(() => App.RestoreBackup(input)),
};
