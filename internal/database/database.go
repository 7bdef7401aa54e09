// Package database chooses and opens the database file, keeps one process
// writing to it, and builds the care services on it: what the app window
// and the commands share.
//
// One app per database: a lock file beside the database
// (whatmatters.db.lock), held by the operating system for the life of the
// process, keeps a second app, or a command that writes, off a database
// already open.
package database

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"whatmatters/internal/accounts"
	"whatmatters/internal/care"
	"whatmatters/internal/lockfile"
	"whatmatters/internal/signing"
	"whatmatters/internal/sqlite"
)

// ErrAlreadyOpen is a second app or writing command refused.
var ErrAlreadyOpen = care.Errorf(care.ECONFLICT, "What Matters is already open on this computer with this database. Close it first")

// Path chooses the database file: the -db flag, then the WHATMATTERS_DB
// variable, then WhatMatters/whatmatters.db in the user's configuration
// folder.
func Path(flagValue string) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	if env := os.Getenv("WHATMATTERS_DB"); env != "" {
		return filepath.Abs(env)
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", care.Errorf(care.EINVALID, "Cannot find your user data folder. Start What Matters with -db and a file path")
	}
	return filepath.Join(dir, "WhatMatters", "whatmatters.db"), nil
}

// Open opens the database the flag, the environment or the default
// names. It returns a nil store only if no path could be chosen; a store
// whose file could not be opened comes back with the problem, so the app
// can show it.
func Open(dbFlag string) (*sqlite.DB, error) {
	path, err := Path(dbFlag)
	if err != nil {
		return nil, err
	}
	db := sqlite.NewDB(path)
	return db, db.Open()
}

// OpenForWriting is Open for a command that writes: it refuses while the
// app, or another such command, has the database open.
func OpenForWriting(dbFlag string) (*sqlite.DB, error) {
	path, err := Path(dbFlag)
	if err != nil {
		return nil, err
	}
	if err := Hold(path); err != nil {
		return nil, err
	}
	return Open(path)
}

// OpenForApp is Open for the app window: it takes the database's lock
// first, and opens nothing if another app has it. It returns whether the
// lock is held; db is nil only if no path could be chosen.
func OpenForApp(dbFlag string) (db *sqlite.DB, locked bool, problem error) {
	path, err := Path(dbFlag)
	if err != nil {
		return nil, false, err
	}
	db = sqlite.NewDB(path)
	locked, problem = OpenAppDB(db)
	return db, locked, problem
}

// OpenAppDB is OpenForApp on a store not yet opened, for the window to
// open it while it starts: it takes the lock, then opens the store, and
// returns whether the lock is held and, if the store is not usable, why.
func OpenAppDB(db *sqlite.DB) (locked bool, problem error) {
	if err := Hold(db.Path); err != nil {
		return false, err
	}
	if problem = db.Open(); problem != nil {
		slog.Error("database not opened", "code", care.ErrorCode(problem))
		if care.ErrorCode(problem) == care.EINTERNAL {
			slog.Error("database open failed", "err", problem)
		}
	}
	return true, problem
}

// held are the lock files this process holds, by database path; they are
// never let go, so the operating system frees them when the process ends.
var held = struct {
	sync.Mutex
	locks map[string]*lockfile.Lock
}{locks: map[string]*lockfile.Lock{}}

// Hold takes the database's lock for the rest of the process's life, or
// returns ErrAlreadyOpen if another process has it. Holding it already is
// fine. Errors: conflict, invalid, locked (a read-only folder).
func Hold(path string) error {
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
		return ErrAlreadyOpen
	case errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS):
		return sqlite.ErrReadOnly
	case err != nil:
		return err
	}
	held.locks[path] = l
	return nil
}

// Services are the care services on one store.
type Services struct {
	People    care.PersonService
	Records   care.RecordService
	Settings  care.SettingsService
	Meetings  care.MeetingService
	Minutes   care.MinutesService
	Dashboard care.DashboardService
	Versions  care.VersionService
	// Certificates keeps every certificate plans have been signed with.
	Certificates care.CertificateService
	Accounts     care.AccountService
	Audit        care.AuditService
	// Checklists keeps what to book before each meeting.
	Checklists care.ChecklistService
	// Status records discharge, death and archive, cancels meetings and deletes people.
	Status care.StatusService
	// Sync keeps the outbox, server state and conflicts of sync with a FHIR
	// server (the store behind fhirsync), gathers a person's record for
	// FHIR (Gather) and imports FHIR Patients.
	Sync *sqlite.SyncService
}

// NewServices builds the care services on the store.
func NewServices(db *sqlite.DB) Services {
	return Services{
		People:    sqlite.NewPersonService(db),
		Records:   sqlite.NewRecordService(db),
		Settings:  sqlite.NewSettingsService(db),
		Meetings:  sqlite.NewMeetingService(db),
		Minutes:   sqlite.NewMeetingService(db),
		Dashboard: sqlite.NewDashboardService(db),
		Versions:  sqlite.NewVersionService(db),

		Certificates: sqlite.NewCertificateService(db),
		Accounts:     sqlite.NewAccountService(db),
		Audit:        sqlite.NewAuditService(db),
		Checklists:   sqlite.NewChecklistService(db),
		Status:       sqlite.NewStatusService(db),
		Sync:         sqlite.NewSyncService(db),
	}
}

// Plans is the plan PDF pipeline on the services; dataKey returns the
// signed-in account's data key (nil when no one is signed in).
func (s Services) Plans(dataKey func() []byte) *signing.Plans {
	return signing.New(signing.Config{Versions: s.Versions, Settings: s.Settings, Certificates: s.Certificates,
		Secrets: s.Accounts, DataKey: dataKey, Now: time.Now})
}

// SignIn is sign-in on the services.
func (s Services) SignIn() *accounts.Service { return accounts.New(s.Accounts, s.Audit) }

// CheckIntegrity checks the history and audit chains and every agreed
// snapshot, logging each problem found (plain words, no personal data). A
// check that cannot run is itself a problem to show.
func CheckIntegrity(ctx context.Context, audit care.AuditService) *care.IntegrityReport {
	r, err := audit.VerifyIntegrity(ctx)
	if err != nil {
		slog.Error("integrity check failed to run", "err", err)
		r = &care.IntegrityReport{Problems: []string{"The check of the record's history could not run. Restart What Matters; if this stays, restore from a backup"}}
	}
	for _, p := range r.Problems {
		slog.Error("integrity check", "problem", p)
	}
	return r
}
