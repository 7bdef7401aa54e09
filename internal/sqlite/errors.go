package sqlite

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"whatmatters/internal/care"
)

// The messages for what goes wrong with the database file itself, rather
// than with what was typed. Each says what to do.
var (
	// ErrDiskFull is what SQLITE_FULL (a full disk) becomes.
	ErrDiskFull = &care.Error{Code: care.EINVALID, Message: "The disk is full, so What Matters cannot save anything. " +
		"Free some space on this computer (empty the recycle bin, or delete files you do not need), then try again"}
	// ErrReadOnly is what SQLITE_READONLY, SQLITE_PERM and SQLITE_CANTOPEN
	// (a read-only file or folder) become.
	ErrReadOnly = &care.Error{Code: care.ELOCKED, Message: "What Matters cannot save to its database because the file " +
		"or its folder is read-only. Ask your IT team to let you change it, or start What Matters with a database in " +
		"a folder you can change"}
	// ErrBusy is what SQLITE_BUSY and SQLITE_LOCKED (another program holding
	// the database past the busy timeout) become.
	ErrBusy = &care.Error{Code: care.ECONFLICT, Message: "Another program is using the database, so What Matters " +
		"cannot save now. Close other programs that may be using it (such as a backup or file sync tool), then try again"}
	// ErrDamaged is a database that failed its check when it opened, and so
	// is open read-only.
	ErrDamaged = &care.Error{Code: care.ELOCKED, Message: "This database is damaged. What Matters has opened it " +
		"read-only so nothing more is written. Restore your latest backup"}
	// ErrUnreadable is a file so damaged it cannot be opened even read-only.
	ErrUnreadable = &care.Error{Code: care.ELOCKED, Message: "This database is damaged and cannot be opened. " +
		"Restore your latest backup"}
	// ErrCorrupt is what SQLITE_CORRUPT and SQLITE_NOTADB met while running
	// become.
	ErrCorrupt = &care.Error{Code: care.ELOCKED, Message: "This database is damaged. Close What Matters and open it " +
		"again so it can check the file, then restore your latest backup"}
)

// CareError is the one place where the SQLite result codes that have
// nothing to do with the coordinator's input become care errors saying what
// to do: a full disk (invalid), a read-only file or folder (locked),
// another program holding the database (conflict), a damaged file (locked).
// A care error, nil, or any other error is returned unchanged.
func CareError(err error) error {
	var ce *care.Error
	if err == nil || errors.As(err, &ce) {
		return err
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff { // the primary code; extended codes add detail above it
	case sqlite3.SQLITE_FULL:
		return ErrDiskFull
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
		return ErrReadOnly
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return ErrBusy
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return ErrCorrupt
	}
	return err
}

// openError is CareError for what Open returns: damage found while opening
// cannot be put right by opening again.
func openError(err error) error {
	if err = CareError(err); err == ErrCorrupt {
		return ErrUnreadable
	}
	return err
}
