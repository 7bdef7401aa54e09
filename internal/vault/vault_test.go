package vault

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// fast keeps tests quick; the real costs are measured by the benchmark.
var fast = Params{Time: 1, MemoryKiB: 8 * 1024, Threads: 1}

func TestWrap(t *testing.T) {
	key := NewDataKey()
	slot, err := Wrap(key, "correct horse battery", fast)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		got, err := Unwrap(slot, "correct horse battery")
		if err != nil || !bytes.Equal(got, key) {
			t.Fatalf("Unwrap = %x, %v", got, err)
		}
		if p, ok := SlotParams(slot); !ok || p != fast {
			t.Errorf("params = %+v", p)
		}
	})
	for _, pass := range []string{"", "correct horse batterY", strings.Repeat("x", 1<<20)} {
		if _, err := Unwrap(slot, pass); !errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("Unwrap(%.10q) err = %v", pass, err)
		}
	}
	t.Run("ErrTampered", func(t *testing.T) {
		bad := []byte(slot)
		bad[len(bad)-3] ^= 1
		if _, err := Unwrap(string(bad), "correct horse battery"); err == nil {
			t.Error("a tampered slot opened")
		}
		for _, s := range []string{"", "argon2id$v=19$m=1,t=1,p=1$a$b$c", "argon2id$v=19$m=99999999999,t=1,p=1$a$b$c"} {
			if _, err := Unwrap(s, "x"); err == nil {
				t.Errorf("Unwrap(%q) opened", s)
			}
		}
	})
	if _, err := Wrap(key, strings.Repeat("x", MaxPassphrase+1), fast); err == nil {
		t.Error("a passphrase over the limit was wrapped")
	}
}

func TestSeal(t *testing.T) {
	key := NewDataKey()
	sealed, err := Seal(key, []byte("the signing key"), "signing.key")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Open(key, sealed, "signing.key"); err != nil || string(got) != "the signing key" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if _, err := Open(key, sealed, "other"); err == nil {
		t.Error("opened under another name")
	}
	if _, err := Open(NewDataKey(), sealed, "signing.key"); err == nil {
		t.Error("opened with another key")
	}
	if strings.Contains(sealed, "signing") {
		t.Error("plaintext visible")
	}
}

func TestRecoveryCode(t *testing.T) {
	c := RecoveryCode()
	if len(c) != 29 || NormalizeRecoveryCode(strings.ToLower(strings.ReplaceAll(c, "-", " "))) != c {
		t.Errorf("code %q", c)
	}
}

func BenchmarkUnwrapDefault(b *testing.B) {
	slot, _ := Wrap(NewDataKey(), "correct horse battery", DefaultParams)
	for b.Loop() {
		if _, err := Unwrap(slot, "correct horse battery"); err != nil {
			b.Fatal(err)
		}
	}
}
