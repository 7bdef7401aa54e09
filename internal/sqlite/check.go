package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"strings"

	"whatmatters/internal/care"
)

// Checking a database file: quick_check every time the store opens, and
// VerifyFile, in full, before a restored backup is put in place.

// quickCheck runs PRAGMA quick_check on the file, read-only. It returns
// ErrDamaged if the file is damaged, nil if it is sound (or empty), and
// any other error if the file could not be read at all.
func quickCheck(ctx context.Context, path string) error {
	ro, err := sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro")
	if err != nil {
		return err
	}
	defer ro.Close()
	problems, err := pragmaRows(ctx, ro, `PRAGMA quick_check(1)`)
	if isCorrupt(err) {
		return ErrDamaged
	} else if err != nil {
		return err
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return ErrDamaged
	}
	return nil
}

// isCorrupt reports whether err is SQLite finding the file damaged.
func isCorrupt(err error) bool {
	return err != nil && CareError(err) == ErrCorrupt
}

// pragmaRows returns the first column of every row of a PRAGMA.
func pragmaRows(ctx context.Context, db *sql.DB, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s.String)
	}
	return out, rows.Err()
}

// Why VerifyFile refuses a file. Each says what is wrong and what to do.
var (
	errNotOurs        = care.Errorf(care.EINVALID, "This is not a What Matters database")
	errNewer          = care.Errorf(care.EINVALID, "This database was made by a newer version of What Matters. Install the newer version first")
	errFailsIntegrity = care.Errorf(care.EINVALID, "This database is damaged: it fails SQLite's integrity check")
	errSnapshot       = "An agreed plan in this database (version %d of person %d) no longer matches the fingerprint it was agreed with, so the database cannot be trusted"
)

// checkedFile is a database file being verified, open read-only.
type checkedFile struct {
	db *sql.DB
	// version is the number of migrations the file has had (PRAGMA user_version).
	version int
}

// fileCheck is one step of VerifyFile. It returns a care error saying what
// is wrong, or any other error if the file could not be read.
type fileCheck func(ctx context.Context, f *checkedFile) error

// fileChecks are VerifyFile's steps, in order; the first to fail stops it.
// A further check of the file, such as walking a hash chain, is one more
// entry here.
var fileChecks = []fileCheck{
	checkIntegrity,
	checkSchema,
	checkForeignKeys,
	checkSnapshots,
}

// VerifyFile checks, without changing it, that the database file at path
// can be trusted: it is a What Matters database no newer than this build,
// SQLite's full integrity check passes, its tables, indexes and triggers
// are exactly those this build's migrations make, no reference is broken,
// and every agreed plan version's stored snapshot still hashes to the hash
// it was agreed with. Errors: invalid, saying which check failed.
func VerifyFile(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return care.Errorf(care.EINVALID, "Cannot read the database file %s", path)
	}
	head := make([]byte, len(sqliteHeader))
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return errNotOurs
	}
	// trusted_schema off: nothing the file's own schema names (a view, a
	// trigger) may run functions while it is checked.
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?mode=ro&immutable=1&_pragma=trusted_schema(0)&_pragma=query_only(1)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	cf := &checkedFile{db: db}
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&cf.version); isCorrupt(err) {
		return errFailsIntegrity
	} else if err != nil {
		return errNotOurs
	}
	if cf.version < 1 {
		return errNotOurs
	} else if cf.version > len(migrationNames()) {
		return errNewer
	}
	for _, check := range fileChecks {
		if err := check(ctx, cf); isCorrupt(err) {
			return errFailsIntegrity
		} else if err != nil {
			return err
		}
	}
	return nil
}

// checkIntegrity runs SQLite's full PRAGMA integrity_check.
func checkIntegrity(ctx context.Context, f *checkedFile) error {
	problems, err := pragmaRows(ctx, f.db, `PRAGMA integrity_check(1)`)
	if err != nil {
		return err
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return errFailsIntegrity
	}
	return nil
}

// checkSchema compares the file's tables, indexes, views and triggers with
// those the first f.version migrations make in an empty database. The
// tables a virtual table (the search index) keeps for itself are left out:
// their layout is SQLite's, and may change between its versions.
func checkSchema(ctx context.Context, f *checkedFile) error {
	want, err := expectedSchema(ctx, f.version)
	if err != nil {
		return err
	}
	got, err := schemaOf(ctx, f.db)
	if err != nil {
		return err
	}
	if len(got) != len(want) {
		return errNotOurs
	}
	for i := range got {
		if got[i] != want[i] {
			return errNotOurs
		}
	}
	return nil
}

// expectedSchema is the schema the first n migrations make.
func expectedSchema(ctx context.Context, n int) ([]string, error) {
	mem, err := sql.Open("sqlite", "file:expected?mode=memory")
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	mem.SetMaxOpenConns(1)
	for _, name := range migrationNames()[:n] {
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if _, err := mem.ExecContext(ctx, string(body)); err != nil {
			return nil, fmt.Errorf("migration %s in memory: %w", name, err)
		}
	}
	return schemaOf(ctx, mem)
}

// schemaOf lists a database's schema entries, one string each, in order.
func schemaOf(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT type, name, tbl_name, IFNULL(sql, '') FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY type, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type entry struct{ typ, name, table, sql string }
	var all []entry
	var virtual []string
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.typ, &e.name, &e.table, &e.sql); err != nil {
			return nil, err
		}
		if e.typ == "table" && strings.HasPrefix(strings.ToUpper(e.sql), "CREATE VIRTUAL TABLE") {
			virtual = append(virtual, e.name+"_")
		}
		all = append(all, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
next:
	for _, e := range all {
		for _, prefix := range virtual {
			if e.typ == "table" && strings.HasPrefix(e.name, prefix) {
				continue next
			}
		}
		out = append(out, strings.Join([]string{e.typ, e.name, e.table, e.sql}, "\x00"))
	}
	return out, nil
}

// checkForeignKeys refuses a file in which a row refers to one that is not
// there.
func checkForeignKeys(ctx context.Context, f *checkedFile) error {
	rows, err := f.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		return errFailsIntegrity
	}
	return rows.Err()
}

// checkSnapshots re-hashes every agreed plan version's stored snapshot and
// compares it with the hash (and check code) it was agreed with.
func checkSnapshots(ctx context.Context, f *checkedFile) error {
	if !hasTable(ctx, f.db, "plan_versions") {
		return nil // made before plans had versions
	}
	rows, err := f.db.QueryContext(ctx, `SELECT person_id, number, snapshot, hash, check_code FROM plan_versions ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var person int64
		var number int
		var snapshot, hash, code string
		if err := rows.Scan(&person, &number, &snapshot, &hash, &code); err != nil {
			return err
		}
		if care.Hash([]byte(snapshot)) != hash || care.CheckCode(hash) != code {
			return care.Errorf(care.EINVALID, errSnapshot, number, person)
		}
	}
	return rows.Err()
}

// hasTable reports whether the database has a table of that name.
func hasTable(ctx context.Context, db *sql.DB, name string) bool {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, name).Scan(&n)
	return err == nil && n == 1
}
