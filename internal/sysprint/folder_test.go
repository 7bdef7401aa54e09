package sysprint

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"whatmatters/internal/testutil"
)

func TestFolder_Write(t *testing.T) {
	t.Run("Private", func(t *testing.T) {
		f := &Folder{Root: t.TempDir()}
		path, err := f.Write("care-plan.pdf", []byte("%PDF-1.7"))
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(filepath.Dir(path)) != f.Root {
			t.Errorf("%s is not in a folder of its own inside %s", path, f.Root)
		}
		if runtime.GOOS != "windows" {
			for p, want := range map[string]os.FileMode{filepath.Dir(path): 0o700, path: 0o600} {
				if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
					t.Errorf("%s: mode %v, want %v (%v)", p, fi.Mode().Perm(), want, err)
				}
			}
		}
		if b, _ := os.ReadFile(path); string(b) != "%PDF-1.7" {
			t.Errorf("file holds %q", b)
		}
		if err := f.Remove(path); err != nil {
			t.Fatal(err)
		}
		if got := testutil.Names(t, f.Root); len(got) != 0 {
			t.Errorf("left behind: %v", got)
		}
	})
	t.Run("DefaultRootIsTempDir", func(t *testing.T) {
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		t.Setenv("TMP", tmp) // Windows
		var f Folder
		path, err := f.Write("care-plan.pdf", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Remove(path)
		if filepath.Dir(filepath.Dir(path)) != tmp {
			t.Errorf("%s is not in a private folder inside %s", path, tmp)
		}
	})
	t.Run("ErrName", func(t *testing.T) {
		f := &Folder{Root: t.TempDir()}
		for _, name := range []string{"", "../care-plan.pdf", "a/b.pdf"} {
			if _, err := f.Write(name, nil); err == nil {
				t.Errorf("%q: no error", name)
			}
		}
		if got := testutil.Names(t, f.Root); len(got) != 0 {
			t.Errorf("left behind: %v", got)
		}
	})
}

func TestFolder_RemoveAfter(t *testing.T) {
	t.Run("AfterTheDelay", func(t *testing.T) {
		f := &Folder{Root: t.TempDir()}
		path, _ := f.Write("care-plan.pdf", nil)
		f.RemoveAfter(path, 10*time.Millisecond)
		deadline := time.Now().Add(5 * time.Second)
		for len(testutil.Names(t, f.Root)) > 0 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if got := testutil.Names(t, f.Root); len(got) != 0 {
			t.Errorf("left behind: %v", got)
		}
		if f.Pending() != 0 {
			t.Errorf("pending = %d", f.Pending())
		}
	})
	t.Run("OnClose", func(t *testing.T) {
		f := &Folder{Root: t.TempDir()}
		a, _ := f.Write("a.pdf", nil)
		b, _ := f.Write("b.pdf", nil)
		f.RemoveAfter(a, time.Hour)
		f.RemoveAfter(b, time.Hour)
		if f.Pending() != 2 {
			t.Errorf("pending = %d, want 2", f.Pending())
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if got := testutil.Names(t, f.Root); len(got) != 0 {
			t.Errorf("left behind: %v", got)
		}
	})
}

func TestFolder_ClearLeftovers(t *testing.T) {
	root := t.TempDir()
	f := &Folder{Root: root}
	if _, err := f.Write("care-plan.pdf", nil); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "keep.txt"), nil, 0o600)
	os.WriteFile(filepath.Join(root, "whatmatters-print-note.txt"), nil, 0o600) // not a folder
	os.Mkdir(filepath.Join(root, "someone-else"), 0o700)
	if runtime.GOOS != "windows" {
		os.Symlink(other, filepath.Join(root, "whatmatters-print-link"))
	}
	if n := (&Folder{Root: root}).ClearLeftovers(); n != 1 {
		t.Errorf("removed %d, want 1", n)
	}
	want := map[string]bool{"whatmatters-print-note.txt": true, "someone-else": true, "whatmatters-print-link": runtime.GOOS != "windows"}
	got := testutil.Names(t, root)
	for _, name := range got {
		if !want[name] {
			t.Errorf("%s was left behind", name)
		}
	}
	if len(testutil.Names(t, other)) != 1 {
		t.Error("a folder behind a symbolic link was emptied")
	}
}
