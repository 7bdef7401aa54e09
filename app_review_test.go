package main

import (
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/testenv"
)

func TestApp_Review(t *testing.T) {
	app, _ := realApp(t, testenv.SeededCopy(t), t.TempDir())
	// Person 1 has two agreed versions and a draft with one new goal.
	r, err := app.Review(1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != 2 {
		t.Errorf("version = %d, want 2", r.Version)
	}
	var action *dto.ReviewItemDTO
	for i, it := range r.Items {
		if it.ItemID == 0 || it.UUID == "" {
			t.Errorf("item %+v is not matched to the draft", it)
		}
		if it.Section == care.SectionActions && action == nil {
			action = &r.Items[i]
		}
	}
	if action == nil {
		t.Fatalf("no action in %+v", r.Items)
	}
	if len(r.Changes) != 1 || !strings.Contains(r.Changes[0].Text, "Learn to video call my sister") {
		t.Errorf("changes = %+v", r.Changes)
	}

	t.Run("ErrStopNeedsAReason", func(t *testing.T) {
		_, err := app.SetReviewOutcome(1, care.SectionActions, dto.ReviewOutcomeDTO{ItemID: action.ItemID,
			Version: action.ItemVersion, Outcome: care.ReviewStop, StopReason: "  "})
		if e := apiError(t, err); e.Code != care.EINVALID || e.Field != "stopReason" {
			t.Errorf("err = %+v", e)
		}
	})

	t.Run("ErrUnknownOutcome", func(t *testing.T) {
		_, err := app.SetReviewOutcome(1, care.SectionActions, dto.ReviewOutcomeDTO{ItemID: action.ItemID,
			Version: action.ItemVersion, Outcome: "maybe"})
		if e := apiError(t, err); e.Code != care.EINVALID || e.Field != "outcome" {
			t.Errorf("err = %+v", e)
		}
	})

	t.Run("StopIsAnOrdinaryChangeWithHistory", func(t *testing.T) {
		got, err := app.SetReviewOutcome(1, care.SectionActions, dto.ReviewOutcomeDTO{ItemID: action.ItemID,
			Version: action.ItemVersion, Outcome: care.ReviewStop, StopReason: "The referral was not needed"})
		if err != nil {
			t.Fatal(err)
		}
		var after dto.ReviewItemDTO
		for _, it := range got.Items {
			if it.ItemID == action.ItemID {
				after = it
			}
		}
		if after.Outcome != care.ReviewStop || after.Status != "No longer needed" || after.StopReason != "The referral was not needed" ||
			after.ItemVersion != action.ItemVersion+1 {
			t.Errorf("after = %+v", after)
		}
		if len(got.Changes) < 2 {
			t.Errorf("changes = %+v, want the status change too", got.Changes)
		}
		h, err := app.History(1, 0)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range h.Entries {
			found = found || strings.Contains(e.After, "The referral was not needed")
		}
		if !found {
			t.Errorf("history lacks the reason: %+v", h.Entries[:3])
		}
	})

	t.Run("ErrConflictOnAStaleVersion", func(t *testing.T) {
		_, err := app.SetReviewOutcome(1, care.SectionActions, dto.ReviewOutcomeDTO{ItemID: action.ItemID,
			Version: action.ItemVersion, Outcome: care.ReviewDone})
		if e := apiError(t, err); e.Code != care.ECONFLICT {
			t.Errorf("err = %+v", e)
		}
	})

	t.Run("DoneThenCarryOn", func(t *testing.T) {
		goal := r.Items[0]
		for _, o := range []string{care.ReviewCarryOn, care.ReviewDone} {
			got, err := app.SetReviewOutcome(1, goal.Section, dto.ReviewOutcomeDTO{ItemID: goal.ItemID,
				Version: goal.ItemVersion, Outcome: o})
			if err != nil {
				t.Fatal(err)
			}
			if goal = got.Items[0]; goal.Outcome != o || goal.StopReason != "" {
				t.Errorf("%s: got %+v", o, goal)
			}
		}
	})

	t.Run("LastParticipants", func(t *testing.T) {
		ps, err := app.LastParticipants(999)
		if care.ErrorCode(err) != care.ENOTFOUND {
			t.Errorf("unknown meeting: %v, %v", ps, err)
		}
	})
}
