package main

import (
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/testenv"
)

func TestAppLock(t *testing.T) {
	_, s := testenv.SeededWithPlan(t)
	app := NewApp(s, "test.db", nil)
	if _, err := app.FindRecord(1); care.ErrorCode(err) != care.ESIGNIN {
		t.Fatalf("signed out: %v", err)
	}
	signInApp(t, app)
	if _, err := app.FindRecord(1); err != nil {
		t.Fatal(err)
	}
	app.Lock()
	if st, _ := app.AuthStatus(); !st.Locked || st.User.Name != testenv.User {
		t.Errorf("status = %+v", st)
	}
	if _, err := app.FindRecord(1); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("locked: %v", err)
	}
	if _, err := app.Unlock("wrong passphrase"); care.ErrorField(err) != "passphrase" {
		t.Errorf("wrong: %v", err)
	}
	if _, err := app.Unlock(testenv.Passphrase); err != nil {
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
	_, s := testenv.SeededWithPlan(t)
	app := signInApp(t, NewApp(s, "test.db", nil))
	m, err := app.CreateMeeting(dto.MeetingInput{PersonID: 1, Date: "2026-12-02", Time: "10:00", Purpose: "review", Remote: true})
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
	app.Unlock(testenv.Passphrase)
	got, err := app.FindMeeting(m.ID)
	if err != nil || got.Draft != "The last words typed before the lock" {
		t.Errorf("draft after unlocking = %q, %v", got.Draft, err)
	}
	app.SignOut()
	if err := app.SaveDraft(m.ID, 0, "x"); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("signed out: %v", err)
	}
}
