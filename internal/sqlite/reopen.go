package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io/fs"
	"os"
	"time"

	"modernc.org/sqlite"

	"whatmatters/internal/care"
)

// Connections are made by a connector of our own rather than by sql.Open,
// for two reasons: a database found damaged at open is only ever connected
// to read-only, and Replace can hold new connections back while it puts
// another file in place of the database, without the *sql.DB pools (which
// the services share) ever being swapped.

// errReplacing answers a call that arrives while Replace has the file.
var errReplacing = care.Errorf(care.ECONFLICT, "What Matters is restoring a backup. Try again in a moment")

// ErrInUse is Replace refusing: a connection did not close in time, or
// another program has the database open.
var ErrInUse = care.Errorf(care.ECONFLICT, "The database is in use elsewhere, so the backup has not been restored. "+
	"Close other windows first (and any other program using the database), then try again")

// drainTimeout is how long Replace waits for connections in use to close.
var drainTimeout = 5 * time.Second

// connector opens a connection to db's file as it now stands.
type connector struct {
	db       *DB
	readOnly bool
}

// Connect implements driver.Connector.
func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	if !c.db.gate.TryRLock() {
		return nil, errReplacing
	}
	defer c.db.gate.RUnlock()
	dsn := c.db.dsn(c.readOnly || c.db.damaged != nil)
	if c.db.damaged != nil {
		dsn += "&mode=ro"
	}
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return base.Connect(ctx)
}

// Driver implements driver.Connector.
func (c *connector) Driver() driver.Driver { return &sqlite.Driver{} }

// openPool opens a pool of connections through the connector.
func (db *DB) openPool(readOnly bool) *sql.DB {
	return sql.OpenDB(&connector{db: db, readOnly: readOnly})
}

// Damaged returns ErrDamaged if the database failed its check when it
// opened, and so is open read-only; otherwise nil.
func (db *DB) Damaged() error {
	db.gate.RLock()
	defer db.gate.RUnlock()
	return db.damaged
}

// Replace puts another database file in place of this one while it is
// open: it waits for the connections in use to finish (new calls are
// answered "try again in a moment"), closes every connection, so SQLite
// checkpoints the -wal into the file and removes it, calls swap to move the
// files, and opens the new file, applying any migrations it lacks. It
// refuses with ErrInUse if a connection does not close within a few
// seconds or the -wal is still there (another program has the database
// open). If the store never opened (the file could not be read), swap is
// simply called and the store opened.
func (db *DB) Replace(ctx context.Context, swap func() error) error {
	db.gate.Lock()
	if db.rdb == nil {
		db.gate.Unlock()
		if err := swap(); err != nil {
			return err
		}
		db.Close()
		return db.Open()
	}
	pools := []*sql.DB{db.wdb, db.rdb}
	idle := func(n int) {
		for _, p := range pools {
			p.SetMaxIdleConns(n)
		}
	}
	idle(0) // closes idle connections now, the rest as they are put back
	if err := waitClosed(ctx, pools); err != nil {
		idle(2)
		db.gate.Unlock()
		return err
	}
	// The last connection to close removes the -wal: if it is still there,
	// another connection (another program) has the database open. A
	// read-only (damaged) store cannot remove it; it moves aside with the
	// file.
	if db.damaged == nil {
		// A query-only connection closing last may leave the -wal behind:
		// one writable connection, opened and closed, folds it in (it
		// cannot while another program holds the database).
		if _, err := os.Stat(db.Path + "-wal"); err == nil {
			foldWAL(ctx, db.Path)
		}
		if _, err := os.Stat(db.Path + "-wal"); err == nil {
			idle(2)
			db.gate.Unlock()
			return ErrInUse
		} else if !errors.Is(err, fs.ErrNotExist) {
			idle(2)
			db.gate.Unlock()
			return err
		}
	}
	err := swap()
	if err == nil {
		err = createPrivate(db.Path)
	}
	if err == nil {
		err = walMode(ctx, db.Path)
	}
	if err == nil {
		db.damaged = quickCheck(ctx, db.Path)
		if db.damaged != nil && db.damaged != ErrDamaged {
			err, db.damaged = db.damaged, ErrDamaged
		}
	}
	idle(2)
	db.gate.Unlock()
	if err != nil {
		return err
	}
	if db.Damaged() != nil {
		return nil
	}
	if err := db.migrate(); err != nil {
		return err
	}
	if err := db.reindexMissing(ctx); err != nil {
		return err
	}
	if err := db.chainLegacyHistory(ctx); err != nil {
		return err
	}
	return privateSidecars(db.Path)
}

// foldWAL checkpoints the -wal into the file and, closing the last
// connection, lets SQLite remove it. Best effort: the caller checks.
func foldWAL(ctx context.Context, path string) {
	c, err := sql.Open("sqlite", "file:"+escapePath(path)+"?_pragma=busy_timeout(1000)")
	if err != nil {
		return
	}
	defer c.Close()
	c.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}

// walMode turns the file at path to WAL mode before any pool connects to
// it: the readers, being query-only, cannot.
func walMode(ctx context.Context, path string) error {
	c, err := sql.Open("sqlite", "file:"+escapePath(path)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
	return err
}

// waitClosed waits until none of the pools has a connection open.
func waitClosed(ctx context.Context, pools []*sql.DB) error {
	deadline := time.Now().Add(drainTimeout)
	for {
		open := 0
		for _, p := range pools {
			open += p.Stats().OpenConnections
		}
		if open == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return ErrInUse
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Opened reports whether the store is open (Open succeeded, or Replace
// opened it), and so can be read.
func (db *DB) Opened() bool {
	db.gate.RLock()
	defer db.gate.RUnlock()
	return db.rdb != nil
}
