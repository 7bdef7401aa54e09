// Package storebackup is where the store, the encrypted backup files
// (internal/backup) and the settings that record them meet: used by the
// app's Back up and Restore screens and by the backup and restore commands.
package storebackup

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
	"whatmatters/internal/database"
	"whatmatters/internal/sqlite"
)

// Service is the backups of one open store.
type Service struct {
	DB       *sqlite.DB
	settings care.SettingsService
	now      func() time.Time
	// Locked is whether this process holds the database's lock file, as
	// it must to restore onto it.
	Locked bool
}

// New returns the backups of the store db. Holding its lock, it clears
// away what a backup or restore cut short by a crash left behind.
func New(db *sqlite.DB, settings care.SettingsService, locked bool) *Service {
	if locked {
		backup.RemoveStale(filepath.Dir(db.Path), time.Hour)
	}
	return &Service{DB: db, settings: settings, now: time.Now, Locked: locked}
}

// SettingBackupRecipient keeps the organisation's backup key last used,
// so the Back up screen can offer it again. It is a public key.
const SettingBackupRecipient = "backup.recipient"

// Last is when the last backup was written, and where.
type Last struct {
	At        time.Time
	File      string
	Recipient string
}

// Last returns the last backup recorded in the open store; zero if none
// (or if the store cannot be read).
func (b *Service) Last(ctx context.Context) Last {
	var l Last
	at, err := b.settings.FindSetting(ctx, care.SettingLastBackupAt)
	if err != nil {
		return l
	}
	l.At, _ = time.Parse(time.RFC3339, at)
	l.File, _ = b.settings.FindSetting(ctx, care.SettingLastBackupFile)
	l.Recipient, _ = b.settings.FindSetting(ctx, SettingBackupRecipient)
	return l
}

// Write makes an encrypted backup of the open store at dst (a consistent
// copy while the app goes on writing) and records when. A backup written
// but not recorded (a damaged, read-only store) is still a backup.
// Errors: invalid (dst is the database, a full disk, a folder that cannot
// be written, a database that fails its check).
func (b *Service) Write(ctx context.Context, dst string, r age.Recipient, recipient string) (time.Time, error) {
	if err := notTheDatabase(dst, b.DB.Path); err != nil {
		return time.Time{}, err
	}
	if err := backup.Write(ctx, dst, filepath.Dir(b.DB.Path), r, b.DB.Snapshot); err != nil {
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

// Restore puts the backup at src, opened with ids, in place of the open
// store: it decrypts it into a private folder beside the database, checks
// it (sqlite.VerifyFile), and only then swaps it in under the open store,
// keeping the old database beside it. The record of the last backup
// carries over, so the reminder stays true. It returns where the old one
// is kept. Errors: invalid (a wrong passphrase, a damaged or foreign backup),
// conflict (the database is in use elsewhere).
func (b *Service) Restore(ctx context.Context, src string, ids []age.Identity) (kept string, err error) {
	if !b.Locked {
		return "", database.ErrAlreadyOpen
	}
	dir := filepath.Dir(b.DB.Path)
	plain, cleanup, err := backup.Decrypt(src, dir, ids)
	if err != nil {
		return "", err
	}
	defer cleanup()
	if err := sqlite.VerifyFile(ctx, plain); err != nil {
		return "", refusedBackup(err)
	}
	var prev Last // the backup a restored database knows nothing of
	if b.DB.Opened() {
		prev = b.Last(ctx)
	}
	err = b.DB.Replace(ctx, func() error {
		var err error
		kept, err = backup.Swap(b.DB.Path, plain, b.now())
		return err
	})
	if err != nil {
		return "", err
	}
	if !prev.At.IsZero() && b.Last(ctx).At.Before(prev.At) {
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

// BackUpFile is the backup command's work: a backup of the database at
// dbPath, which is only read, so the app may be running on it; then the
// time is recorded in it, for the app's reminder. ErrNotRecorded says the
// backup was written but its time could not be recorded.
func BackUpFile(ctx context.Context, dbPath, dst string, r age.Recipient, now time.Time) error {
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
		return ErrNotRecorded{err}
	}
	return nil
}

// ErrNotRecorded is a backup written whose time could not be recorded in
// the database (it is read-only, or busy): the backup itself is good.
type ErrNotRecorded struct{ Err error }

func (e ErrNotRecorded) Error() string { return "backup not recorded: " + e.Err.Error() }
func (e ErrNotRecorded) Unwrap() error { return e.Err }

// RestoreFile is the restore command's work: the backup at src put in
// place of the database at dbPath, which no process may have open.
func RestoreFile(ctx context.Context, src, dbPath string, ids []age.Identity, now time.Time) (kept string, err error) {
	if err := database.Hold(dbPath); err != nil {
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

// Recipient is who a backup is locked for, from the Back up screen:
// method "passphrase" (pass typed twice, in confirm too) or "key" (the
// organisation's age public key). It returns the key as given, to be
// offered again, "" for a passphrase. Errors: invalid (with field:
// passphrase, confirm, recipient, method).
func Recipient(method, pass, confirm, key string) (age.Recipient, string, error) {
	switch method {
	case "passphrase":
		r, err := backup.Passphrase(pass)
		if err == nil && confirm != pass {
			err = care.FieldError("confirm", "The passphrases do not match. Type the same passphrase in both boxes")
		}
		return r, "", err
	case "key":
		key = strings.TrimSpace(key)
		r, err := backup.ParseRecipient(key)
		return r, key, err
	}
	return nil, "", care.FieldError("method", "Choose how to lock the backup")
}

// Identities is how a backup is opened, from the Restore screen: method
// "passphrase" (with pass), or "key", whose key file is chosen next (nil
// here). Errors: invalid (with field: passphrase, method).
func Identities(method, pass string) ([]age.Identity, error) {
	switch method {
	case "passphrase":
		id, err := backup.PassphraseIdentity(pass)
		if err != nil {
			return nil, err
		}
		return []age.Identity{id}, nil
	case "key":
		return nil, nil
	}
	return nil, care.FieldError("method", "Choose how the backup was locked")
}
