package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// holdForTest lets the test binary stand in for a second app: with
// WHATMATTERS_TEST_HOLD set it takes that database's lock, says so, and
// holds it until its standard input closes. TestMain calls it first.
func holdForTest() {
	if path := os.Getenv("WHATMATTERS_TEST_HOLD"); path != "" {
		if err := holdDatabase(path); err != nil {
			os.Stdout.WriteString("refused: " + care.ErrorMessage(err) + "\n")
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}
}

// seeded is one database made by seed-demo, copied for each test that
// needs one (closed, so the copy is whole).
var seeded struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// seededCopy returns a new database file holding the example people.
func seededCopy(t *testing.T) string {
	t.Helper()
	seeded.once.Do(func() {
		seeded.dir, seeded.err = os.MkdirTemp("", "whatmatters-seeded-")
		if seeded.err == nil {
			seeded.path = filepath.Join(seeded.dir, "seeded.db")
			seeded.err = run([]string{"seed-demo", "-db", seeded.path}, io.Discard)
		}
	})
	if seeded.err != nil {
		t.Fatal(seeded.err)
	}
	data, err := os.ReadFile(seeded.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "data", "whatmatters.db")
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// exampleNames are the example people's names and NHS numbers: none may be
// readable in a backup. Each is at least 5 bytes, so random ciphertext does
// not hold one by chance (a 3-byte "王" turned up in about one backup in 30).
var exampleNames = []string{"Gosia", "Wiśniewska", "Siân", "Llywelyn", "Siddiqui", "عائشہ", "Xiuying", "秀英", "Derek",
	"999 000 049", "9990000", "pierogi"}

// holder starts another process that holds the database's lock, as a
// running app does, until the test ends.
func holder(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "WHATMATTERS_TEST_HOLD="+path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "held\n" {
		t.Fatalf("the other process said %q", line)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
}

// orgKey makes an organisation key pair: the public key, and the secret
// key in a file.
func orgKey(t *testing.T) (string, string) {
	t.Helper()
	k, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "org-backup-key.txt")
	os.WriteFile(file, []byte(k.String()+"\n"), 0o600)
	return k.Recipient().String(), file
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func openDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// leftovers lists what a backup or restore left in the database's folder
// besides the database's own files.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		if n := e.Name(); strings.HasPrefix(n, ".whatmatters-") || strings.HasSuffix(n, ".tmp") {
			out = append(out, n)
		}
	}
	return out
}

