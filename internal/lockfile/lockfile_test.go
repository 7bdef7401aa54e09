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

// holder starts a second process holding the lock on path; closing the
// returned stdin lets it go.
func holder(t *testing.T, path string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "LOCKFILE_HOLD="+path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "locked\n" {
		t.Fatalf("second process said %q", line)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() })
	return cmd, stdin
}

func TestAcquire(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "db.lock")
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
		l2, err := lockfile.Acquire(path)
		if err != nil {
			t.Fatalf("after release: %v", err)
		}
		l2.Release()
	})
	t.Run("ErrHeldByAnotherProcess", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "db.lock")
		cmd, stdin := holder(t, path)
		if _, err := lockfile.Acquire(path); !errors.Is(err, lockfile.ErrHeld) {
			t.Fatalf("got %v, want ErrHeld", err)
		}
		stdin.Close()
		cmd.Wait()
		l, err := lockfile.Acquire(path)
		if err != nil {
			t.Fatalf("after the other process let go: %v", err)
		}
		l.Release()
	})
	t.Run("FreedWhenTheHolderIsKilled", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "db.lock")
		cmd, _ := holder(t, path)
		cmd.Process.Kill()
		cmd.Wait()
		l, err := lockfile.Acquire(path)
		if err != nil {
			t.Fatalf("a killed process left its lock: %v", err)
		}
		l.Release()
	})
	t.Run("ErrHeldInTheSameProcess", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "db.lock")
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
