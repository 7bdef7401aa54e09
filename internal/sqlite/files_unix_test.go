//go:build unix

package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"whatmatters/internal/sqlite"
)

func modeOf(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// The database holds health data: whatever the umask, the file, its -wal
// and -shm, and a snapshot for a backup are the user's alone.
func TestPrivateFiles(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	t.Run("NewDatabase", func(t *testing.T) {
		db := MustOpenDB(t)
		MustSeed(t, db)
		for _, p := range []string{db.Path, db.Path + "-wal", db.Path + "-shm"} {
			if got := modeOf(t, p); got != 0o600 {
				t.Errorf("%s: mode %v, want 0600", filepath.Base(p), got)
			}
		}
		if got := modeOf(t, filepath.Dir(db.Path)); got != 0o700 {
			t.Errorf("folder: mode %v, want 0700", got)
		}
		snap := filepath.Join(t.TempDir(), "snap.db")
		if err := db.Snapshot(context.Background(), snap); err != nil {
			t.Fatal(err)
		}
		if got := modeOf(t, snap); got != 0o600 {
			t.Errorf("snapshot: mode %v, want 0600", got)
		}
	})
	t.Run("EarlierDatabaseTightened", func(t *testing.T) {
		path := MustSeededFile(t)
		os.Chmod(path, 0o644)
		db := MustOpenDBAt(t, path)
		for _, p := range []string{db.Path, db.Path + "-wal", db.Path + "-shm"} {
			if got := modeOf(t, p); got != 0o600 {
				t.Errorf("%s: mode %v, want 0600", filepath.Base(p), got)
			}
		}
	})
	t.Run("ForeignFileLeftAlone", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		os.WriteFile(path, []byte("my notes"), 0o644)
		if err := sqlite.NewDB(path).Open(); err == nil {
			t.Fatal("opened")
		}
		if got := modeOf(t, path); got != 0o644 {
			t.Errorf("a file that is not ours changed mode to %v", got)
		}
	})
	t.Run("SidecarsTightened", func(t *testing.T) {
		// Were SQLite to make them with a wider mode, Open takes it off.
		path := MustSeededFile(t)
		os.WriteFile(path+"-shm", nil, 0o644)
		os.Chmod(path+"-shm", 0o644)
		db := MustOpenDBAt(t, path)
		if got := modeOf(t, db.Path+"-shm"); got != 0o600 {
			t.Errorf("-shm: mode %v, want 0600", got)
		}
	})
}
