// Package sqlite implements the care services on an SQLite file, using the
// pure-Go modernc.org/sqlite driver.
//
// As in WTF Dial, every exported service method is one transaction: it
// begins a Tx (which reads the clock and the actor once), calls unexported
// helpers named for what they do, such as findMeetingByID(ctx, tx, id),
// and commits; the deferred rollback undoes anything that failed. Its
// errors name it ("sqlite.UpdateMeeting: ..."), never what was stored.
// A helper that reads rows gives queryAll its query and a named scan
// function (scanItem, scanMeeting...). The services themselves are in
// services.go.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"whatmatters/internal/care"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// DB is the store: one SQLite file, with one connection for writes (SQLite
// allows a single writer) and a small pool for reads.
type DB struct {
	wdb *sql.DB // writes: one connection, transactions begin IMMEDIATE
	rdb *sql.DB // reads: several connections, query only

	// Path is the database file.
	Path string

	// Now returns the current time; tests replace it.
	Now func() time.Time

	gate    sync.RWMutex // held by Replace while it swaps the file; see reopen.go
	damaged error        // ErrDamaged if the file failed its check at open
}

// NewDB returns a store for the file at path. Call Open before use.
func NewDB(path string) *DB {
	return &DB{Path: path, Now: time.Now}
}

// Open opens the database, creating it and its folder if needed, and applies
// any migrations it lacks. A file that is not an SQLite database, or one
// written by a newer version of the app, is refused with a clear EINVALID
// error and left exactly as it was. A file that fails PRAGMA quick_check
// opens read-only: Damaged then says so and every write is refused with
// ErrDamaged. The file and its -wal and -shm are the user's alone (0600).
// Errors from SQLite go through CareError; ErrUnreadable for a file too
// damaged to open at all.
func (db *DB) Open() (err error) {
	defer func() { err = openError(err) }()
	if db.Path == "" {
		return care.Errorf(care.EINVALID, "No database file was given")
	}
	if err := os.MkdirAll(filepath.Dir(db.Path), 0o700); err != nil {
		return care.Errorf(care.EINVALID, "Cannot create the folder for the database at %s. Check you can write to it", filepath.Dir(db.Path))
	}
	if err := checkHeader(db.Path); err != nil {
		return err
	}
	if err := db.checkVersion(); err != nil {
		return err
	}
	if err := createPrivate(db.Path); err != nil {
		return err
	}
	if db.damaged = quickCheck(context.Background(), db.Path); db.damaged != nil && db.damaged != ErrDamaged {
		return db.damaged
	}

	db.wdb = db.openPool(false)
	db.wdb.SetMaxOpenConns(1)
	db.wdb.SetConnMaxIdleTime(0)
	if db.damaged == nil {
		if err := db.migrate(); err != nil {
			db.Close()
			return err
		}
		if err := db.reindexMissing(context.Background()); err != nil {
			db.Close()
			return err
		}
		if err := db.chainLegacyHistory(context.Background()); err != nil {
			db.Close()
			return err
		}
	}
	db.rdb = db.openPool(true)
	db.rdb.SetMaxOpenConns(4)
	return privateSidecars(db.Path)
}

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.rdb != nil {
		errs = append(errs, db.rdb.Close())
	}
	if db.wdb != nil {
		errs = append(errs, db.wdb.Close())
	}
	return errors.Join(errs...)
}

// dsn builds the connection string; pragmas are set on every connection.
func (db *DB) dsn(readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
		// Deleted content is overwritten, so nothing removed (such as a
		// plaintext key) lingers in free pages.
		q.Add("_pragma", "secure_delete(1)")
	}
	return "file:" + escapePath(db.Path) + "?" + q.Encode()
}

// escapePath makes a file path safe inside a "file:" URI, on Windows too.
func escapePath(p string) string {
	p = filepath.ToSlash(p)
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// checkHeader refuses, without writing anything, a non-empty file that is
// not an SQLite database.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return care.Errorf(care.EINVALID, "Cannot read the database file %s. Check you have permission to open it", path)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // an empty file becomes a new database
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return care.Errorf(care.EINVALID, "The file %s is not a What Matters database. It has not been changed. Choose another file, or move this one away", path)
	}
	return nil
}

