package sqlite

import (
	"context"
	"database/sql"
	"time"

	"whatmatters/internal/care"
)

// What record.go still uses while it is rewritten with the domain's types;
// it moves to Tx (BeginTx, recordHistory on a *Tx) once that lands, and
// this file goes.

// beginWrite starts a write transaction (BEGIN IMMEDIATE on the one writer).
func (db *DB) beginWrite(ctx context.Context) (*sql.Tx, error) {
	if err := db.Damaged(); err != nil {
		return nil, err
	}
	return db.wdb.BeginTx(ctx, nil)
}

// beginRead starts a read-only transaction on the reader pool.
func (db *DB) beginRead(ctx context.Context) (*sql.Tx, error) {
	return db.rdb.BeginTx(ctx, nil)
}

// recordHistory is recordHistory for a plain *sql.Tx: the time is read from
// the clock now and the actor from ctx. care.ErrNoActor without one.
func (db *DB) recordHistory(ctx context.Context, tx *sql.Tx, personID int64, action string, changes []change) error {
	actor, known := care.ActorFrom(ctx)
	clock := db.Now()
	return recordHistory(ctx, &Tx{Tx: tx, clock: clock, now: clock.UTC().Truncate(time.Second), actor: actor, known: known}, personID, action, changes)
}

// queryer is what *sql.Tx and *Tx both do: the helpers record.go shares
// (findPersonByID, writeSearch) take one.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
