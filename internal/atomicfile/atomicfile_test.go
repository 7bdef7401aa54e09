package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"whatmatters/internal/atomicfile"
	"whatmatters/internal/testutil"
)

// oldFile makes a folder that holds only out.bin, with "old" in it, and
// returns the file's path.
func oldFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.bin")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// alone fails the test unless the file at path is alone in its folder.
func alone(t *testing.T, path string) {
	t.Helper()
	if names := testutil.Names(t, filepath.Dir(path)); len(names) != 1 {
		t.Errorf("files left: %v", names)
	}
}

func TestWrite(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path := oldFile(t)
		err := atomicfile.Write(path, func(w io.Writer) error {
			_, err := io.Copy(w, strings.NewReader(strings.Repeat("new ", 100000)))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(path)
		if len(got) != 400000 || !strings.HasPrefix(string(got), "new new") {
			t.Errorf("got %d bytes %.10q", len(got), got)
		}
		if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
		}
		alone(t, path)
	})
	t.Run("ErrDiskFullKeepsTheOldFile", func(t *testing.T) {
		path := oldFile(t)
		err := atomicfile.Write(path, func(w io.Writer) error {
			_, err := io.Copy(&testutil.FailAfter{W: w, N: 1000}, strings.NewReader(strings.Repeat("x", 5000)))
			return err
		})
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("got %v, want ENOSPC", err)
		}
		if got, _ := os.ReadFile(path); string(got) != "old" {
			t.Errorf("old file now %q", got)
		}
		alone(t, path)
	})
	t.Run("ErrNoFolder", func(t *testing.T) {
		err := atomicfile.WriteFile(filepath.Join(t.TempDir(), "missing", "x"), []byte("x"))
		if !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("got %v, want not exist", err)
		}
	})
}
