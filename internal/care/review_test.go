package care_test

import (
	"testing"
	"time"

	"whatmatters/internal/care"
)

var reviewValuesTests = []struct {
	section, outcome, reason string
	status, stopReason, err  string
}{
	{care.SectionGoals, care.ReviewDone, "", "achieved", "", ""},
	{care.SectionGoals, care.ReviewCarryOn, "ignored", "in-progress", "", ""},
	{care.SectionGoals, care.ReviewStop, " Moved away ", "no-longer-relevant", "Moved away", ""},
	{care.SectionActions, care.ReviewDone, "", care.ActionDone, "", ""},
	{care.SectionActions, care.ReviewStop, "Not needed", care.ActionNoLongerNeeded, "Not needed", ""},
	{care.SectionActions, care.ReviewStop, "  ", "", "", "stopReason"},
	{care.SectionActions, "maybe", "", "", "", "outcome"},
	{care.SectionContacts, care.ReviewDone, "", "", "", "outcome"},
}

func TestReviewValues(t *testing.T) {
	for _, tt := range reviewValuesTests {
		values := map[string]string{"status": "not-started", "stopReason": "old"}
		err := care.ReviewValues(tt.section, tt.outcome, tt.reason, values)
		if tt.err != "" {
			if care.ErrorCode(err) != care.EINVALID || care.FieldErrors(err)[0].Field != tt.err {
				t.Errorf("%s %s: err = %v, want field %s", tt.section, tt.outcome, err, tt.err)
			}
			continue
		}
		if err != nil || values["status"] != tt.status || values["stopReason"] != tt.stopReason {
			t.Errorf("%s %s: got %v, %v; want %s, %q", tt.section, tt.outcome, values, err, tt.status, tt.stopReason)
		}
		if got := care.ReviewOutcome(tt.section, tt.status); got != tt.outcome {
			t.Errorf("ReviewOutcome(%s, %s) = %q, want %q", tt.section, tt.status, got, tt.outcome)
		}
	}
}

func TestUnchanged(t *testing.T) {
	testNow := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	rec := &care.Record{Person: &care.Person{ID: 1, GivenName: "Anna"}, Items: map[string][]*care.Item{
		care.SectionGoals: {{ID: 3, UUID: "u3", Section: care.SectionGoals, Values: map[string]string{"text": "Garden", "status": "in-progress"}}}}}
	old := care.NewSnapshot(rec, 1, testNow)
	if !care.Unchanged(old, care.NewSnapshot(rec, 2, testNow.AddDate(0, 1, 0))) {
		t.Error("the same record later is changed")
	}
	rec.Items[care.SectionGoals][0].Values["status"] = "achieved"
	if care.Unchanged(old, care.NewSnapshot(rec, 2, testNow)) {
		t.Error("a goal achieved is unchanged")
	}
	rec.Items[care.SectionGoals][0].Values["status"] = "in-progress"
	rec.Person.FamilyName = "Nowak"
	if care.Unchanged(old, care.NewSnapshot(rec, 2, testNow)) {
		t.Error("a new family name is unchanged")
	}
	entries := care.ReviewEntries(old.View(), rec)
	if len(entries) != 1 || entries[0].Item != rec.Items[care.SectionGoals][0] || entries[0].Text != "Garden" {
		t.Errorf("entries = %+v", entries)
	}
}

func TestLastMeetingBefore(t *testing.T) {
	cancelled := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	ms := []*care.Meeting{
		{ID: 1, Date: "2026-10-01", Time: "10:00"},
		{ID: 2, Date: "2026-11-02", Time: "10:00", CancelledAt: cancelled},
		{ID: 3, Date: "2026-10-20", Time: "09:00"},
		{ID: 4, Date: "2026-12-01", Time: "10:00"},
		{ID: 5, Date: "2026-12-01", Time: "10:00"},
	}
	for _, tt := range []struct {
		name string
		m    *care.Meeting
		want int64
	}{
		{"LatestEarlierNotCancelled", ms[3], 3},
		{"SameTimeByID", ms[4], 4},
		{"NoneBefore", ms[0], 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got int64
			if last := care.LastMeetingBefore(ms, tt.m); last != nil {
				got = last.ID
			}
			if got != tt.want {
				t.Errorf("got meeting %d, want %d", got, tt.want)
			}
		})
	}
}
