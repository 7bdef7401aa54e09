package care

import "time"

// Backups: the settings that record the last one, and when the next is due.
const (
	// SettingLastBackupAt is the settings key of the time (RFC 3339 UTC) the
	// last backup was written.
	SettingLastBackupAt = "backup.lastAt"
	// SettingLastBackupFile is the settings key of the file it was written to.
	SettingLastBackupFile = "backup.lastFile"
)

// BackupInterval is how old the last backup may be before the app reminds
// the coordinator to make another.
const BackupInterval = 7 * 24 * time.Hour

// BackupDue reports whether a backup is due at now: there has never been
// one (last is zero) or the last is more than BackupInterval old.
func BackupDue(last, now time.Time) bool {
	return last.IsZero() || now.Sub(last) > BackupInterval
}
