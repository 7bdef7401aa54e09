package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"

	"whatmatters/internal/backup"
	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// backups is the one place the store, the encrypted backup files and the
// settings that record them meet: used by the app's Back up and Restore
// screens and by the backup and restore commands.
type backups struct {
	db       *sqlite.DB
	settings care.SettingsService
	now      func() time.Time
	// locked is whether this process holds the database's lock file, as
	// it must to restore onto it.
	locked bool
}

// newBackups returns the backups of the store db. Holding its lock, it
// clears away what a backup or restore cut short by a crash left behind.
func newBackups(db *sqlite.DB, settings care.SettingsService, locked bool) *backups {
	if locked {
		backup.RemoveStale(filepath.Dir(db.Path), time.Hour)
	}
	return &backups{db: db, settings: settings, now: time.Now, locked: locked}
}

// SettingBackupRecipient keeps the organisation's backup key last used,
// so the Back up screen can offer it again. It is a public key.
const SettingBackupRecipient = "backup.recipient"

// lastBackup is when the last backup was written, and where.
type lastBackup struct {
	At        time.Time
	File      string
	Recipient string
}

// last returns the last backup recorded in the open store; zero if none
// (or if the store cannot be read).
func (b *backups) last(ctx context.Context) lastBackup {
	var l lastBackup
	at, err := b.settings.FindSetting(ctx, care.SettingLastBackupAt)
	if err != nil {
		return l
	}
	l.At, _ = time.Parse(time.RFC3339, at)
	l.File, _ = b.settings.FindSetting(ctx, care.SettingLastBackupFile)
	l.Recipient, _ = b.settings.FindSetting(ctx, SettingBackupRecipient)
	return l
}

// write makes an encrypted backup of the open store at dst (a consistent
// copy while the app goes on writing) and records when. A backup written
// but not recorded (a damaged, read-only store) is still a backup.
// Errors: invalid (dst is the database, a full disk, a folder that cannot
// be written, a database that fails its check).
func (b *backups) write(ctx context.Context, dst string, r age.Recipient, recipient string) (time.Time, error) {
	if err := notTheDatabase(dst, b.db.Path); err != nil {
		return time.Time{}, err
	}
	if err := backup.Write(ctx, dst, filepath.Dir(b.db.Path), r, b.db.Snapshot); err != nil {
		return time.Time{}, sqlite.CareError(err)
	}
	at := b.now().UTC().Truncate(time.Second)
	kv := map[string]string{care.SettingLastBackupAt: at.Format(time.RFC3339), care.SettingLastBackupFile: dst}
	if recipient != "" {
		kv[SettingBackupRecipient] = recipient
	}
	if err := b.settings.SetSettings(ctx, kv); err != nil {
		slog.Warn("a backup was written but not recorded", "code", care.ErrorCode(err))
	}
	return at, nil
}

// restore puts the backup at src, opened with ids, in place of the open
// store: it decrypts it into a private folder beside the database, checks
// it (sqlite.VerifyFile), and only then swaps it in under the open store,
// keeping the old database beside it. The record of the last backup
// carries over, so the reminder stays true. It returns where the old one
// is kept. Errors: invalid (a wrong passphrase, a damaged or foreign backup),
// conflict (the database is in use elsewhere).
func (b *backups) restore(ctx context.Context, src string, ids []age.Identity) (kept string, err error) {
	if !b.locked {
		return "", errAlreadyOpen
	}
	dir := filepath.Dir(b.db.Path)
	plain, cleanup, err := backup.Decrypt(src, dir, ids)
	if err != nil {
		return "", err
	}
	defer cleanup()
	if err := sqlite.VerifyFile(ctx, plain); err != nil {
		return "", refusedBackup(err)
	}
	var prev lastBackup // the backup a restored database knows nothing of
	if b.db.Opened() {
		prev = b.last(ctx)
	}
	err = b.db.Replace(ctx, func() error {
		var err error
		kept, err = backup.Swap(b.db.Path, plain, b.now())
		return err
	})
	if err != nil {
		return "", err
	}
	if !prev.At.IsZero() && b.last(ctx).At.Before(prev.At) {
		kv := map[string]string{care.SettingLastBackupAt: prev.At.UTC().Format(time.RFC3339), care.SettingLastBackupFile: prev.File}
		if prev.Recipient != "" {
			kv[SettingBackupRecipient] = prev.Recipient
		}
		if err := b.settings.SetSettings(ctx, kv); err != nil {
			slog.Warn("the last backup was not recorded in the restored database", "code", care.ErrorCode(err))
		}
	}
	return kept, nil
}

// backupFile is the backup command's work: a backup of the database at
// dbPath, which is only read, so the app may be running on it; then the
// time is recorded in it, for the app's reminder. errNotRecorded says the
// backup was written but its time could not be recorded.
func backupFile(ctx context.Context, dbPath, dst string, r age.Recipient, now time.Time) error {
	if err := notTheDatabase(dst, dbPath); err != nil {
		return err
	}
	err := backup.Write(ctx, dst, filepath.Dir(dbPath), r, func(ctx context.Context, path string) error {
		return sqlite.SnapshotFile(ctx, dbPath, path)
	})
	if err != nil {
		return sqlite.CareError(err)
	}
	if err := sqlite.MarkBackedUp(ctx, dbPath, now.UTC().Truncate(time.Second), dst); err != nil {
		return errNotRecorded{err}
	}
	return nil
}

// errNotRecorded is a backup written whose time could not be recorded in
// the database (it is read-only, or busy): the backup itself is good.
type errNotRecorded struct{ err error }

func (e errNotRecorded) Error() string { return "backup not recorded: " + e.err.Error() }
func (e errNotRecorded) Unwrap() error { return e.err }

// restoreFile is the restore command's work: the backup at src put in
// place of the database at dbPath, which no process may have open.
func restoreFile(ctx context.Context, src, dbPath string, ids []age.Identity, now time.Time) (kept string, err error) {
	if err := holdDatabase(dbPath); err != nil {
		return "", err
	}
	if err := sqlite.CheckClosed(ctx, dbPath); err != nil {
		return "", err
	}
	plain, cleanup, err := backup.Decrypt(src, filepath.Dir(dbPath), ids)
	if err != nil {
		return "", err
	}
	defer cleanup()
	if err := sqlite.VerifyFile(ctx, plain); err != nil {
		return "", refusedBackup(err)
	}
	return backup.Swap(dbPath, plain, now)
}

// refusedBackup says why a decrypted backup will not be restored.
func refusedBackup(err error) error {
	if care.ErrorCode(err) == care.EINTERNAL {
		return err
	}
	return care.Errorf(care.ErrorCode(err), "This backup cannot be restored. %s. Nothing has been changed", strings.TrimSuffix(care.ErrorMessage(err), "."))
}

// notTheDatabase refuses to write a backup over the database itself or a
// file SQLite or the app keeps beside it.
func notTheDatabase(dst, dbPath string) error {
	dst, _ = filepath.Abs(dst)
	for _, side := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		p := dbPath + side
		if dst == p || sameFile(dst, p) {
			return care.Errorf(care.EINVALID, "Choose another file: a backup cannot be saved over the database")
		}
	}
	if fi, err := os.Stat(dst); err == nil && fi.IsDir() {
		return care.Errorf(care.EINVALID, "%s is a folder. Give a file name for the backup", dst)
	}
	return nil
}

func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
