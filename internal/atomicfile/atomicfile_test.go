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
)

// failAfter is a writer that fails as a full disk does once n bytes are in.
type failAfter struct {
	w io.Writer
	n int
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, syscall.ENOSPC
	}
	f.n -= len(p)
	return f.w.Write(p)
}

func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.bin")
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
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
		if names := leftovers(t, dir); len(names) != 1 {
			t.Errorf("files left: %v", names)
		}
	})
	t.Run("ErrDiskFullKeepsTheOldFile", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.bin")
		os.WriteFile(path, []byte("old"), 0o600)
		err := atomicfile.Write(path, func(w io.Writer) error {
			_, err := io.Copy(&failAfter{w: w, n: 1000}, strings.NewReader(strings.Repeat("x", 5000)))
			return err
		})
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("got %v, want ENOSPC", err)
		}
		if got, _ := os.ReadFile(path); string(got) != "old" {
			t.Errorf("old file now %q", got)
		}
		if names := leftovers(t, dir); len(names) != 1 {
			t.Errorf("files left: %v", names)
		}
	})
	t.Run("ErrNoFolder", func(t *testing.T) {
		err := atomicfile.WriteFile(filepath.Join(t.TempDir(), "missing", "x"), []byte("x"))
		if !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("got %v, want not exist", err)
		}
	})
}
