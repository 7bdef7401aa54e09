package cli

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/sqlite"
	"whatmatters/internal/testenv"
)

func TestBackupCommand(t *testing.T) {
	t.Run("RoundTripWhileTheAppWrites", func(t *testing.T) {
		path := testenv.SeededCopy(t)
		db := testenv.OpenDB(t, path) // the app, running
		stop := testenv.Contributing(t, db)
		time.Sleep(100 * time.Millisecond)
		before := testenv.Count(t, path, "contributions")
		pub, keyFile := testenv.OrgKey(t)
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
		for _, name := range testenv.ExampleNames {
			if bytes.Contains(enc, []byte(name)) {
				t.Errorf("%q is readable in the backup", name)
			}
		}
		if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %v", fi.Mode().Perm())
		}
		if left := testenv.Leftovers(t, filepath.Dir(path)); len(left) > 0 {
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
		got := testenv.Count(t, restored, "contributions")
		t.Logf("%d contributions before the backup, %d in it, %d added while it ran", before, got, added)
		if got < before || added == 0 {
			t.Errorf("the backup has %d contributions; %d were there before it began", got, before)
		}
		if n := testenv.Count(t, restored, "people"); n != 5 {
			t.Errorf("%d people restored", n)
		}
		testenv.OpenDB(t, restored) // it opens as a store
	})

	t.Run("PlansStillCheckOnAnotherLaptop", func(t *testing.T) {
		path := testenv.SeededCopy(t)
		dir := t.TempDir()
		pdf := filepath.Join(dir, "plan.pdf")
		if err := run([]string{"export-pdf", "-db", path, "-person", "1", "-o", pdf}, io.Discard); err != nil {
			t.Fatal(err)
		}
		pub, keyFile := testenv.OrgKey(t)
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
		path := testenv.SeededCopy(t)
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
		if n := testenv.Count(t, path, "people"); n != 5 {
			t.Errorf("%d people after restoring, want 5", n)
		}
		if n := testenv.Count(t, kept, "people"); n != 6 {
			t.Errorf("%d people in the kept database, want 6", n)
		}
	})

	t.Run("Refusals", func(t *testing.T) {
		path := testenv.SeededCopy(t)
		pub, keyFile := testenv.OrgKey(t)
		_, otherKey := testenv.OrgKey(t)
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
		target := testenv.SeededCopy(t)
		unchanged := testenv.FileHash(t, target)

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
				if testenv.FileHash(t, target) != unchanged {
					t.Error("the database was changed")
				}
				if left := append(testenv.Leftovers(t, filepath.Dir(target)), testenv.Leftovers(t, filepath.Dir(path))...); len(left) > 0 {
					t.Errorf("left: %v", left)
				}
			})
		}
	})

	t.Run("RefusedWhileTheAppHasTheDatabase", func(t *testing.T) {
		path := testenv.SeededCopy(t)
		testenv.Holder(t, path)
		pub, keyFile := testenv.OrgKey(t)
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
		db, locked, problem := database.OpenForApp(path)
		if locked || problem != database.ErrAlreadyOpen || db == nil {
			t.Errorf("a second app: locked %v, problem %v", locked, problem)
		}
	})

	t.Run("RestoreRefusedWhileAnotherProgramHasIt", func(t *testing.T) {
		path := testenv.SeededCopy(t)
		pub, keyFile := testenv.OrgKey(t)
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
