// Package testutil holds what tests of several packages need from the
// file system: a disk that fills up, a folder's contents, a mount. It is
// for tests only.
package testutil

import (
	"io"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// FailAfter is a writer that fails as a full disk does once N bytes are
// written to W.
type FailAfter struct {
	W io.Writer
	N int
}

func (f *FailAfter) Write(p []byte) (int, error) {
	if len(p) > f.N {
		k, _ := f.W.Write(p[:f.N])
		f.N = 0
		return k, syscall.ENOSPC
	}
	f.N -= len(p)
	return f.W.Write(p)
}

// Names lists the names of what is in dir.
func Names(tb testing.TB, dir string) []string {
	tb.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// Mount runs mount(8) with args and dir, unmounting at the end of the test;
// it skips the test where mounting is not allowed (not root, or no mount).
func Mount(tb testing.TB, dir string, args ...string) {
	tb.Helper()
	if os.Geteuid() != 0 {
		tb.Skip("mounting needs root")
	}
	if out, err := exec.Command("mount", append(args, dir)...).CombinedOutput(); err != nil {
		tb.Skipf("cannot mount here: %s", out)
	}
	tb.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
}
