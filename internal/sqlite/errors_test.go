package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
	"whatmatters/internal/testutil"
)

var coordinator = care.Actor{Name: "Sam Okafor", Role: "Care coordinator"}

// fillUp adds people with long About me text until a write fails, and
// returns that failure.
func fillUp(t *testing.T, db *sqlite.DB) error {
	t.Helper()
	ctx := care.WithActor(context.Background(), coordinator)
	people, records := sqlite.NewPersonService(db), sqlite.NewRecordService(db)
	words := strings.Repeat("Gardening and long walks by the canal with my sister. ", 40)
	for i := 0; i < 5000; i++ {
		p := &care.Person{GivenName: fmt.Sprintf("Test%d", i), FamilyName: "Person", DateOfBirth: "1950-01-01"}
		if err := people.CreatePerson(ctx, p); err != nil {
			t.Logf("full after %d people: %v", i, err)
			return err
		}
		if err := records.SaveFields(ctx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
			[]care.FieldChange{{Key: "mostImportant", Value: words}}); err != nil {
			t.Logf("full after %d people: %v", i, err)
			return err
		}
	}
	t.Fatal("the disk never filled")
	return nil
}

func TestCareError(t *testing.T) {
	t.Run("DiskFull", func(t *testing.T) {
		// A real full disk: a 1 MB tmpfs.
		dir := t.TempDir()
		testutil.Mount(t, dir, "-t", "tmpfs", "-o", "size=1M", "tmpfs")
		db := MustOpenDBAt(t, filepath.Join(dir, "whatmatters.db"))
		err := sqlite.CareError(fillUp(t, db))
		if !errors.Is(err, sqlite.ErrDiskFull) {
			t.Fatalf("got %v, want ErrDiskFull", err)
		}
		wantMessage(t, err, care.EINVALID, "The disk is full")
		// Space freed: saving works again and nothing was lost.
		os.WriteFile(filepath.Join(dir, "x"), nil, 0o600)
		if _, err := sqlite.NewPersonService(db).FindPersonByID(context.Background(), 1); err != nil {
			t.Errorf("after the disk filled: %v", err)
		}
	})
	t.Run("DiskFullMaxPageCount", func(t *testing.T) {
		// The same, anywhere: SQLite told the file may not grow.
		db := MustOpenDB(t)
		if err := db.ExecForTest(`PRAGMA max_page_count = 1`); err != nil {
			t.Fatal(err)
		}
		wantMessage(t, sqlite.CareError(fillUp(t, db)), care.EINVALID, "The disk is full")
	})
	t.Run("ReadOnlyFolder", func(t *testing.T) {
		// Root ignores file modes, so the folder is mounted read-only.
		path := MustSeededFile(t)
		ro := t.TempDir()
		testutil.Mount(t, ro, "--bind", filepath.Dir(path))
		testutil.Mount(t, ro, "-o", "remount,ro,bind")
		err := sqlite.NewDB(filepath.Join(ro, filepath.Base(path))).Open()
		if !errors.Is(err, sqlite.ErrReadOnly) {
			t.Fatalf("got %v, want ErrReadOnly", err)
		}
		wantMessage(t, err, care.ELOCKED, "the file or its folder is read-only")
		err = sqlite.NewDB(filepath.Join(ro, "new", "whatmatters.db")).Open()
		wantMessage(t, err, care.EINVALID, "Cannot create the folder")
	})
	t.Run("ReadOnlyFileMode", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root ignores file modes; ReadOnlyFolder covers this")
		}
		path := MustSeededFile(t)
		os.Chmod(path, 0o400)
		wantMessage(t, sqlite.NewDB(path).Open(), care.ELOCKED, "read-only")
	})
	t.Run("Busy", func(t *testing.T) {
		t.Parallel()
		db := MustOpenDB(t)
		other, err := sql.Open("sqlite", "file:"+db.Path+"?_txlock=immediate")
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		tx, err := other.Begin() // another program holds the write lock
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		err = sqlite.NewSettingsService(db).SetSettings(context.Background(), map[string]string{"a": "b"})
		wantMessage(t, sqlite.CareError(err), care.ECONFLICT, "Another program is using the database")
	})
	t.Run("CorruptWhileRunning", func(t *testing.T) {
		// What SQLite says when it reads the damaged page.
		path := MustSeededFile(t)
		Damage(t, path)
		raw, _ := sql.Open("sqlite", path)
		defer raw.Close()
		rows, _ := raw.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
		var tables []string
		for rows.Next() {
			var name string
			rows.Scan(&name)
			tables = append(tables, name)
		}
		rows.Close()
		var err error
		for _, name := range tables {
			if _, err = raw.Exec(`SELECT * FROM "` + name + `" ORDER BY 1`); err != nil {
				break
			}
			var n int
			if err = raw.QueryRow(`SELECT count(*) FROM (SELECT * FROM "` + name + `")`).Scan(&n); err != nil {
				break
			}
		}
		if err == nil {
			err = raw.QueryRow(`PRAGMA integrity_check`).Scan(new(string))
		}
		if err == nil {
			t.Skip("the damaged page was never read")
		}
		wantMessage(t, sqlite.CareError(err), care.ELOCKED, "This database is damaged. Close What Matters and open it again")
	})
	t.Run("PassesOthersThrough", func(t *testing.T) {
		ce := care.Errorf(care.ENOTFOUND, "No one found")
		plain := errors.New("something else")
		for _, err := range []error{nil, ce, plain, fs.ErrNotExist, syscall.EPIPE} {
			if got := sqlite.CareError(err); got != err {
				t.Errorf("CareError(%v) = %v", err, got)
			}
		}
	})
}