// contributing keeps adding contributions to a meeting, as a coordinator
// taking notes does, until stopped; it returns how many were added.
func contributing(t *testing.T, db *sqlite.DB) (stop func() int64) {
	t.Helper()
	ctx := care.WithActor(context.Background(), care.Actor{Name: "Sam Okafor", Role: "Care coordinator"})
	meetings := sqlite.NewMeetingService(db)
	m := &care.Meeting{PersonID: 2, Date: "2026-12-01", Time: "10:00", Place: "Riverside clinic", Purpose: "review"}
	if err := meetings.CreateMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := meetings.StartMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := meetings.FindMeetingByID(ctx, m.ID)
	var done atomic.Bool
	var n atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !done.Load() {
			c := &care.Contribution{MeetingID: m.ID, ParticipantID: got.Participants[0].ID, Text: "Siân wants to walk to the chapel again", PersonsWords: true}
			if err := meetings.AddContribution(ctx, c); err != nil {
				t.Errorf("adding a contribution: %v", err)
				return
			}
			n.Add(1)
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return func() int64 { done.Store(true); wg.Wait(); return n.Load() }
}

func TestBackupCommand(t *testing.T) {
	t.Run("RoundTripWhileTheAppWrites", func(t *testing.T) {
		path := seededCopy(t)
		db := openDB(t, path) // the app, running
		stop := contributing(t, db)
		time.Sleep(100 * time.Millisecond)
		before := count(t, path, "contributions")
		pub, keyFile := orgKey(t)
		file := filepath.Join(t.TempDir(), "backup.age")
		var out bytes.Buffer
		err := run([]string{"backup", "-db", path, "-o", file, "-recipient", pub}, &out)
		time.Sleep(100 * time.Millisecond)
		added := stop()
		if err != nil {
			t.Fatal(err)
		}
		if want := "Backed up " + path + " to " + file + "\n"; out.String() != want {
			t.Errorf("output %q, want %q", out.String(), want)
		}
		enc, _ := os.ReadFile(file)
		for _, name := range exampleNames {
			if bytes.Contains(enc, []byte(name)) {
				t.Errorf("%q is readable in the backup", name)
			}
		}
		if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %v", fi.Mode().Perm())
		}
		if left := leftovers(t, filepath.Dir(path)); len(left) > 0 {
			t.Errorf("left beside the database: %v", left)
		}
		at, _ := sqlite.NewSettingsService(db).FindSetting(context.Background(), care.SettingLastBackupAt)
		if ts, err := time.Parse(time.RFC3339, at); err != nil || time.Since(ts) > time.Minute {
			t.Errorf("last backup recorded as %q", at)
		}

		restored := filepath.Join(t.TempDir(), "laptop2", "whatmatters.db")
		out.Reset()
		if err := run([]string{"restore", "-i", file, "-db", restored, "-identity", keyFile}, &out); err != nil {
			t.Fatal(err)
		}
		if want := "Restored " + file + " to " + restored + "\n"; out.String() != want {
			t.Errorf("output %q, want %q", out.String(), want)
		}
		if err := sqlite.VerifyFile(context.Background(), restored); err != nil {
			t.Fatal(err)
		}
		got := count(t, restored, "contributions")
		t.Logf("%d contributions before the backup, %d in it, %d added while it ran", before, got, added)
		if got < before || added == 0 {
			t.Errorf("the backup has %d contributions; %d were there before it began", got, before)
		}
		if n := count(t, restored, "people"); n != 5 {
			t.Errorf("%d people restored", n)
		}
		openDB(t, restored) // it opens as a store
	})

	t.Run("PlansStillCheckOnAnotherLaptop", func(t *testing.T) {
		path := seededCopy(t)
		dir := t.TempDir()
		pdf := filepath.Join(dir, "plan.pdf")
		if err := run([]string{"export-pdf", "-db", path, "-person", "1", "-o", pdf}, io.Discard); err != nil {
			t.Fatal(err)
		}
		pub, keyFile := orgKey(t)
		file := filepath.Join(dir, "backup.age")
		if err := run([]string{"backup", "-db", path, "-o", file, "-recipient", pub}, io.Discard); err != nil {
			t.Fatal(err)
		}
		laptop2 := filepath.Join(t.TempDir(), "whatmatters.db")
		if err := run([]string{"restore", "-i", file, "-db", laptop2, "-identity", keyFile}, io.Discard); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := run([]string{"verify", pdf, "-db", laptop2}, &out); err != nil {
			t.Fatalf("a plan from the old laptop: %v", err)
		}
		if !strings.HasPrefix(out.String(), "Matches version 2") {
			t.Errorf("verify said %q", out.String())
		}
	})

	t.Run("RoundTripPassphrase", func(t *testing.T) {
		path := seededCopy(t)
		file := filepath.Join(t.TempDir(), "backup.age")
		t.Setenv(passphraseEnv, "correct horse battery staple")
		if err := run([]string{"backup", "-db", path, "-o", file}, io.Discard); err != nil {
			t.Fatal(err)
		}
		// Restore over the database itself, which is kept beside.
		wctx := care.WithActor(context.Background(), care.Actor{Name: "Sam Okafor", Role: "Care coordinator"})
		db := sqlite.NewDB(path)
		db.Open()
		sqlite.NewPersonService(db).CreatePerson(wctx, &care.Person{GivenName: "After", FamilyName: "Backup", DateOfBirth: "1960-01-01"})
		db.Close()
		var out bytes.Buffer
		if err := run([]string{"restore", "-i", file, "-db", path}, &out); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 2 || !strings.HasPrefix(lines[1], "The database as it was is kept at "+path+".before-restore-") {
			t.Fatalf("output %q", out.String())
		}
		kept := strings.TrimPrefix(lines[1], "The database as it was is kept at ")
		if n := count(t, path, "people"); n != 5 {
			t.Errorf("%d people after restoring, want 5", n)
		}
		if n := count(t, kept, "people"); n != 6 {
			t.Errorf("%d people in the kept database, want 6", n)
		}
	})

	t.Run("Refusals", func(t *testing.T) {
		path := seededCopy(t)
		pub, keyFile := orgKey(t)
		_, otherKey := orgKey(t)
		dir := t.TempDir()
		keyed := filepath.Join(dir, "keyed.age")
		if err := run([]string{"backup", "-db", path, "-o", keyed, "-recipient", pub}, io.Discard); err != nil {
			t.Fatal(err)
		}
		enc, _ := os.ReadFile(keyed)
		variant := func(name string, b []byte) string {
			p := filepath.Join(dir, name)
			os.WriteFile(p, b, 0o600)
			return p
		}
		half := variant("half.age", enc[:len(enc)/2])
		flipped := bytes.Clone(enc)
		flipped[len(flipped)/2] ^= 0x01
		flip := variant("flip.age", flipped)
		notes := variant("notes.age", []byte("Gosia's notes"))
		target := seededCopy(t)
		unchanged := fileHash(t, target)

		tests := []struct {
			name string
			env  string // the passphrase variable
			args []string
			want string
		}{
			{"BackupNoFile", "", []string{"backup", "-db", path}, "Give -o FILE, the backup file to write"},
			{"BackupNoPassphrase", "", []string{"backup", "-db", path, "-o", filepath.Join(dir, "x.age")}, "Type the backup passphrase in a terminal, or set WHATMATTERS_BACKUP_PASSPHRASE"},
			{"BackupShortPassphrase", "short", []string{"backup", "-db", path, "-o", filepath.Join(dir, "x.age")}, "Enter a passphrase of at least 12 characters"},
			{"BackupBadKey", "", []string{"backup", "-db", path, "-o", filepath.Join(dir, "x.age"), "-recipient", "age1xyz"}, "It starts age1"},
			{"BackupOverTheDatabase", "", []string{"backup", "-db", path, "-o", path, "-recipient", pub}, "a backup cannot be saved over the database"},
			{"BackupNoDatabase", "", []string{"backup", "-db", filepath.Join(dir, "none.db"), "-o", filepath.Join(dir, "x.age"), "-recipient", pub}, "There is no What Matters database at"},
			{"BackupNotADatabase", "", []string{"backup", "-db", notes, "-o", filepath.Join(dir, "x.age"), "-recipient", pub}, "is not a What Matters database"},
			{"RestoreNoFile", "", []string{"restore", "-db", target}, "Give -i FILE, the backup file to restore"},
			{"RestoreNoPassphrase", "", []string{"restore", "-db", target, "-i", keyed}, "Type the backup passphrase in a terminal"},
			{"RestorePassphraseForKey", "correct horse battery", []string{"restore", "-db", target, "-i", keyed}, "made with your organisation's backup key, not a passphrase"},
			{"RestoreAnotherKey", "", []string{"restore", "-db", target, "-i", keyed, "-identity", otherKey}, "made for a different key"},
			{"RestoreNotAKeyFile", "", []string{"restore", "-db", target, "-i", keyed, "-identity", notes}, "This is not a backup key file"},
			{"RestoreTruncated", "", []string{"restore", "-db", target, "-i", half, "-identity", keyFile}, "damaged or incomplete"},
			{"RestoreBitFlipped", "", []string{"restore", "-db", target, "-i", flip, "-identity", keyFile}, "damaged or incomplete"},
			{"RestoreNotABackup", "", []string{"restore", "-db", target, "-i", notes, "-identity", keyFile}, "This file is not a What Matters backup"},
			{"RestoreMissing", "", []string{"restore", "-db", target, "-i", filepath.Join(dir, "none.age"), "-identity", keyFile}, "Cannot read the backup file"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Setenv(passphraseEnv, tt.env)
				err := run(tt.args, io.Discard)
				if msg := care.ErrorMessage(err); !strings.Contains(msg, tt.want) {
					t.Errorf("got %q, want it to contain %q", msg, tt.want)
				}
				if fileHash(t, target) != unchanged {
					t.Error("the database was changed")
				}
				if left := append(leftovers(t, filepath.Dir(target)), leftovers(t, filepath.Dir(path))...); len(left) > 0 {
					t.Errorf("left: %v", left)
				}
			})
		}
	})

	t.Run("RefusedWhileTheAppHasTheDatabase", func(t *testing.T) {
		path := seededCopy(t)
		holder(t, path)
		pub, keyFile := orgKey(t)
		file := filepath.Join(t.TempDir(), "backup.age")
		// Backing up only reads, so it may run.
		if err := run([]string{"backup", "-db", path, "-o", file, "-recipient", pub}, io.Discard); err != nil {
			t.Fatalf("backup while the app runs: %v", err)
		}
		p12 := filepath.Join(t.TempDir(), "org.p12")
		os.WriteFile(p12, []byte("x"), 0o600)
		for _, args := range [][]string{
			{"seed-demo", "-db", path},
			{"import-p12", "-db", path, "-file", p12},
			{"restore", "-db", path, "-i", file, "-identity", keyFile},
		} {
			err := run(args, io.Discard)
			if msg := care.ErrorMessage(err); msg != "What Matters is already open on this computer with this database. Close it first" {
				t.Errorf("%s: got %q", args[0], msg)
			}
		}
		db, locked, problem := openAppStore(path)
		if locked || problem != errAlreadyOpen || db == nil {
			t.Errorf("a second app: locked %v, problem %v", locked, problem)
		}
	})

	t.Run("RestoreRefusedWhileAnotherProgramHasIt", func(t *testing.T) {
		path := seededCopy(t)
		pub, keyFile := orgKey(t)
		file := filepath.Join(t.TempDir(), "backup.age")
		run([]string{"backup", "-db", path, "-o", file, "-recipient", pub}, io.Discard)
		other, _ := sql.Open("sqlite", path)
		defer other.Close()
		other.QueryRow(`SELECT count(*) FROM people`).Scan(new(int))
		err := run([]string{"restore", "-db", path, "-i", file, "-identity", keyFile}, io.Discard)
		if !errors.Is(err, sqlite.ErrOpenElsewhere) {
			t.Errorf("got %v", err)
		}
	})
}

