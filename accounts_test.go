package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

func newTestAccounts(t *testing.T) (*accounts, Services) {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "accounts.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := services(db)
	return newAccounts(s), s
}

func TestAccounts(t *testing.T) {
	acc, s := newTestAccounts(t)
	ctx := context.Background()
	clock := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	acc.now = func() time.Time { return clock }

	t.Run("ErrSetUpBadInput", func(t *testing.T) {
		for _, c := range []struct{ name, role, pass, confirm, field string }{
			{"", "Nurse", "correct horse battery", "correct horse battery", "name"},
			{"Sam", "", "correct horse battery", "correct horse battery", "role"},
			{"Sam", "Nurse", "", "", "passphrase"},
			{"Sam", "Nurse", "short", "short", "passphrase"},
			{"Sam", "Nurse", "          x", "          x", "passphrase"},
			{"Sam", "Nurse", strings.Repeat("x", 1<<20), strings.Repeat("x", 1<<20), "passphrase"},
			{"Sam", "Nurse", "correct horse battery", "correct horse batterY", "passphraseConfirm"},
		} {
			_, _, err := acc.setUp(ctx, &care.Account{Name: c.name, Role: c.role}, c.pass, c.confirm)
			if !hasField(err, c.field) {
				t.Errorf("%+v: err = %v", c, err)
			}
		}
	})

	sess, code, err := acc.setUp(ctx, &care.Account{Name: "Sam Okafor", Role: "Care coordinator"}, "correct horse battery", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if len(code) != 29 || sess.account.ID == 0 || len(sess.key) != 32 {
		t.Fatalf("session %+v, code %q", sess.account, code)
	}

	t.Run("ErrSecondSetUp", func(t *testing.T) {
		if _, _, err := acc.setUp(ctx, &care.Account{Name: "Eve", Role: "x"}, "correct horse battery", "correct horse battery"); care.ErrorCode(err) != care.ECONFLICT {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("SignInOpensTheSameKey", func(t *testing.T) {
		again, err := acc.signIn(ctx, " sam okafor ", "correct horse battery", false)
		if err != nil || !bytes.Equal(again.key, sess.key) || again.account.ID != sess.account.ID {
			t.Fatalf("signIn: %v", err)
		}
	})
	t.Run("ErrWrongNameOrPassphraseSameMessage", func(t *testing.T) {
		_, err1 := acc.signIn(ctx, "Sam Okafor", "correct horse batteRy", false)
		_, err2 := acc.signIn(ctx, "Nobody", "correct horse battery", false)
		if care.ErrorMessage(err1) != care.ErrorMessage(err2) || care.ErrorField(err1) != "passphrase" {
			t.Errorf("%v / %v", err1, err2)
		}
	})
	t.Run("BackOffNeverLocksOutForGood", func(t *testing.T) {
		for range 3 {
			acc.signIn(ctx, "Sam Okafor", "wrong passphrase", false)
		}
		_, err := acc.signIn(ctx, "Sam Okafor", "correct horse battery", false)
		if !strings.Contains(care.ErrorMessage(err), "Wait") {
			t.Fatalf("after 4 wrong: %v", err)
		}
		clock = clock.Add(time.Minute)
		if _, err := acc.signIn(ctx, "Sam Okafor", "correct horse battery", false); err != nil {
			t.Errorf("a minute later: %v", err)
		}
	})
	t.Run("AddAccountSharesTheKey", func(t *testing.T) {
		code, err := acc.add(ctx, sess, &care.Account{Name: "Priya Rao", Role: "GP"}, "a garden of pierogi", "a garden of pierogi")
		if err != nil {
			t.Fatal(err)
		}
		p, err := acc.signIn(ctx, "Priya Rao", "a garden of pierogi", false)
		if err != nil || !bytes.Equal(p.key, sess.key) {
			t.Fatalf("signIn: %v", err)
		}
		if _, err := acc.add(ctx, sess, &care.Account{Name: "priya rao", Role: "GP"}, "a garden of pierogi", "a garden of pierogi"); !hasField(err, "name") {
			t.Errorf("duplicate name: %v", err)
		}
		t.Run("RecoveryCodeSetsANewPassphrase", func(t *testing.T) {
			if _, err := acc.recoverAccount(ctx, "Priya Rao", "00000-00000-00000-00000-00000", "a new passphrase", "a new passphrase"); !hasField(err, "code") {
				t.Errorf("wrong code: %v", err)
			}
			r, err := acc.recoverAccount(ctx, "Priya Rao", strings.ToLower(strings.ReplaceAll(code, "-", " ")), "a new passphrase", "a new passphrase")
			if err != nil || !bytes.Equal(r.key, sess.key) {
				t.Fatalf("recover: %v", err)
			}
			if _, err := acc.signIn(ctx, "Priya Rao", "a garden of pierogi", false); err == nil {
				t.Error("the old passphrase still works")
			}
			if _, err := acc.signIn(ctx, "Priya Rao", "a new passphrase", false); err != nil {
				t.Error(err)
			}
		})
	})
	t.Run("AuditNamesTheAccount", func(t *testing.T) {
		r, err := s.Audit.VerifyIntegrity(ctx)
		if err != nil || !r.OK() || r.AuditRows < 7 {
			t.Errorf("audit: %+v %v", r, err)
		}
	})
}

func hasField(err error, field string) bool {
	for _, e := range care.FieldErrors(err) {
		if e.Field == field {
			return true
		}
	}
	return false
}

func TestCopyOfTheDatabaseCannotSign(t *testing.T) {
	path, _ := seededWithPlan(t)
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	raw.QueryRow(`SELECT COUNT(*) FROM settings WHERE key = 'signing.key' OR value LIKE '%PRIVATE KEY%'`).Scan(&n)
	if n != 0 {
		t.Error("the signing key is stored in plaintext")
	}
	var sealed string
	if err := raw.QueryRow(`SELECT sealed FROM secrets WHERE name = 'signing.key'`).Scan(&sealed); err != nil || strings.Contains(sealed, "PRIVATE") {
		t.Errorf("sealed key: %q %v", sealed, err)
	}
	t.Run("ErrCommandsWithoutAnAccount", func(t *testing.T) {
		t.Setenv("WHATMATTERS_USER", "")
		err := run([]string{"export-pdf", "-db", path, "-person", "1", "-o", filepath.Join(t.TempDir(), "x.pdf")}, io.Discard)
		if !strings.Contains(care.ErrorMessage(err), "-user") {
			t.Errorf("err = %v", err)
		}
		t.Setenv("WHATMATTERS_USER", testUser)
		t.Setenv("WHATMATTERS_PASSPHRASE", "")
		err = run([]string{"export-pdf", "-db", path, "-person", "1", "-o", filepath.Join(t.TempDir(), "x.pdf")}, io.Discard)
		if !strings.Contains(care.ErrorMessage(err), "WHATMATTERS_PASSPHRASE") {
			t.Errorf("err = %v", err)
		}
		t.Setenv("WHATMATTERS_PASSPHRASE", "not the passphrase")
		err = run([]string{"export-pdf", "-db", path, "-person", "1", "-o", filepath.Join(t.TempDir(), "x.pdf")}, io.Discard)
		if care.ErrorField(err) != "passphrase" {
			t.Errorf("err = %v", err)
		}
	})
}

func TestAuditVerifyCommand(t *testing.T) {
	path, _ := seededWithPlan(t)
	var out bytes.Buffer
	if err := run([]string{"audit", "verify", "-db", path}, &out); err != nil || !strings.HasPrefix(out.String(), "All is well: ") {
		t.Fatalf("fresh: %q %v", out.String(), err)
	}
	raw, _ := sql.Open("sqlite", path)
	for _, q := range []string{`DROP TRIGGER history_no_delete`, `DELETE FROM history WHERE id = 5`,
		`DROP TRIGGER plan_versions_locked_update`, `UPDATE plan_versions SET snapshot = replace(snapshot, 'pierogi', 'nothing') WHERE id = 1`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	out.Reset()
	err := run([]string{"audit", "verify", "-db", path}, &out)
	if err == nil || !strings.Contains(out.String(), "History row 6: the row before it was removed or changed") ||
		!strings.Contains(out.String(), "was changed after it was agreed") {
		t.Errorf("after tampering: %q %v", out.String(), err)
	}
}

func TestAppLock(t *testing.T) {
	_, s := seededWithPlan(t)
	app := NewApp(s, "test.db", nil)
	if _, err := app.FindRecord(1); care.ErrorCode(err) != care.ESIGNIN {
		t.Fatalf("signed out: %v", err)
	}
	signInApp(t, app)
	if _, err := app.FindRecord(1); err != nil {
		t.Fatal(err)
	}
	app.Lock()
	if st, _ := app.AuthStatus(); !st.Locked || st.User.Name != testUser {
		t.Errorf("status = %+v", st)
	}
	if _, err := app.FindRecord(1); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("locked: %v", err)
	}
	if _, err := app.Unlock("wrong passphrase"); care.ErrorField(err) != "passphrase" {
		t.Errorf("wrong: %v", err)
	}
	if _, err := app.Unlock(testPassphrase); err != nil {
		t.Fatal(err)
	}
	if _, err := app.FindRecord(1); err != nil {
		t.Error(err)
	}
	if err := app.SetLockMinutes(16); care.ErrorField(err) != "lockMinutes" {
		t.Errorf("16 minutes: %v", err)
	}
	app.SignOut()
	if u := app.CurrentUser(); u.Name != "" {
		t.Errorf("after sign out: %+v", u)
	}
}

func TestAppLockKeepsADraftTypedJustBefore(t *testing.T) {
	_, s := seededWithPlan(t)
	app := signInApp(t, NewApp(s, "test.db", nil))
	m, err := app.CreateMeeting(MeetingInput{PersonID: 1, Date: "2026-12-02", Time: "10:00", Purpose: "review", Remote: true})
	if err != nil {
		t.Fatal(err)
	}
	app.Lock()
	if err := app.SaveDraft(m.ID, 0, "The last words typed before the lock"); err != nil {
		t.Fatalf("a draft saved while locked: %v", err)
	}
	if _, err := app.FindMeeting(m.ID); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("reading while locked: %v", err)
	}
	app.Unlock(testPassphrase)
	got, err := app.FindMeeting(m.ID)
	if err != nil || got.Draft != "The last words typed before the lock" {
		t.Errorf("draft after unlocking = %q, %v", got.Draft, err)
	}
	app.SignOut()
	if err := app.SaveDraft(m.ID, 0, "x"); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("signed out: %v", err)
	}
}
