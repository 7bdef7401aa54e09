package sqlite

import (
	"errors"
	"io/fs"
	"os"
)

// The database holds health data: its file and SQLite's -wal and -shm
// beside it are the user's alone (0600), whatever the umask.

// createPrivate creates an empty database file readable by the user alone
// if there is none, and takes group and other permissions off one that is
// there (a file from an earlier build), leaving the owner's as they are.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		f.Close()
		return os.Chmod(path, 0o600) // the umask may have taken more than 0600 off
	case errors.Is(err, fs.ErrExist):
		return tighten(path)
	default:
		return err
	}
}

// tighten takes group and other permissions off a file, if it exists.
func tighten(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return os.Chmod(path, perm&0o700)
	}
	return nil
}

// privateSidecars tightens the -wal and -shm files SQLite made beside the
// database. SQLite gives them the database file's mode already; this makes
// sure of it. No file is opened: closing a descriptor of a database file
// would drop SQLite's own locks on it.
func privateSidecars(path string) error {
	return errors.Join(tighten(path+"-wal"), tighten(path+"-shm"))
}