// damage writes garbage over the middle page of a closed database file.
func damage(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(data[16])<<8 | int(data[17])
	mid := len(data) / pageSize / 2 * pageSize
	for i := 0; i < pageSize; i++ {
		data[mid+i] = byte(i*7 + 13)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// mountTmpfs mounts a small tmpfs on dir for the test (root only).
func mountTmpfs(t *testing.T, dir, opts string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount here: %s", out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
}

func TestSingleInstance(t *testing.T) {
	app := NewApp(Services{}, "", nil)
	a := singleInstance("/home/sam/.config/WhatMatters/whatmatters.db", app)
	b := singleInstance("/home/sam/.config/WhatMatters/whatmatters.db", app)
	c := singleInstance("/media/usb/whatmatters.db", app)
	if a.UniqueId != b.UniqueId || a.UniqueId == c.UniqueId {
		t.Errorf("ids %q %q %q: want one per database", a.UniqueId, b.UniqueId, c.UniqueId)
	}
	// On Linux the id becomes part of a D-Bus name: letters, digits, "-" only.
	for _, r := range a.UniqueId {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			t.Errorf("id %q has %q", a.UniqueId, r)
		}
	}
	if a.OnSecondInstanceLaunch == nil {
		t.Error("a second start does not bring the window forward")
	}
}
