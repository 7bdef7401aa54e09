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

func TestApp_CorrectContribution(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	stored := &care.Meeting{ID: 5, PersonID: 1, Date: "2026-11-24", Time: "10:00", Purpose: "review",
		Contributions: []*care.Contribution{
			{ID: 9, ParticipantID: 1, Text: "My gardn", CreatedBy: "Sam Okafor",
				Corrections: []*care.Correction{{ID: 1, ContributionID: 9, Text: "My garden", Reason: "Spelling", CreatedAt: at, CreatedBy: "Sam Okafor"}}},
			{ID: 10, ParticipantID: 1, Text: "Said by mistake", CreatedBy: "Priya Shah",
				Corrections: []*care.Correction{{ID: 2, ContributionID: 10, Struck: true, Reason: "Wrong person", AfterAgreed: true, CreatedAt: at, CreatedBy: "Priya Shah"}}},
		}}
	var got *care.Correction
	minutes := &mock.MinutesService{CorrectContributionFn: func(ctx context.Context, c *care.Correction) error {
		if a, _ := care.ActorFrom(ctx); a.Name != "Sam Okafor" {
			t.Errorf("actor = %+v", a)
		}
		got = c
		if c.ContributionID == 10 {
			return care.Errorf(care.EINVALID, "Only the person who added this can correct it")
		}
		return nil
	}}
	meetings := &mock.MeetingService{FindMeetingByIDFn: func(context.Context, int64) (*care.Meeting, error) { return stored, nil }}
	app := signedIn(NewApp(Services{Meetings: meetings, Minutes: minutes}, "test.db", nil))

	m, err := app.CorrectContribution(5, dto.CorrectionInput{ContributionID: 9, Text: "My garden", Reason: "Spelling"})
	if err != nil {
		t.Fatal(err)
	}
	if got.MeetingID != 5 || got.ContributionID != 9 || got.Text != "My garden" || got.Reason != "Spelling" || got.Struck {
		t.Errorf("correction = %+v", got)
	}
	b, _ := json.Marshal(m.Contributions)
	for _, want := range []string{`"text":"My gardn"`, `"current":"My garden"`, `"mine":true`, `"author":"Sam Okafor"`,
		`"note":"Corrected on 25 November 2026 by Sam Okafor: Spelling"`, `"struck":true`,
		`"note":"Struck through on 25 November 2026 by Priya Shah, after the plan was agreed: Wrong person"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}

	_, err = app.CorrectContribution(5, dto.CorrectionInput{ContributionID: 10, Text: "x"})
	if e := errorJSON(t, err); e["code"] != "invalid" || e["message"] != "Only the person who added this can correct it" {
		t.Errorf("someone else's: %v", e)
	}
}
