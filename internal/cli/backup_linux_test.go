package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"whatmatters/internal/care"
	"whatmatters/internal/testenv"
)

// openPty opens a pseudo-terminal: the side a person types at (master)
// and the side the command reads (the terminal itself).
func openPty(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// typeAt answers each prompt the command writes to stderr with the next
// line, typed once the terminal has stopped echoing, and returns what the
// terminal echoed.
func typeAt(t *testing.T, lines ...string) (echoed func() string) {
	t.Helper()
	master, tty := openPty(t)
	old := stdinFd
	stdinFd = int(tty.Fd())
	r, w, _ := os.Pipe()
	oldErr := os.Stderr
	os.Stderr = w
	t.Cleanup(func() { stdinFd = old; os.Stderr = oldErr; w.Close() })
	go func() {
		br := bufio.NewReader(r)
		for _, line := range lines {
			for { // up to the prompt's ": "
				b, err := br.ReadByte()
				if err != nil {
					return
				}
				if b == ' ' {
					break
				}
			}
			deadline := time.Now().Add(5 * time.Second)
			for time.Now().Before(deadline) {
				tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
				if err == nil && tio.Lflag&unix.ECHO == 0 {
					break
				}
				time.Sleep(time.Millisecond)
			}
			master.Write([]byte(line + "\n"))
		}
		io.Copy(io.Discard, br)
	}()
	return func() string {
		fd := int(master.Fd())
		unix.SetNonblock(fd, true)
		var out []byte
		buf := make([]byte, 512)
		time.Sleep(50 * time.Millisecond)
		for {
			n, err := unix.Read(fd, buf)
			if n <= 0 || err != nil {
				return string(out)
			}
			out = append(out, buf[:n]...)
		}
	}
}

func TestPassphrasePrompt(t *testing.T) {
	t.Setenv(passphraseEnv, "")
	t.Run("OKTypedTwiceWithoutEcho", func(t *testing.T) {
		echoed := typeAt(t, "correct horse battery", "correct horse battery")
		p, err := readPassphrase(true)
		if err != nil || p != "correct horse battery" {
			t.Fatalf("got %q, %v", p, err)
		}
		if e := echoed(); strings.Contains(e, "horse") {
			t.Errorf("the terminal showed the passphrase: %q", e)
		}
	})
	t.Run("ErrMismatch", func(t *testing.T) {
		typeAt(t, "correct horse battery", "correct horse batery")
		_, err := readPassphrase(true)
		if msg := care.ErrorMessage(err); msg != "The passphrases do not match. Nothing has been written" {
			t.Errorf("got %q", msg)
		}
	})
	t.Run("ErrTooShortAsksOnce", func(t *testing.T) {
		typeAt(t, "short")
		_, err := readPassphrase(true)
		if msg := care.ErrorMessage(err); msg != "Enter a passphrase of at least 12 characters" {
			t.Errorf("got %q", msg)
		}
	})
	t.Run("RestoreCommandAsksOnce", func(t *testing.T) {
		path := testenv.SeededCopy(t)
		t.Setenv(passphraseEnv, "correct horse battery staple")
		file := filepath.Join(t.TempDir(), "b.age")
		if err := run([]string{"backup", "-db", path, "-o", file}, io.Discard); err != nil {
			t.Fatal(err)
		}
		t.Setenv(passphraseEnv, "")
		echoed := typeAt(t, "correct horse battery staple")
		target := filepath.Join(t.TempDir(), "whatmatters.db")
		if err := run([]string{"restore", "-i", file, "-db", target}, io.Discard); err != nil {
			t.Fatal(err)
		}
		if e := echoed(); strings.Contains(e, "horse") {
			t.Errorf("the terminal showed the passphrase: %q", e)
		}
	})
}
