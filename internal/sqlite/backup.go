package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"time"

	"whatmatters/internal/care"
)

// Consistent copies of the database for backups. Never copy the live file:
// its newest data is in the -wal. VACUUM INTO reads the database (WAL
// included) in one read transaction and writes a compact copy, while the
// app goes on writing.

// Snapshot writes a consistent copy of the open database to path, which
// must not exist or be empty (make it in a private folder), and verifies
// the copy (VerifyFile) so that no backup is made that could not be
// restored. Errors: invalid (the copy fails its check), and those of
// CareError (a full disk).
func (db *DB) Snapshot(ctx context.Context, path string) error {
	db.gate.RLock() // no Replace while the copy is made
	defer db.gate.RUnlock()
	return snapshot(ctx, db.Path, path)
}

// SnapshotFile is Snapshot for a database this process has not opened
// (the backup command): the file is only read, so the app may be running
// on it. Errors: not_found (no such database), invalid.
func SnapshotFile(ctx context.Context, src, path string) error {
	if fi, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Size() == 0) {
		return care.Errorf(care.ENOTFOUND, "There is no What Matters database at %s", src)
	}
	if err := checkHeader(src); err != nil {
		return err
	}
	return snapshot(ctx, src, path)
}

func snapshot(ctx context.Context, src, path string) error {
	if err := createPrivate(path); err != nil {
		return err
	}
	ro, err := sql.Open("sqlite", "file:"+escapePath(src)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer ro.Close()
	if _, err := ro.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return CareError(err)
	}
	if err := VerifyFile(ctx, path); err != nil {
		return care.Errorf(care.ErrorCode(err), "The backup has not been made, because the copy of the database failed its check. %s. Restore your latest backup", care.ErrorMessage(err))
	}
	return nil
}

// MarkBackedUp records, in the database at path, that a backup was written
// to file at a given time, for a process that has not opened the store
// (the backup command). It only writes the two settings, waiting for the
// app if the app is writing. Errors: those of CareError.
func MarkBackedUp(ctx context.Context, path string, at time.Time, file string) error {
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?_pragma=busy_timeout(5000)&_txlock=immediate")
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return CareError(err)
	}
	defer tx.Rollback()
	for k, v := range map[string]string{care.SettingLastBackupAt: formatTime(at), care.SettingLastBackupFile: file} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return CareError(err)
		}
	}
	return CareError(tx.Commit())
}

// ErrOpenElsewhere is CheckClosed finding the database open.
var ErrOpenElsewhere = care.Errorf(care.ECONFLICT, "The database is open in What Matters or another program. Close it first, then try again")

// CheckClosed returns ErrOpenElsewhere if any connection, in any process,
// has the database at path open: it tries to lock the file exclusively,
// without waiting, and lets go at once. A missing file is closed.
func CheckClosed(ctx context.Context, path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?_pragma=busy_timeout(0)&_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return CareError(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		if CareError(err) == ErrBusy {
			return ErrOpenElsewhere
		}
		return CareError(err)
	}
	_, err = conn.ExecContext(ctx, `ROLLBACK`)
	return err
}
