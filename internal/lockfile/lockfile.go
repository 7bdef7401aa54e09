// Package lockfile holds an operating-system lock on a file for as long as a
// process needs it, so that only one process at a time writes to a database.
// The lock is the kernel's (flock on Unix, LockFileEx on Windows): it goes
// away when the process ends, however it ends, so a crash never leaves a
// stale lock behind.
package lockfile

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

// ErrHeld means another process holds the lock.
var ErrHeld = errors.New("lockfile: held by another process")

// Lock is a held lock. Keep it reachable for as long as the lock is needed:
// releasing it, or the process ending, lets another process take it.
type Lock struct {
	f *os.File
}

// Acquire takes the lock on path without waiting, creating the file (0600)
// if need be, and writes this process's id into it for whoever looks. It
// returns ErrHeld if another process holds it.
func Acquire(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lockfile: %w", err)
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, err
	}
	// Only the holder writes, so the id is never torn; a failure here does
	// not weaken the lock.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

// Release lets the lock go. The file is left in place: removing it would
// let two processes each lock a different file of the same name.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
