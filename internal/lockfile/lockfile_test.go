package lockfile_test

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"whatmatters/internal/lockfile"
)

// TestMain lets the test binary stand in for a second process: with
// LOCKFILE_HOLD set it takes that lock, says so, and holds it until its
// standard input closes.
func TestMain(m *testing.M) {
	if path := os.Getenv("LOCKFILE_HOLD"); path != "" {
		l, err := lockfile.Acquire(path)
		if err != nil {
			os.Stdout.WriteString("refused\n")
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		io.Copy(io.Discard, os.Stdin)
		l.Release()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// other is a second process holding a lock.
type other struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// holder starts a second process holding the lock on path.
func holder(t *testing.T, path string) other {
	t.Helper()
	o := other{cmd: exec.Command(os.Args[0], "-test.run=^$")}
	o.cmd.Env = append(os.Environ(), "LOCKFILE_HOLD="+path)
	o.stdin, _ = o.cmd.StdinPipe()
	stdout, _ := o.cmd.StdoutPipe()
	if err := o.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "locked\n" {
		t.Fatalf("second process said %q", line)
	}
	t.Cleanup(o.kill)
	return o
}

// letGo has the other process let go of its lock and end.
func (o other) letGo() { o.stdin.Close(); o.cmd.Wait() }

// kill ends the other process without letting go.
func (o other) kill() { o.cmd.Process.Kill(); o.cmd.Wait() }

// lockPath is where a test's lock file goes.
func lockPath(t *testing.T) string { return filepath.Join(t.TempDir(), "db.lock") }

// acquire takes the lock on path and lets it go, failing the test, with
// when in the message, if it cannot be taken.
func acquire(t *testing.T, path, when string) {
	t.Helper()
	l, err := lockfile.Acquire(path)
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	l.Release()
}

func TestAcquire(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path := lockPath(t)
		l, err := lockfile.Acquire(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(path); err != nil {
			t.Fatal(err)
		} else if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("lock file mode = %v, want 0600", fi.Mode().Perm())
		}
		if err := l.Release(); err != nil {
			t.Fatal(err)
		}
		acquire(t, path, "after release")
	})
	t.Run("ErrHeldByAnotherProcess", func(t *testing.T) {
		path := lockPath(t)
		o := holder(t, path)
		if _, err := lockfile.Acquire(path); !errors.Is(err, lockfile.ErrHeld) {
			t.Fatalf("got %v, want ErrHeld", err)
		}
		o.letGo()
		acquire(t, path, "after the other process let go")
	})
	t.Run("FreedWhenTheHolderIsKilled", func(t *testing.T) {
		path := lockPath(t)
		holder(t, path).kill()
		acquire(t, path, "a killed process left its lock")
	})
	t.Run("ErrHeldInTheSameProcess", func(t *testing.T) {
		path := lockPath(t)
		l, err := lockfile.Acquire(path)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Release()
		if _, err := lockfile.Acquire(path); !errors.Is(err, lockfile.ErrHeld) {
			t.Fatalf("got %v, want ErrHeld", err)
		}
	})
	t.Run("ErrNoFolder", func(t *testing.T) {
		_, err := lockfile.Acquire(filepath.Join(t.TempDir(), "missing", "db.lock"))
		if err == nil || errors.Is(err, lockfile.ErrHeld) {
			t.Fatalf("got %v, want an error that is not ErrHeld", err)
		}
	})
}
