package accounts

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

func TestAccounts(t *testing.T) {
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "accounts.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	audit := sqlite.NewAuditService(db)
	acc := New(sqlite.NewAccountService(db), audit)
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
			_, _, err := acc.SetUp(ctx, &care.Account{Name: c.name, Role: c.role}, c.pass, c.confirm)
			if !hasField(err, c.field) {
				t.Errorf("%+v: err = %v", c, err)
			}
		}
	})

	sess, code, err := acc.SetUp(ctx, &care.Account{Name: "Sam Okafor", Role: "Care coordinator"}, "correct horse battery", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if len(code) != 29 || sess.Account.ID == 0 || len(sess.Key) != 32 {
		t.Fatalf("session %+v, code %q", sess.Account, code)
	}

	t.Run("ErrSecondSetUp", func(t *testing.T) {
		if _, _, err := acc.SetUp(ctx, &care.Account{Name: "Eve", Role: "x"}, "correct horse battery", "correct horse battery"); care.ErrorCode(err) != care.ECONFLICT {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("SignInOpensTheSameKey", func(t *testing.T) {
		again, err := acc.SignIn(ctx, " sam okafor ", "correct horse battery", false)
		if err != nil || !bytes.Equal(again.Key, sess.Key) || again.Account.ID != sess.Account.ID {
			t.Fatalf("signIn: %v", err)
		}
	})
	t.Run("ErrWrongNameOrPassphraseSameMessage", func(t *testing.T) {
		_, err1 := acc.SignIn(ctx, "Sam Okafor", "correct horse batteRy", false)
		_, err2 := acc.SignIn(ctx, "Nobody", "correct horse battery", false)
		if care.ErrorMessage(err1) != care.ErrorMessage(err2) || care.ErrorField(err1) != "passphrase" {
			t.Errorf("%v / %v", err1, err2)
		}
	})
	t.Run("BackOffNeverLocksOutForGood", func(t *testing.T) {
		for range 3 {
			acc.SignIn(ctx, "Sam Okafor", "wrong passphrase", false)
		}
		_, err := acc.SignIn(ctx, "Sam Okafor", "correct horse battery", false)
		if !strings.Contains(care.ErrorMessage(err), "Wait") {
			t.Fatalf("after 4 wrong: %v", err)
		}
		clock = clock.Add(time.Minute)
		if _, err := acc.SignIn(ctx, "Sam Okafor", "correct horse battery", false); err != nil {
			t.Errorf("a minute later: %v", err)
		}
	})
	t.Run("AddAccountSharesTheKey", func(t *testing.T) {
		code, err := acc.Add(ctx, sess, &care.Account{Name: "Priya Rao", Role: "GP"}, "a garden of pierogi", "a garden of pierogi")
		if err != nil {
			t.Fatal(err)
		}
		p, err := acc.SignIn(ctx, "Priya Rao", "a garden of pierogi", false)
		if err != nil || !bytes.Equal(p.Key, sess.Key) {
			t.Fatalf("signIn: %v", err)
		}
		if _, err := acc.Add(ctx, sess, &care.Account{Name: "priya rao", Role: "GP"}, "a garden of pierogi", "a garden of pierogi"); !hasField(err, "name") {
			t.Errorf("duplicate name: %v", err)
		}
		t.Run("RecoveryCodeSetsANewPassphrase", func(t *testing.T) {
			if _, err := acc.Recover(ctx, "Priya Rao", "00000-00000-00000-00000-00000", "a new passphrase", "a new passphrase"); !hasField(err, "code") {
				t.Errorf("wrong code: %v", err)
			}
			r, err := acc.Recover(ctx, "Priya Rao", strings.ToLower(strings.ReplaceAll(code, "-", " ")), "a new passphrase", "a new passphrase")
			if err != nil || !bytes.Equal(r.Key, sess.Key) {
				t.Fatalf("recover: %v", err)
			}
			if _, err := acc.SignIn(ctx, "Priya Rao", "a garden of pierogi", false); err == nil {
				t.Error("the old passphrase still works")
			}
			if _, err := acc.SignIn(ctx, "Priya Rao", "a new passphrase", false); err != nil {
				t.Error(err)
			}
		})
	})
	t.Run("AuditNamesTheAccount", func(t *testing.T) {
		r, err := audit.VerifyIntegrity(ctx)
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
