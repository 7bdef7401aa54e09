package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// swapIn returns a swap for Replace that moves the database (and any -wal
// and -shm) to path+".old" and copy into its place.
func swapIn(t *testing.T, path, copy string) func() error {
	return func() error {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Rename(path+suffix, path+".old"+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
		return os.Rename(copy, path)
	}
}

func countPeople(t *testing.T, db *sqlite.DB) int {
	t.Helper()
	_, n, err := sqlite.NewPersonService(db).SearchPeople(context.Background(), care.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDB_Replace(t *testing.T) {
	ctx := context.Background()
	wctx := care.WithActor(ctx, coordinator)

	t.Run("OKWhileWriting", func(t *testing.T) {
		db := MustOpenDBAt(t, MustSeededFile(t))
		backup := filepath.Join(t.TempDir(), "backup.db")
		if err := db.Snapshot(ctx, backup); err != nil {
			t.Fatal(err)
		}
		people := sqlite.NewPersonService(db)
		if err := people.CreatePerson(wctx, &care.Person{GivenName: "After", FamilyName: "Backup", DateOfBirth: "1960-02-02"}); err != nil {
			t.Fatal(err)
		}
		// A writer and a reader keep going while the file is replaced.
		var stop atomic.Bool
		var wg sync.WaitGroup
		var writes, refused atomic.Int64
		settings := sqlite.NewSettingsService(db)
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				err := settings.SetSettings(ctx, map[string]string{"test.counter": time.Now().String()})
				switch care.ErrorCode(err) {
				case "":
					writes.Add(1)
				case care.ECONFLICT:
					refused.Add(1) // "restoring a backup, try again"
				default:
					t.Errorf("write during replace: %v", err)
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for !stop.Load() {
				_, _, err := people.SearchPeople(ctx, care.PersonFilter{})
				if err != nil && care.ErrorCode(err) != care.ECONFLICT {
					t.Errorf("read during replace: %v", err)
					return
				}
			}
		}()
		time.Sleep(50 * time.Millisecond)
		err := db.Replace(ctx, func() error {
			if _, err := os.Stat(db.Path + "-wal"); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the -wal is still there while swapping: %v", err)
			}
			return swapIn(t, db.Path, backup)()
		})
		time.Sleep(50 * time.Millisecond)
		stop.Store(true)
		wg.Wait()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d writes, %d refused while replacing", writes.Load(), refused.Load())
		if n := countPeople(t, db); n != 5 {
			t.Errorf("%d people after restoring, want the backup's 5", n)
		}
		if err := people.CreatePerson(wctx, &care.Person{GivenName: "New", FamilyName: "Person", DateOfBirth: "1970-03-03"}); err != nil {
			t.Errorf("writing after replace: %v", err)
		}
		if db.Damaged() != nil {
			t.Error("damaged after replace")
		}
		old := MustOpenDBAt(t, db.Path+".old")
		if n := countPeople(t, old); n != 6 {
			t.Errorf("the kept database has %d people, want 6", n)
		}
	})

	t.Run("ErrInUseByAnotherProgram", func(t *testing.T) {
		db := MustOpenDBAt(t, MustSeededFile(t))
		backup := filepath.Join(t.TempDir(), "backup.db")
		if err := db.Snapshot(ctx, backup); err != nil {
			t.Fatal(err)
		}
		other, _ := sql.Open("sqlite", "file:"+db.Path)
		defer other.Close()
		if err := other.QueryRow(`SELECT count(*) FROM people`).Scan(new(int)); err != nil {
			t.Fatal(err)
		}
		called := false
		err := db.Replace(ctx, func() error { called = true; return nil })
		if !errors.Is(err, sqlite.ErrInUse) || called {
			t.Fatalf("got %v (swap called: %v), want ErrInUse", err, called)
		}
		wantMessage(t, err, care.ECONFLICT, "Close other windows first")
		if err := sqlite.NewSettingsService(db).SetSettings(ctx, map[string]string{"a": "b"}); err != nil {
			t.Errorf("the store does not work after refusing: %v", err)
		}
	})

	t.Run("ErrSwapFailed", func(t *testing.T) {
		db := MustOpenDBAt(t, MustSeededFile(t))
		failed := errors.New("swap failed")
		if err := db.Replace(ctx, func() error { return failed }); err != failed {
			t.Fatalf("got %v", err)
		}
		if n := countPeople(t, db); n != 5 {
			t.Errorf("%d people after a failed swap", n)
		}
	})

	t.Run("OKDamagedStore", func(t *testing.T) {
		good := MustSeededFile(t)
		path := MustSeededFile(t)
		Damage(t, path)
		db := MustOpenDBAt(t, path)
		if db.Damaged() == nil {
			t.Fatal("not found damaged")
		}
		if err := db.Replace(ctx, swapIn(t, path, good)); err != nil {
			t.Fatal(err)
		}
		if db.Damaged() != nil {
			t.Error("still damaged after replace")
		}
		if err := sqlite.NewSettingsService(db).SetSettings(ctx, map[string]string{"a": "b"}); err != nil {
			t.Errorf("writing after replace: %v", err)
		}
	})

	t.Run("OKStoreNeverOpened", func(t *testing.T) {
		good := MustSeededFile(t)
		path := filepath.Join(t.TempDir(), "whatmatters.db")
		os.WriteFile(path, []byte("not a database"), 0o600)
		db := sqlite.NewDB(path)
		if err := db.Open(); err == nil {
			t.Fatal("opened a file that is not a database")
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Replace(ctx, swapIn(t, path, good)); err != nil {
			t.Fatal(err)
		}
		if n := countPeople(t, db); n != 5 {
			t.Errorf("%d people", n)
		}
	})
}
