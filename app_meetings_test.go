package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/mock"
)

func TestApp_Meetings(t *testing.T) {
	stored := &care.Meeting{ID: 5, PersonID: 1, Date: "2026-11-24", Time: "10:00", Place: "Clinic", Purpose: "review",
		StartedAt:     time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC),
		Participants:  []*care.Participant{{ID: 1, Name: "Anna", Kind: care.ParticipantPerson, Attendance: "present"}},
		Contributions: []*care.Contribution{{ID: 9, ParticipantID: 1, Text: "<b>My garden</b>", PersonsWords: true}},
		Decisions:     []*care.Decision{{ID: 2, Decision: "Raised bed", Options: []care.DecisionOption{{Option: "Raised bed"}}}}}
	var gotContribution *care.Contribution
	meetings := &mock.MeetingService{
		FindMeetingByIDFn: func(context.Context, int64) (*care.Meeting, error) { return stored, nil },
		AddContributionFn: func(ctx context.Context, c *care.Contribution) error {
			if a, _ := care.ActorFrom(ctx); a.Name != "Sam Okafor" || a.AccountID != 1 {
				t.Errorf("actor = %+v", a)
			}
			gotContribution = c
			return nil
		},
		EndMeetingFn: func(_ context.Context, _ int64, end, _ string) error {
			return care.FieldError("endTime", "The end time must be after the meeting started, at 10:00")
		},
	}
	app := signedIn(NewApp(Services{Meetings: meetings}, "test.db", nil))

	t.Run("AddContributionReturnsTheStoredMeeting", func(t *testing.T) {
		m, err := app.AddContribution(5, dto.ContributionDTO{ParticipantID: 1, Text: "<b>My garden</b>", PersonsWords: true})
		if err != nil {
			t.Fatal(err)
		}
		if gotContribution.MeetingID != 5 || !gotContribution.PersonsWords || gotContribution.Text != "<b>My garden</b>" {
			t.Errorf("contribution = %+v", gotContribution)
		}
		b, _ := json.Marshal(m)
		for _, want := range []string{`"purposeLabel":"Review"`, `"startedAt":"2026-11-24T10:00:00Z"`, `"endedAt":""`, `"personsWords":true`, `"agenda":[]`} {
			if !strings.Contains(string(b), want) {
				t.Errorf("JSON lacks %s: %s", want, b)
			}
		}
	})

	t.Run("ErrEndBeforeStartReachesTheField", func(t *testing.T) {
		_, err := app.EndMeeting(5, "09:00", "")
		if got := errorJSON(t, err); got["field"] != "endTime" || got["code"] != "invalid" {
			t.Errorf("got %v", got)
		}
	})
}
