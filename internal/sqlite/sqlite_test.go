package sqlite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"

	_ "modernc.org/sqlite"
)

// now is the fixed clock the tests run at.
var now = time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)

// MustOpenDB opens a new database in a temporary folder, closed at the end
// of the test.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return MustOpenDBAt(tb, filepath.Join(tb.TempDir(), "nested", "whatmatters.db"))
}

// MustOpenDBAt opens the database at path, closed at the end of the test.
func MustOpenDBAt(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(path)
	db.Now = func() time.Time { return now }
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestDB_Open(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		if _, err := os.Stat(db.Path); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Pragmas", func(t *testing.T) {
		db := MustOpenDB(t)
		db.Close()
		var mode string
		if err := openRaw(t, db.Path).QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		} else if mode != "wal" {
			t.Errorf("journal_mode = %q, want wal", mode)
		}
	})

	t.Run("ErrNotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		content := []byte("These are my notes, not a database.\n")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		err := sqlite.NewDB(path).Open()
		if got, want := care.ErrorCode(err), care.EINVALID; got != want {
			t.Fatalf("code = %q, want %q (%v)", got, want, err)
		}
		if msg := care.ErrorMessage(err); !strings.Contains(msg, "is not a What Matters database") {
			t.Errorf("message = %q", msg)
		}
		if got, _ := os.ReadFile(path); string(got) != string(content) {
			t.Errorf("file changed: %q", got)
		}
		if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
			t.Errorf("extra files created: %v", entries)
		}
	})

	t.Run("ErrNewerVersion", func(t *testing.T) {
		db := MustOpenDB(t)
		db.Close()
		rawExec(t, db.Path, `PRAGMA user_version = 999`)
		before, _ := os.ReadFile(db.Path)

		err := sqlite.NewDB(db.Path).Open()
		if got, want := care.ErrorCode(err), care.EINVALID; got != want {
			t.Fatalf("code = %q, want %q (%v)", got, want, err)
		}
		if msg := care.ErrorMessage(err); !strings.Contains(msg, "newer version of What Matters") {
			t.Errorf("message = %q", msg)
		}
		if after, _ := os.ReadFile(db.Path); string(after) != string(before) {
			t.Error("database file changed")
		}
	})

	t.Run("EmptyFileBecomesDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		MustOpenDBAt(t, path)
	})
}