// checkVersion refuses a database written by a newer version of the app,
// reading it without changing it.
func (db *DB) checkVersion() error {
	if _, err := os.Stat(db.Path); err != nil {
		return nil
	}
	ro, err := sql.Open("sqlite", "file:"+escapePath(db.Path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("open read-only: %w", err)
	}
	defer ro.Close()
	var v int
	if err := ro.QueryRow(`PRAGMA user_version`).Scan(&v); CareError(err) != err {
		return CareError(err) // a read-only folder, a locked or damaged file
	} else if err != nil {
		return care.Errorf(care.EINVALID, "The file %s could not be read as a What Matters database. It has not been changed", db.Path)
	}
	if latest := len(migrationNames()); v > latest {
		return care.Errorf(care.EINVALID, "The database %s was made by a newer version of What Matters. Install the newer version to open it. Nothing has been changed", db.Path)
	}
	return nil
}

func migrationNames() []string {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is a constant
	}
	sort.Strings(names)
	return names
}

// migrate applies, in order and each in its own transaction, the migrations
// the database lacks; PRAGMA user_version counts those applied.
func (db *DB) migrate() error {
	var v int
	if err := db.wdb.QueryRow(`PRAGMA user_version`).Scan(&v); CareError(err) != err {
		return CareError(err)
	} else if err != nil {
		return care.Errorf(care.EINVALID, "The file %s could not be read as a What Matters database. It has not been changed", db.Path)
	}
	for i, name := range migrationNames() {
		if i < v {
			continue
		}
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := db.wdb.Begin()
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.Exec(string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// reindexMissing adds to the search index anyone not in it, such as people
// stored before search was added.
func (db *DB) reindexMissing(ctx context.Context) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ids, err := findUnindexedPeople(ctx, tx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := writeSearch(ctx, tx, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// findUnindexedPeople returns the ids of people not in the search index.
func findUnindexedPeople(ctx context.Context, tx *Tx) ([]int64, error) {
	return queryAll(ctx, tx, scanID, `SELECT id FROM people WHERE id NOT IN (SELECT rowid FROM people_search)`)
}

// scanID reads a row of one id.
func scanID(row scanner) (id int64, err error) {
	err = row.Scan(&id)
	return id, err
}

// Tx is a transaction of the store, as WTF Dial's: it carries the time it
// began, read once from the DB's clock, so every row one change writes has
// the same time, and who is making the change, read once from the context.
type Tx struct {
	*sql.Tx
	clock time.Time // as the clock gave it, in its own zone: for the rules that ask what day it is
	now   time.Time // clock in UTC, to the second: what is stored
	actor care.Actor
	known bool // the context said who the actor is
}

// readOnly asks BeginTx for a read transaction.
var readOnly = &sql.TxOptions{ReadOnly: true}

// BeginTx starts a transaction: a write (BEGIN IMMEDIATE on the one
// writer) unless opts.ReadOnly, which reads from the pool of query-only
// connections. ErrDamaged for a write to a database that failed its check.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	pool := db.wdb
	if opts != nil && opts.ReadOnly {
		pool = db.rdb
	} else if err := db.Damaged(); err != nil {
		return nil, err
	}
	tx, err := pool.BeginTx(ctx, nil) // the pool decides: its DSN sets the locking and query_only
	if err != nil {
		return nil, err
	}
	actor, known := care.ActorFrom(ctx)
	clock := db.Now()
	return &Tx{Tx: tx, clock: clock, now: clock.UTC().Truncate(time.Second), actor: actor, known: known}, nil
}

// Actor returns who is making the change; care.ErrNoActor if the context
// did not say. Every write to a person's record asks for it first.
func (tx *Tx) Actor() (care.Actor, error) {
	if !tx.known {
		return care.Actor{}, care.ErrNoActor
	}
	return tx.actor, nil
}

// wrap names, in an error an exported method returns, the method it came
// from ("sqlite.UpdateMeeting: ..."), and turns SQLite's codes for a full
// disk, a read-only or busy file into the care errors that say what to do
// (CareError). Use it deferred, on a named error result.
func wrap(err *error, op string) {
	if *err != nil {
		*err = care.WithOp("sqlite."+op, CareError(*err))
	}
}

// scanner is a row to read: an *sql.Row, or *sql.Rows at a row.
type scanner interface{ Scan(...any) error }

// queryAll runs query in tx and reads each row it returns with scan, in
// the order the query gives them.
func queryAll[T any](ctx context.Context, tx *Tx, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// insert runs an INSERT in tx and returns the id of the row it added.
func insert(ctx context.Context, tx *Tx, query string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}
