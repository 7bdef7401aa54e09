package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/sqlite"
)

// MustSeed adds the example people to db.
func MustSeed(tb testing.TB, db *sqlite.DB) {
	tb.Helper()
	n, err := demo.Seed(context.Background(), demo.Services{People: sqlite.NewPersonService(db),
		Records: sqlite.NewRecordService(db), Versions: sqlite.NewVersionService(db)}, now)
	if err != nil || n != 5 {
		tb.Fatalf("seed: %d people, %v", n, err)
	}
}

// MustSeededFile makes a closed database file holding the example people.
func MustSeededFile(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "seeded.db")
	db := MustOpenDBAt(tb, path)
	MustSeed(tb, db)
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// MustLegacyFile copies to a temporary folder the database an older build
// made (testdata/legacy/plans.db), and returns its path.
func MustLegacyFile(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "legacy", "plans.db"))
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "plans.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Damage writes garbage over a page of a closed database file, well past
// its header, as a failing disk might: the first page of the record's
// items, so that what is damaged is the record and not (by chance, as the
// file grows) the settings or the accounts.
func Damage(tb testing.TB, path string) {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	var root int
	err = db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = 'record_items'`).Scan(&root)
	db.Close()
	if err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	pageSize := int(binary.BigEndian.Uint16(data[16:18]))
	pages := len(data) / pageSize
	if pages < 4 {
		tb.Fatalf("only %d pages", pages)
	}
	page := make([]byte, pageSize)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range page {
		page[i] = byte(r.UintN(256))
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(page, int64((root-1)*pageSize)); err != nil {
		tb.Fatal(err)
	}
}

// rawExec runs statements on a database file outside the store, as another
// program (or an attacker with the file) might.
func rawExec(tb testing.TB, path string, stmts ...string) {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			tb.Fatalf("%s: %v", s, err)
		}
	}
}

func wantMessage(t *testing.T, err error, code, contains string) {
	t.Helper()
	if got := care.ErrorCode(err); got != code {
		t.Fatalf("code = %q, want %q (%v)", got, code, err)
	}
	if msg := care.ErrorMessage(err); !strings.Contains(msg, contains) {
		t.Errorf("message = %q, want it to contain %q", msg, contains)
	}
}

func TestVerifyFile(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		if err := sqlite.VerifyFile(ctx, MustSeededFile(t)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("OKNewDatabase", func(t *testing.T) {
		db := MustOpenDB(t)
		db.Close()
		if err := sqlite.VerifyFile(ctx, db.Path); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrNotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.txt")
		os.WriteFile(path, []byte("Margaret's notes"), 0o600)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "This is not a What Matters database")
	})
	t.Run("ErrMissing", func(t *testing.T) {
		wantMessage(t, sqlite.VerifyFile(ctx, filepath.Join(t.TempDir(), "none.db")), care.EINVALID, "Cannot read")
	})
	t.Run("ErrAnotherAppsDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.db")
		rawExec(t, path, `CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)`, `PRAGMA user_version = 3`)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "This is not a What Matters database")
	})
	t.Run("ErrEmptySQLiteDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.db")
		rawExec(t, path, `CREATE TABLE t (x)`, `DROP TABLE t`)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "This is not a What Matters database")
	})
	t.Run("ErrNewer", func(t *testing.T) {
		path := MustSeededFile(t)
		rawExec(t, path, `PRAGMA user_version = 999`)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "newer version of What Matters")
	})
	t.Run("ErrDamaged", func(t *testing.T) {
		path := MustSeededFile(t)
		Damage(t, path)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "fails SQLite's integrity check")
	})
	t.Run("ErrTruncated", func(t *testing.T) {
		path := MustSeededFile(t)
		fi, _ := os.Stat(path)
		os.Truncate(path, fi.Size()/2)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "fails SQLite's integrity check")
	})
	t.Run("ErrTriggerRemoved", func(t *testing.T) {
		path := MustSeededFile(t)
		rawExec(t, path, `DROP TRIGGER plan_versions_locked_update`)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "This is not a What Matters database")
	})
	t.Run("ErrTriggerAdded", func(t *testing.T) {
		path := MustSeededFile(t)
		rawExec(t, path, `CREATE TRIGGER spy AFTER INSERT ON people BEGIN SELECT 1; END`)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "This is not a What Matters database")
	})
	t.Run("ErrSnapshotRewritten", func(t *testing.T) {
		// The agreed snapshot is changed behind the triggers' back, and
		// the trigger put back exactly as it was: only the hash can tell.
		path := MustSeededFile(t)
		var trigger string
		db, _ := sql.Open("sqlite", path)
		db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'plan_versions_locked_update'`).Scan(&trigger)
		db.Close()
		rawExec(t, path, `DROP TRIGGER plan_versions_locked_update`,
			`UPDATE plan_versions SET snapshot = replace(snapshot, 'Gosia', 'Gosha') WHERE id = 1`, trigger)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "no longer matches the fingerprint")
	})
	t.Run("ErrBrokenReference", func(t *testing.T) {
		path := MustSeededFile(t)
		rawExec(t, path, `PRAGMA foreign_keys = OFF`, `DELETE FROM people WHERE id = 3`)
		wantMessage(t, sqlite.VerifyFile(ctx, path), care.EINVALID, "fails SQLite's integrity check")
	})
	t.Run("LeavesTheFileAlone", func(t *testing.T) {
		path := MustSeededFile(t)
		before, _ := os.ReadFile(path)
		if err := sqlite.VerifyFile(ctx, path); err != nil {
			t.Fatal(err)
		}
		after, _ := os.ReadFile(path)
		if string(before) != string(after) {
			t.Error("VerifyFile changed the file")
		}
		if ents, _ := os.ReadDir(filepath.Dir(path)); len(ents) != 1 {
			t.Errorf("files beside it: %v", ents)
		}
	})
}

func TestDB_OpenDamaged(t *testing.T) {
	ctx := context.Background()
	path := MustSeededFile(t)
	Damage(t, path)
	before, _ := os.ReadFile(path)

	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatalf("a damaged file should open read-only, got %v", err)
	}
	if err := db.Damaged(); !errors.Is(err, sqlite.ErrDamaged) {
		t.Fatalf("Damaged() = %v", err)
	}
	wantMessage(t, db.Damaged(), care.ELOCKED, "This database is damaged. What Matters has opened it read-only so nothing more is written. Restore your latest backup")
	// Reads that avoid the damaged page still work.
	if _, err := sqlite.NewSettingsService(db).FindSetting(ctx, "organisation"); err != nil {
		t.Errorf("reading a setting: %v", err)
	}
	// Every write is refused, through the services and underneath them.
	wctx := care.WithActor(ctx, care.Actor{Name: "Sam Okafor", Role: "Care coordinator"})
	err := sqlite.NewPersonService(db).CreatePerson(wctx, &care.Person{GivenName: "Ann", FamilyName: "Lee", DateOfBirth: "1950-01-01"})
	wantMessage(t, err, care.ELOCKED, "This database is damaged")
	wantMessage(t, sqlite.NewSettingsService(db).SetSettings(ctx, map[string]string{"x": "y"}), care.ELOCKED, "damaged")
	if err := sqlite.NewDashboardService(db).MarkOpened(ctx, 1); err == nil {
		t.Error("a write outside a transaction got through")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the damaged file was written to")
	}
}
