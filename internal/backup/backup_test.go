package backup_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"whatmatters/internal/backup"
	"whatmatters/internal/care"
	"whatmatters/internal/testutil"
)

// secret is what the "database" holds: a name that must never be readable
// in a backup.
var secret = bytes.Repeat([]byte("Gosia Wiśniewska, NHS number 999 000 0018. "), 5000)

// snapshotOf returns a snapshot function that writes data.
func snapshotOf(data []byte) func(context.Context, string) error {
	return func(_ context.Context, path string) error { return os.WriteFile(path, data, 0o600) }
}

func passphrase(t *testing.T, p string) age.Recipient {
	t.Helper()
	r, err := backup.Passphrase(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func identity(t *testing.T, p string) []age.Identity {
	t.Helper()
	id, err := backup.PassphraseIdentity(p)
	if err != nil {
		t.Fatal(err)
	}
	return []age.Identity{id}
}

// mustWrite makes a backup of data and returns its path.
func mustWrite(t *testing.T, r age.Recipient, data []byte) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "backup.age")
	if err := backup.Write(context.Background(), dst, t.TempDir(), r, snapshotOf(data)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func decrypted(t *testing.T, src string, ids []age.Identity) ([]byte, error) {
	t.Helper()
	work := t.TempDir()
	path, cleanup, err := backup.Decrypt(src, work, ids)
	if err != nil {
		if left := testutil.Names(t, work); len(left) != 0 {
			t.Errorf("left in the work folder after an error: %v", left)
		}
		return nil, err
	}
	data, rerr := os.ReadFile(path)
	if fi, _ := os.Stat(filepath.Dir(path)); fi.Mode().Perm() != 0o700 {
		t.Errorf("restore folder mode %v, want 0700", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("restored file mode %v, want 0600", fi.Mode().Perm())
	}
	cleanup()
	if left := testutil.Names(t, work); len(left) != 0 {
		t.Errorf("left after cleanup: %v", left)
	}
	return data, rerr
}

func TestRoundTrip(t *testing.T) {
	t.Run("Passphrase", func(t *testing.T) {
		dst := mustWrite(t, passphrase(t, "correct horse battery"), secret)
		enc, _ := os.ReadFile(dst)
		if bytes.Contains(enc, []byte("Gosia")) || bytes.Contains(enc, []byte("999 000")) {
			t.Error("the backup holds plaintext")
		}
		if fi, _ := os.Stat(dst); fi.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %v, want 0600", fi.Mode().Perm())
		}
		got, err := decrypted(t, dst, identity(t, "correct horse battery"))
		if err != nil || !bytes.Equal(got, secret) {
			t.Fatalf("round trip: %d bytes, %v", len(got), err)
		}
	})
	t.Run("OrganisationKey", func(t *testing.T) {
		key, _ := age.GenerateX25519Identity()
		r, err := backup.ParseRecipient("  " + key.Recipient().String() + "\n")
		if err != nil {
			t.Fatal(err)
		}
		dst := mustWrite(t, r, secret)
		keyFile := filepath.Join(t.TempDir(), "key.txt")
		os.WriteFile(keyFile, []byte("# the organisation's backup key\n"+key.String()+"\n"), 0o600)
		ids, err := backup.ReadIdentities(keyFile)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decrypted(t, dst, ids)
		if err != nil || !bytes.Equal(got, secret) {
			t.Fatalf("round trip: %d bytes, %v", len(got), err)
		}
	})
}

func TestWrite(t *testing.T) {
	ctx := context.Background()
	t.Run("NoPlaintextLeft", func(t *testing.T) {
		work := t.TempDir()
		var seen string
		snap := func(ctx context.Context, path string) error {
			seen = path
			if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
				t.Errorf("snapshot folder: %v %v", fi.Mode(), err)
			}
			return snapshotOf(secret)(ctx, path)
		}
		dst := filepath.Join(t.TempDir(), "b.age")
		if err := backup.Write(ctx, dst, work, passphrase(t, "correct horse battery"), snap); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(seen, work) {
			t.Errorf("snapshot at %s, not in the work folder", seen)
		}
		if left := testutil.Names(t, work); len(left) != 0 {
			t.Errorf("left in the work folder: %v", left)
		}
	})
	t.Run("ErrSnapshotFailed", func(t *testing.T) {
		work, out := t.TempDir(), t.TempDir()
		failed := errors.New("no copy")
		snap := func(ctx context.Context, path string) error {
			os.WriteFile(path, secret[:100], 0o600) // half made
			return failed
		}
		err := backup.Write(ctx, filepath.Join(out, "b.age"), work, passphrase(t, "correct horse battery"), snap)
		if err != failed {
			t.Fatalf("got %v", err)
		}
		if left := append(testutil.Names(t, work), testutil.Names(t, out)...); len(left) != 0 {
			t.Errorf("left: %v", left)
		}
	})
	t.Run("ErrDiskFullWhileEncrypting", func(t *testing.T) {
		var buf bytes.Buffer
		err := backup.Encrypt(&testutil.FailAfter{W: &buf, N: 70000}, bytes.NewReader(secret), passphrase(t, "correct horse battery"))
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("got %v, want ENOSPC", err)
		}
	})
	t.Run("ErrDiskFull", func(t *testing.T) {
		// A real full disk: a 64 KB tmpfs for the backup; the snapshot's
		// own folder has room.
		out, work := t.TempDir(), t.TempDir()
		testutil.Mount(t, out, "-t", "tmpfs", "-o", "size=64k", "tmpfs")
		err := backup.Write(ctx, filepath.Join(out, "b.age"), work, passphrase(t, "correct horse battery"), snapshotOf(secret))
		if err != backup.ErrDiskFull {
			t.Fatalf("got %v, want ErrDiskFull", err)
		}
		if left := append(testutil.Names(t, work), testutil.Names(t, out)...); len(left) != 0 {
			t.Errorf("left: %v", left)
		}
	})
	t.Run("ErrReadOnlyFolder", func(t *testing.T) {
		out := t.TempDir()
		testutil.Mount(t, out, "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs")
		err := backup.Write(ctx, filepath.Join(out, "b.age"), t.TempDir(), passphrase(t, "correct horse battery"), snapshotOf(secret))
		if msg := care.ErrorMessage(err); !strings.HasPrefix(msg, "Cannot write to the folder") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrNoFolder", func(t *testing.T) {
		err := backup.Write(ctx, filepath.Join(t.TempDir(), "gone", "b.age"), t.TempDir(), passphrase(t, "correct horse battery"), snapshotOf(secret))
		if msg := care.ErrorMessage(err); !strings.Contains(msg, "does not exist") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestDecryptRefusals(t *testing.T) {
	pass := mustWrite(t, passphrase(t, "correct horse battery"), secret)
	key, _ := age.GenerateX25519Identity()
	other, _ := age.GenerateX25519Identity()
	keyed := mustWrite(t, key.Recipient(), secret)
	enc, _ := os.ReadFile(pass)

	variant := func(name string, change func([]byte) []byte) string {
		b := change(bytes.Clone(enc))
		path := filepath.Join(t.TempDir(), name)
		os.WriteFile(path, b, 0o600)
		return path
	}
	headerEnd := bytes.Index(enc, []byte("\n---")) + 1
	tests := []struct {
		name string
		file string
		ids  []age.Identity
		want error
	}{
		{"WrongPassphrase", pass, identity(t, "incorrect horse battery"), backup.ErrWrongPassphrase},
		{"KeyForPassphraseBackup", pass, []age.Identity{key}, backup.ErrNeedsPassphrase},
		{"PassphraseForKeyBackup", keyed, identity(t, "correct horse battery"), backup.ErrNeedsKey},
		{"AnotherKey", keyed, []age.Identity{other}, backup.ErrWrongKey},
		{"Truncated", variant("half.age", func(b []byte) []byte { return b[:len(b)/2] }), identity(t, "correct horse battery"), backup.ErrDamagedBackup},
		{"LastByteMissing", variant("short.age", func(b []byte) []byte { return b[:len(b)-1] }), identity(t, "correct horse battery"), backup.ErrDamagedBackup},
		{"HeaderOnly", variant("head.age", func(b []byte) []byte { return b[:headerEnd+60] }), identity(t, "correct horse battery"), backup.ErrDamagedBackup},
		{"BitFlippedInData", variant("flip.age", func(b []byte) []byte { b[len(b)/2] ^= 0x10; return b }), identity(t, "correct horse battery"), backup.ErrDamagedBackup},
		{"BitFlippedInLastChunk", variant("flip2.age", func(b []byte) []byte { b[len(b)-5] ^= 1; return b }), identity(t, "correct horse battery"), backup.ErrDamagedBackup},
		{"ChangedHeaderMAC", variant("mac.age", func(b []byte) []byte {
			// Another base64 letter, so the MAC still reads but no longer matches.
			if b[headerEnd+10] == 'A' {
				b[headerEnd+10] = 'B'
			} else {
				b[headerEnd+10] = 'A'
			}
			return b
		}), identity(t, "correct horse battery"), backup.ErrDamagedBackup},
		{"NotABackup", variant("notes.age", func([]byte) []byte { return []byte("Gosia's notes\n") }), identity(t, "correct horse battery"), backup.ErrNotABackup},
		{"Empty", variant("empty.age", func([]byte) []byte { return nil }), identity(t, "correct horse battery"), backup.ErrNotABackup},
		{"PlainDatabase", variant("db.age", func([]byte) []byte { return append([]byte("SQLite format 3\x00"), secret...) }), identity(t, "correct horse battery"), backup.ErrNotABackup},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := decrypted(t, tt.file, tt.ids); err != tt.want {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
	t.Run("ErrMissingFile", func(t *testing.T) {
		_, err := decrypted(t, filepath.Join(t.TempDir(), "none.age"), identity(t, "x"))
		if msg := care.ErrorMessage(err); !strings.HasPrefix(msg, "Cannot read the backup file") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("ErrCostlyPassphrase", func(t *testing.T) {
		// A crafted file asking for 2^30 scrypt work is refused, not tried.
		lines := bytes.SplitN(bytes.Clone(enc), []byte("\n"), 3)
		if !bytes.HasPrefix(lines[1], []byte("-> scrypt ")) || !bytes.HasSuffix(lines[1], []byte(" 10")) {
			t.Fatalf("stanza %q", lines[1])
		}
		lines[1] = append(bytes.TrimSuffix(lines[1], []byte(" 10")), " 30"...)
		buf := bytes.NewBuffer(bytes.Join(lines, []byte("\n")))
		path := filepath.Join(t.TempDir(), "hard.age")
		os.WriteFile(path, buf.Bytes(), 0o600)
		start := time.Now()
		if _, err := decrypted(t, path, identity(t, "correct horse battery")); err == nil {
			t.Fatal("opened")
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v", d)
		}
	})
}

var passphraseTests = []struct {
	in      string
	wantErr string
}{
	{"correct horse battery", ""},
	{"twelve chars", ""},
	{"eleven char", "Enter a passphrase of at least 12 characters"},
	{"", "Enter a passphrase of at least 12 characters"},
	{"ąęśćżźółńąęś", ""}, // 12 characters, more bytes
}

func TestPassphrase(t *testing.T) {
	for _, tt := range passphraseTests {
		_, err := backup.Passphrase(tt.in)
		if got := care.ErrorMessage(err); got != tt.wantErr {
			t.Errorf("Passphrase(%q) = %q, want %q", tt.in, got, tt.wantErr)
		}
		if err != nil && care.ErrorField(err) != backup.FieldPassphrase {
			t.Errorf("field = %q", care.ErrorField(err))
		}
	}
	if _, err := backup.PassphraseIdentity(""); care.ErrorField(err) != backup.FieldPassphrase {
		t.Errorf("empty passphrase to open: %v", err)
	}
}

func TestParseRecipient(t *testing.T) {
	key, _ := age.GenerateX25519Identity()
	for in, want := range map[string]string{
		key.Recipient().String(): "",
		"":                       "Enter your organisation's backup key",
		"age1notakey":            "Enter the organisation's backup key as it was given to you. It starts age1",
		key.String():             "That is a secret key. Enter the public key, which starts age1, and keep the secret key safe",
		"ssh-ed25519 AAAA":       "Enter the organisation's backup key as it was given to you. It starts age1",
		key.Recipient().String() + "\n" + key.Recipient().String(): "Enter the organisation's backup key as it was given to you. It starts age1",
	} {
		_, err := backup.ParseRecipient(in)
		if got := care.ErrorMessage(err); got != want {
			t.Errorf("ParseRecipient(%.20q) = %q, want %q", in, got, want)
		}
	}
	bad := filepath.Join(t.TempDir(), "key.txt")
	os.WriteFile(bad, []byte(key.Recipient().String()), 0o600)
	if _, err := backup.ReadIdentities(bad); care.ErrorField(err) != backup.FieldKeyFile {
		t.Errorf("a public key as the key file: %v", err)
	}
}

func TestSwap(t *testing.T) {
	at := time.Date(2026, 12, 1, 10, 30, 0, 0, time.Local)
	setup := func(t *testing.T, sides ...string) (dir, db, restored string) {
		dir = t.TempDir()
		db = filepath.Join(dir, "whatmatters.db")
		for _, s := range append([]string{""}, sides...) {
			os.WriteFile(db+s, []byte("old"+s), 0o600)
		}
		restored = filepath.Join(dir, ".restore", "restored.db")
		os.Mkdir(filepath.Dir(restored), 0o700)
		os.WriteFile(restored, []byte("new"), 0o600)
		return
	}
	read := func(p string) string { b, _ := os.ReadFile(p); return string(b) }
	t.Run("OK", func(t *testing.T) {
		_, db, restored := setup(t, "-wal", "-shm")
		kept, err := backup.Swap(db, restored, at)
		if err != nil {
			t.Fatal(err)
		}
		if want := db + ".before-restore-20261201T1030"; kept != want {
			t.Errorf("kept = %s, want %s", kept, want)
		}
		if read(db) != "new" || read(kept) != "old" || read(kept+"-wal") != "old-wal" || read(kept+"-shm") != "old-shm" {
			t.Errorf("db %q, kept %q %q %q", read(db), read(kept), read(kept+"-wal"), read(kept+"-shm"))
		}
		for _, s := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(db + s); err == nil {
				t.Errorf("the old %s is beside the new database", s)
			}
		}
	})
	t.Run("OKNameTaken", func(t *testing.T) {
		_, db, restored := setup(t)
		os.WriteFile(db+".before-restore-20261201T1030", []byte("earlier"), 0o600)
		kept, err := backup.Swap(db, restored, at)
		if err != nil || kept != db+".before-restore-20261201T1030-2" || read(kept) != "old" {
			t.Fatalf("kept %s (%q), %v", kept, read(kept), err)
		}
		if read(db+".before-restore-20261201T1030") != "earlier" {
			t.Error("an earlier kept database was overwritten")
		}
	})
	t.Run("OKNoDatabase", func(t *testing.T) {
		dir, db, restored := setup(t)
		os.Remove(db)
		os.WriteFile(db+"-wal", []byte("stray"), 0o600)
		kept, err := backup.Swap(db, restored, at)
		if err != nil || kept != "" || read(db) != "new" {
			t.Fatalf("kept %q, %v", kept, err)
		}
		if _, err := os.Stat(db + "-wal"); err == nil {
			t.Error("a stray -wal is beside the new database")
		}
		_ = dir
	})
	t.Run("ErrPutsTheOldBack", func(t *testing.T) {
		_, db, restored := setup(t, "-wal")
		os.Remove(restored)
		if _, err := backup.Swap(db, restored, at); err == nil {
			t.Fatal("no error")
		}
		if read(db) != "old" || read(db+"-wal") != "old-wal" {
			t.Errorf("db %q, wal %q", read(db), read(db+"-wal"))
		}
	})
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * time.Hour)
	for _, name := range []string{".whatmatters-backup-1", ".whatmatters-restore-2", ".whatmatters-backup-new", "keep"} {
		os.Mkdir(filepath.Join(dir, name), 0o700)
		os.WriteFile(filepath.Join(dir, name, "copy.db"), secret[:10], 0o600)
		if name != ".whatmatters-backup-new" {
			os.Chtimes(filepath.Join(dir, name), old, old)
		}
	}
	os.WriteFile(filepath.Join(dir, ".whatmatters-backup-file"), nil, 0o600)
	os.Chtimes(filepath.Join(dir, ".whatmatters-backup-file"), old, old)
	backup.RemoveStale(dir, time.Hour)
	got := strings.Join(testutil.Names(t, dir), " ")
	if want := ".whatmatters-backup-file .whatmatters-backup-new keep"; got != want {
		t.Errorf("left %q, want %q", got, want)
	}
}
