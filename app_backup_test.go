package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/dto"
	"whatmatters/internal/sqlite"
	"whatmatters/internal/storebackup"
	"whatmatters/internal/testenv"
)

// realApp is the app on a real store at path, as main wires it, with the
// file dialogs answered from saveDir.
func realApp(t *testing.T, path, saveDir string) (*App, *sqlite.DB) {
	t.Helper()
	t.Setenv("WHATMATTERS_SAVE_DIR", saveDir)
	db, locked, problem := database.OpenForApp(path)
	t.Cleanup(func() { db.Close() })
	app := NewApp(database.NewServices(db), db.Path, problem)
	app.backups = storebackup.New(db, sqlite.NewSettingsService(db), locked)
	app.startup(context.Background())
	if problem == nil {
		signInApp(t, app)
	}
	return app, db
}

func people(t *testing.T, app *App) int {
	t.Helper()
	got, err := app.SearchPeople("", 0)
	if err != nil {
		t.Fatal(err)
	}
	return got.Total
}

// apiError is what the page receives for err.
func apiError(t *testing.T, err error) binding.ErrorDTO {
	t.Helper()
	b, _ := json.Marshal(formatError(err))
	var e binding.ErrorDTO
	json.Unmarshal(b, &e)
	return e
}

func TestApp_BackUpNow(t *testing.T) {
	save := t.TempDir()
	app, _ := realApp(t, testenv.SeededCopy(t), save)

	if st := app.BackupStatus(); !st.Due || st.LastAt != "" || st.Damaged != "" {
		t.Errorf("before any backup: %+v", st)
	}
	for _, tt := range []struct {
		name  string
		in    dto.BackupInput
		field string
		msg   string
	}{
		{"ErrNoMethod", dto.BackupInput{}, "method", "Choose how to lock the backup"},
		{"ErrShortPassphrase", dto.BackupInput{Method: "passphrase", Passphrase: "short", Confirm: "short"}, "passphrase", "Enter a passphrase of at least 12 characters"},
		{"ErrMismatch", dto.BackupInput{Method: "passphrase", Passphrase: "correct horse battery", Confirm: "correct horse batery"}, "confirm", "The passphrases do not match"},
		{"ErrNoKey", dto.BackupInput{Method: "key"}, "recipient", "Enter your organisation's backup key"},
		{"ErrSecretKey", dto.BackupInput{Method: "key", Recipient: "AGE-SECRET-KEY-1QQQ"}, "recipient", "That is a secret key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := app.BackUpNow(tt.in)
			if e := apiError(t, err); e.Field != tt.field || !strings.HasPrefix(e.Message, tt.msg) {
				t.Errorf("got %+v", e)
			}
			if ents, _ := os.ReadDir(save); len(ents) != 0 {
				t.Errorf("written: %v", ents)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		pub, _ := testenv.OrgKey(t)
		res, err := app.BackUpNow(dto.BackupInput{Method: "key", Recipient: " " + pub + "\n"})
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(res.Path) != save || !strings.HasPrefix(filepath.Base(res.Path), "whatmatters-backup-") || !strings.HasSuffix(res.Path, ".age") {
			t.Errorf("path %q", res.Path)
		}
		enc, _ := os.ReadFile(res.Path)
		for _, name := range testenv.ExampleNames {
			if strings.Contains(string(enc), name) {
				t.Errorf("%q is readable in the backup", name)
			}
		}
		st := app.BackupStatus()
		if st.Due || st.LastAt != res.At || st.LastFile != res.Path || st.Recipient != pub {
			t.Errorf("after a backup: %+v (result %+v)", st, res)
		}
	})
	t.Run("ErrDiskFull", func(t *testing.T) {
		full := t.TempDir()
		testenv.MountTmpfs(t, full, "size=64k")
		t.Setenv("WHATMATTERS_SAVE_DIR", full)
		pub, _ := testenv.OrgKey(t)
		_, err := app.BackUpNow(dto.BackupInput{Method: "key", Recipient: pub})
		if e := apiError(t, err); e.Code != "invalid" || !strings.HasPrefix(e.Message, "There is not enough space on the disk") {
			t.Errorf("got %+v", e)
		}
	})
}

func TestApp_RestoreBackup(t *testing.T) {
	wctx := care.WithActor(context.Background(), care.Actor{Name: "Sam Okafor", Role: "Care coordinator"})
	const pass = "correct horse battery staple"
	// One backup (passphrase locked: a second of scrypt) for every case.
	save := t.TempDir()
	app, db := realApp(t, testenv.SeededCopy(t), save)
	res, err := app.BackUpNow(dto.BackupInput{Method: "passphrase", Passphrase: pass, Confirm: pass})
	if err != nil {
		t.Fatal(err)
	}
	os.Rename(res.Path, filepath.Join(save, "restore.age"))

	t.Run("OKOntoTheOpenDatabase", func(t *testing.T) {
		sqlite.NewPersonService(db).CreatePerson(wctx, &care.Person{GivenName: "After", FamilyName: "Backup", DateOfBirth: "1960-01-01"})
		// The app goes on saving (and reading) until the restore is done;
		// a save during the swap is asked to try again, never lost silently.
		done := make(chan struct{})
		var saved, refused int
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			settings := sqlite.NewSettingsService(db)
			for {
				select {
				case <-done:
					return
				default:
				}
				err := settings.SetSettings(wctx, map[string]string{"test.tick": time.Now().String()})
				switch care.ErrorCode(err) {
				case "":
					saved++
				case care.ECONFLICT:
					refused++
				default:
					t.Errorf("saving during the restore: %v", err)
					return
				}
				// After the restore, the app waits for someone to sign in again.
				if _, err := app.SearchPeople("", 0); err != nil && care.ErrorCode(err) != care.ECONFLICT && care.ErrorCode(err) != care.ESIGNIN {
					t.Errorf("reading during the restore: %v", err)
					return
				}
			}
		}()
		got, err := app.RestoreBackup(dto.RestoreInput{Method: "passphrase", Passphrase: pass})
		close(done)
		wg.Wait()
		t.Logf("%d saves, %d asked to try again", saved, refused)
		if err != nil {
			t.Fatal(err)
		}
		if got.File != filepath.Join(save, "restore.age") || !strings.HasPrefix(got.Kept, db.Path+".before-restore-") {
			t.Errorf("result %+v", got)
		}
		// The restored database has its own accounts and key: sign in again.
		if u := app.CurrentUser(); u.Name != "" {
			t.Errorf("still signed in after restoring: %+v", u)
		}
		if _, err := app.CreatePerson(dto.PersonInput{GivenName: "New", FamilyName: "Person", DateOfBirth: "1970-01-01"}); care.ErrorCode(err) != care.ESIGNIN {
			t.Errorf("saving before signing in again: %v", err)
		}
		signInApp(t, app)
		if n := people(t, app); n != 5 {
			t.Errorf("%d people after restoring, want 5", n)
		}
		if st := app.BackupStatus(); st.LastAt != res.At || st.Due {
			t.Errorf("the last backup was forgotten in the restore: %+v, want %s", st, res.At)
		}
		if _, err := app.CreatePerson(dto.PersonInput{GivenName: "New", FamilyName: "Person", DateOfBirth: "1970-01-01"}); err != nil {
			t.Errorf("saving after restoring: %v", err)
		}
		if n := testenv.Count(t, got.Kept, "people"); n != 6 {
			t.Errorf("kept database: %d people, want 6", n)
		}
	})
	t.Run("ErrWrongPassphrase", func(t *testing.T) {
		before := people(t, app)
		_, err := app.RestoreBackup(dto.RestoreInput{Method: "passphrase", Passphrase: "incorrect horse battery"})
		if e := apiError(t, err); e.Field != "passphrase" || !strings.HasPrefix(e.Message, "This backup cannot be opened with that passphrase") {
			t.Errorf("got %+v", e)
		}
		if people(t, app) != before {
			t.Error("the database changed")
		}
		if left := testenv.Leftovers(t, filepath.Dir(db.Path)); len(left) > 0 {
			t.Errorf("left: %v", left)
		}
	})
	t.Run("ErrNoPassphrase", func(t *testing.T) {
		_, err := app.RestoreBackup(dto.RestoreInput{Method: "passphrase"})
		if e := apiError(t, err); e.Field != "passphrase" || e.Message != "Enter the passphrase the backup was made with" {
			t.Errorf("got %+v", e)
		}
	})
	t.Run("ErrKeyForPassphraseBackup", func(t *testing.T) {
		_, keyFile := testenv.OrgKey(t)
		os.Rename(keyFile, filepath.Join(save, "backup-key.txt"))
		_, err := app.RestoreBackup(dto.RestoreInput{Method: "key"})
		if e := apiError(t, err); e.Field != "keyFile" || !strings.Contains(e.Message, "made with a passphrase") {
			t.Errorf("got %+v", e)
		}
	})
	t.Run("OKDamagedDatabase", func(t *testing.T) {
		path := testenv.SeededCopy(t)
		testenv.Damage(t, path)
		app, _ := realApp(t, path, save)
		if st := app.Status(); !st.Ready {
			t.Fatalf("a damaged database should open read-only: %+v", st)
		}
		st := app.BackupStatus()
		if st.Damaged != "This database is damaged. What Matters has opened it read-only so nothing more is written. Restore your latest backup" {
			t.Fatalf("status %+v", st)
		}
		_, err := app.CreatePerson(dto.PersonInput{GivenName: "Ann", FamilyName: "Lee", DateOfBirth: "1950-01-01"})
		if e := apiError(t, err); e.Code != "locked" || !strings.HasPrefix(e.Message, "This database is damaged") {
			t.Errorf("saving to a damaged database: %+v", e)
		}
		if _, err := app.RestoreBackup(dto.RestoreInput{Method: "passphrase", Passphrase: pass}); err != nil {
			t.Fatal(err)
		}
		if st := app.BackupStatus(); st.Damaged != "" {
			t.Errorf("still damaged: %+v", st)
		}
		signInApp(t, app)
		if _, err := app.CreatePerson(dto.PersonInput{GivenName: "Ann", FamilyName: "Lee", DateOfBirth: "1950-01-01"}); err != nil {
			t.Errorf("saving after restoring: %v", err)
		}
	})
	t.Run("OKDatabaseThatCouldNotOpen", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "whatmatters.db")
		os.WriteFile(path, []byte("this is not a database"), 0o600)
		app, _ := realApp(t, path, save)
		if app.Status().Ready {
			t.Fatal("opened")
		}
		if !app.BackupStatus().CanRestore {
			t.Error("restore not offered")
		}
		if _, err := app.RestoreBackup(dto.RestoreInput{Method: "passphrase", Passphrase: pass}); err != nil {
			t.Fatal(err)
		}
		if st := app.Status(); !st.Ready {
			t.Fatalf("after restoring: %+v", st)
		}
		signInApp(t, app)
		if n := people(t, app); n != 5 {
			t.Errorf("%d people", n)
		}
	})
	t.Run("ErrAnotherAppHasIt", func(t *testing.T) {
		path := testenv.SeededCopy(t)
		testenv.Holder(t, path)
		app, _ := realApp(t, path, save)
		if st := app.Status(); st.Ready || st.Problem != "What Matters is already open on this computer with this database. Close it first" {
			t.Fatalf("status %+v", st)
		}
		if app.BackupStatus().CanRestore {
			t.Error("restore offered over another app's database")
		}
		_, err := app.RestoreBackup(dto.RestoreInput{Method: "passphrase", Passphrase: pass})
		if e := apiError(t, err); !strings.HasPrefix(e.Message, "What Matters is already open") {
			t.Errorf("got %+v", e)
		}
	})
}
