package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/testenv"
)

// endedMeeting is a meeting with Gosia (person 1) in which she said one
// thing, corrected once, and which has ended.
func endedMeeting(t *testing.T, path string) int64 {
	t.Helper()
	s := database.NewServices(testenv.OpenDB(t, path))
	sess := testenv.SignIn(t, s)
	ctx := care.WithActor(t.Context(), sess.Actor())
	m := &care.Meeting{PersonID: 1, Date: "2026-11-24", Time: "10:00", Place: "At home", Purpose: "review"}
	if err := s.Meetings.CreateMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := s.Meetings.StartMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Meetings.FindMeetingByID(ctx, m.ID)
	c := &care.Contribution{MeetingID: m.ID, ParticipantID: got.Participants[0].ID, Text: "Chcę śpiewać w chórze 🎶", PersonsWords: true}
	if err := s.Meetings.AddContribution(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.Minutes.CorrectContribution(ctx, &care.Correction{ContributionID: c.ID, Text: "Chcę znowu śpiewać w chórze 🎶", Reason: "A word was missed"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Meetings.EndMeeting(ctx, m.ID, "", "We talked about the choir."); err != nil {
		t.Fatal(err)
	}
	return m.ID
}

func TestExportMinutes(t *testing.T) {
	path := testenv.SeededCopy(t)
	id := endedMeeting(t, path)
	dir := t.TempDir()
	file := filepath.Join(dir, "minutes.pdf")
	var out bytes.Buffer
	if err := run([]string{"export-minutes", "-db", path, "-meeting", care.Itoa(id), "-format", "large-print", "-o", file}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Wrote the minutes of the meeting on 24 November 2026 to "+file) {
		t.Errorf("output = %q", out.String())
	}
	if n := testenv.Count(t, path, "audit WHERE action = 'export' AND detail = 'minutes of the meeting on 2026-11-24'"); n != 1 {
		t.Errorf("%d exports of the minutes audited, want 1", n)
	}
	if pdfcheck.Available(t, "pdftotext", "qpdf") {
		pdfcheck.Check(t, file)
		text := strings.Join(strings.Fields(pdfcheck.Text(t, file)), " ")
		for _, want := range []string{"Notes of the meeting — not the agreed plan", "Gosia", "Chcę znowu śpiewać w chórze", "A word was missed", "We talked about the choir."} {
			if !strings.Contains(text, want) {
				t.Errorf("minutes lack %q:\n%s", want, text)
			}
		}
	}

	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"UnknownMeeting", []string{"-meeting", "9999", "-o", file}, "There is no meeting 9999 in "},
		{"BadFormat", []string{"-meeting", care.Itoa(id), "-format", "huge", "-o", file}, `The format "huge" is not one of standard, large-print or easy-read`},
		{"NoMeeting", []string{"-o", file}, "Give -meeting ID and -o FILE"},
		{"NoFile", []string{"-meeting", care.Itoa(id)}, "Give -meeting ID and -o FILE"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(file)
			err := run(append([]string{"export-minutes", "-db", path}, tt.args...), &bytes.Buffer{})
			if err == nil || !strings.Contains(care.ErrorMessage(err), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if _, err := os.Stat(file); err == nil {
				t.Error("a file was written")
			}
		})
	}
}
