package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"
	"syscall"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"whatmatters/internal/care"
	"whatmatters/internal/lockfile"
	"whatmatters/internal/sqlite"
)

// One app per database. A lock file beside the database
// (whatmatters.db.lock), held by the operating system for the life of the
// process, keeps a second app, or a command that writes, off a database
// already open; Wails' single-instance lock, named after the database,
// brings the first window forward when the app is started again on it.

// errAlreadyOpen is a second app or writing command refused.
var errAlreadyOpen = care.Errorf(care.ECONFLICT, "What Matters is already open on this computer with this database. Close it first")

// held are the lock files this process holds, by database path; they are
// never let go, so the operating system frees them when the process ends.
var held = struct {
	sync.Mutex
	locks map[string]*lockfile.Lock
}{locks: map[string]*lockfile.Lock{}}

// holdDatabase takes the database's lock for the rest of the process's
// life, or returns errAlreadyOpen if another process has it. Holding it
// already is fine. Errors: conflict, invalid, locked (a read-only folder).
func holdDatabase(path string) error {
	held.Lock()
	defer held.Unlock()
	if held.locks[path] != nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return care.Errorf(care.EINVALID, "Cannot create the folder for the database at %s. Check you can write to it", filepath.Dir(path))
	}
	l, err := lockfile.Acquire(path + ".lock")
	switch {
	case errors.Is(err, lockfile.ErrHeld):
		return errAlreadyOpen
	case errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS):
		return sqlite.ErrReadOnly
	case err != nil:
		return err
	}
	held.locks[path] = l
	return nil
}

// openWriteStore is openStore for a command that writes: it refuses while
// the app, or another such command, has the database open.
func openWriteStore(dbFlag string) (*sqlite.DB, error) {
	path, err := databasePath(dbFlag)
	if err != nil {
		return nil, err
	}
	if err := holdDatabase(path); err != nil {
		return nil, err
	}
	return openStore(path)
}

// openAppStore is openStore for the app window: it takes the database's
// lock first, and opens nothing if another app has it. It returns whether
// the lock is held; db is nil only if no path could be chosen.
func openAppStore(dbFlag string) (db *sqlite.DB, locked bool, problem error) {
	path, err := databasePath(dbFlag)
	if err != nil {
		return nil, false, err
	}
	if err := holdDatabase(path); err != nil {
		return sqlite.NewDB(path), false, err
	}
	db, err = openStore(path)
	return db, true, err
}

// singleInstance is the Wails option that keeps one window per database.
func singleInstance(dbPath string, app *App) *options.SingleInstanceLock {
	key := dbPath
	if goruntime.GOOS == "windows" {
		key = strings.ToLower(key)
	}
	sum := sha256.Sum256([]byte(key))
	return &options.SingleInstanceLock{
		UniqueId:               "whatmatters-" + hex.EncodeToString(sum[:8]),
		OnSecondInstanceLaunch: app.secondInstance,
	}
}

// secondInstance brings the window forward when the app is started again
// on the same database.
func (a *App) secondInstance(options.SecondInstanceData) {
	runtime.WindowUnminimise(a.ctx)
	runtime.Show(a.ctx)
}
