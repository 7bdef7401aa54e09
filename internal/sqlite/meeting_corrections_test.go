package sqlite_test

import (
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// endedMeetingWithWords is a meeting in which Zoë said one thing (added by
// Sam Okafor), then ended.
func endedMeetingWithWords(t *testing.T, db *sqlite.DB, p *care.Person) (*care.Meeting, *care.Contribution) {
	t.Helper()
	s := sqlite.NewMeetingService(db)
	m := MustCreateMeeting(t, db, p.ID)
	if err := s.StartMeeting(testCtx, m.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FindMeetingByID(testCtx, m.ID)
	c := &care.Contribution{MeetingID: m.ID, ParticipantID: got.Participants[0].ID, Text: "I want to get back to the alotment 🌱", PersonsWords: true}
	if err := s.AddContribution(testCtx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.EndMeeting(testCtx, m.ID, "", "We talked about the allotment."); err != nil {
		t.Fatal(err)
	}
	return m, c
}

func TestMeetingService_CorrectContribution(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	clock := time.Now().UTC().Truncate(time.Second)
	db.Now = func() time.Time { return clock }
	s := sqlite.NewMeetingService(db)
	m, c := endedMeetingWithWords(t, db, p)
	other := care.WithActor(testCtx, care.Actor{Name: "Priya Shah", Role: "Care coordinator"})

	for _, tt := range []struct {
		name  string
		ctx   any
		corr  care.Correction
		code  string
		field string
		msg   string
	}{
		{"Empty", nil, care.Correction{Text: "  \n "}, care.EINVALID, "text", "Type the corrected words, or strike it through instead"},
		{"TooLong", nil, care.Correction{Text: strings.Repeat("a", care.MaxContribution+1)}, care.EINVALID, "text", ""},
		{"StruckWithoutReason", nil, care.Correction{Struck: true}, care.EINVALID, "reason", "Say why this is struck through"},
		{"ReasonTooLong", nil, care.Correction{Text: "ok", Reason: strings.Repeat("a", care.MaxCorrectionReason+1)}, care.EINVALID, "reason", ""},
		{"SomeoneElses", other, care.Correction{Text: "I want to get back to the allotment"}, care.EINVALID, "", "Only the person who added this can correct it"},
		{"NoSuchContribution", nil, care.Correction{ContributionID: 99999, Text: "x"}, care.ENOTFOUND, "", ""},
		{"InAnotherMeeting", nil, care.Correction{MeetingID: 99999, Text: "x"}, care.ENOTFOUND, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := testCtx
			if tt.ctx != nil {
				ctx = other
			}
			k := tt.corr
			if k.ContributionID == 0 {
				k.ContributionID = c.ID
			}
			err := s.CorrectContribution(ctx, &k)
			wantCode(t, err, tt.code, tt.field)
			if tt.msg != "" && care.ErrorMessage(err) != tt.msg {
				t.Errorf("message = %q, want %q", care.ErrorMessage(err), tt.msg)
			}
		})
	}

	fix := &care.Correction{ContributionID: c.ID, Text: "I want to get back to the allotment 🌱", Reason: "Spelling"}
	if err := s.CorrectContribution(testCtx, fix); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindMeetingByID(testCtx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	gc := got.Contributions[0]
	if gc.Text != c.Text || gc.CreatedBy != "Sam Okafor" {
		t.Errorf("the original = %q by %q, want it kept", gc.Text, gc.CreatedBy)
	}
	if text, struck := gc.Current(); text != fix.Text || struck {
		t.Errorf("current = %q, %v", text, struck)
	}
	if len(gc.Corrections) != 1 || gc.Corrections[0].Reason != "Spelling" || gc.Corrections[0].AfterAgreed || len(gc.Corrections[0].UUID) != 36 {
		t.Errorf("corrections = %+v", gc.Corrections)
	}

	t.Run("AfterThePlanIsAgreed", func(t *testing.T) {
		MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "Back to the allotment"})
		clock = clock.Add(time.Minute)
		if _, err := sqlite.NewVersionService(db).AgreePlan(testCtx, p.ID, agreed(), nil); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Minute)
		strike := &care.Correction{ContributionID: c.ID, Struck: true, Text: "ignored", Reason: "Said about someone else"}
		if err := s.CorrectContribution(testCtx, strike); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindMeetingByID(testCtx, m.ID)
		gc := got.Contributions[0]
		if text, struck := gc.Current(); text != "" || !struck {
			t.Errorf("current = %q, %v; want struck through", text, struck)
		}
		if len(gc.Corrections) != 2 || !gc.Corrections[1].AfterAgreed || gc.Corrections[0].Text != fix.Text || gc.Text != c.Text {
			t.Errorf("history = %+v, original %q", gc.Corrections, gc.Text)
		}
	})

	t.Run("HistoryIsKept", func(t *testing.T) {
		raw := openRaw(t, db.Path)
		if _, err := raw.Exec(`UPDATE contribution_corrections SET text = 'changed'`); err == nil || !strings.Contains(err.Error(), "kept as it was made") {
			t.Errorf("changing a correction: err = %v", err)
		}
		if _, err := raw.Exec(`UPDATE contributions SET text = 'changed'`); err == nil || !strings.Contains(err.Error(), "never overwritten") {
			t.Errorf("changing what was said: err = %v", err)
		}
		if _, err := raw.Exec(`INSERT INTO contribution_corrections (uuid, contribution_id, text, created_at, created_by) VALUES ('x', ?, 'x', '', '')`, c.ID); err == nil {
			t.Error("a correction without a UUID was stored")
		}
	})
}
