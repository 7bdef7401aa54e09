// The backend calls for sharing with the clinic's FHIR server: the
// header's sync status and "Sync now", the Sync settings, conflicts to
// settle, importing and exporting FHIR files. Like index.ts, the only code
// that talks to the generated bindings (and, for the status as it changes,
// to the Wails runtime's events).
import * as App from '../../../wailsjs/go/main/App';
import { dto } from '../../../wailsjs/go/models';
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import { call, type Plain } from './index';

/** What the header shows: changes waiting, last synced, conflicts, progress; `sentence` is its line. */
export type SyncStatus = Plain<dto.SyncStatusDTO>;
/** What a sync did, and the status after it. */
export type SyncResult = Plain<dto.SyncResultDTO>;
/** The server and how to sign in; secrets are never sent back, only whether one is saved. */
export type SyncSettings = Plain<dto.SyncSettingsDTO>;
/** What the settings form sends; an empty token or private key keeps the saved one. */
export type SyncSettingsInput = Plain<dto.SyncSettingsInput>;
/** How What Matters signs in to the server: "none", "bearer" or "smart". */
export type SyncAuth = SyncSettings['auth'];
/** A change made both on this laptop and on the server, settled field by field. */
export type SyncConflict = Plain<dto.SyncConflictDTO>;
export type SyncConflictField = Plain<dto.SyncConflictFieldDTO>;
/** For each field of a conflict, by key: "mine" (this laptop's) or "theirs" (the server's). */
export type Choices = Record<string, 'mine' | 'theirs'>;
/** What importing a FHIR file did; an empty file means the dialog was cancelled. */
export type ImportResult = Plain<dto.ImportResultDTO>;
/** Whether the record last changed on the server: where, by whom, when. */
export type SyncOrigin = Plain<dto.SyncOriginDTO>;

/** The event the backend sends with a SyncStatus whenever it changes (internal/surface.SyncStatusEvent). */
const STATUS_EVENT = 'sync:status';

// ExportFHIR is bound by the FHIR mapping's group (internal/surface/fhir.go):
// reached by name, so this module builds before that group is merged.
const exportFHIR = (App as unknown as { ExportFHIR?: (personId: number) => Promise<string> }).ExportFHIR;

export const syncApi = {
  status: (): Promise<SyncStatus> => call(() => App.SyncStatus()),
  syncNow: (): Promise<SyncResult> => call(() => App.SyncNow()),
  settings: (): Promise<SyncSettings> => call(() => App.SyncSettings()),
  saveSettings: (input: SyncSettingsInput): Promise<SyncSettings> =>
    call(() => App.SaveSyncSettings(dto.SyncSettingsInput.createFrom(input))),
  conflicts: (): Promise<SyncConflict[]> => call(() => App.SyncConflicts()),
  settle: (id: number, choices: Choices): Promise<SyncConflict[]> => call(() => App.SettleConflict(id, choices)),
  importFHIR: (): Promise<ImportResult> => call(() => App.ImportFHIR()),
  /** Saves the person's record as a FHIR R4 Bundle where the coordinator chooses; the path, or '' if cancelled. */
  exportFHIR: (personId: number): Promise<string> =>
    call(() => (exportFHIR ? exportFHIR(personId) : Promise.reject(new Error('ExportFHIR is not bound')))),
  fromServer: (personId: number): Promise<SyncOrigin> => call(() => App.RecordFromServer(personId)),
  /** Calls fn with the status whenever the backend sends it; returns how to stop. */
  onStatus: (fn: (s: SyncStatus) => void): (() => void) => {
    if (!(window as { runtime?: unknown }).runtime) return () => {};
    return EventsOn(STATUS_EVENT, (s: SyncStatus) => fn(s));
  },
};
