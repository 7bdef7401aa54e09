package printing_test

import (
	"context"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/mock"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/printing"
)

func TestMeetingPack_Text(t *testing.T) {
	pdfcheck.Need(t, "pdftotext")
	records := &mock.RecordService{FindRecordFn: func(context.Context, int64) (*care.Record, error) {
		return &care.Record{Person: &care.Person{GivenName: "Halina", FamilyName: "Nowak"}}, nil
	}}
	agenda := []*care.AgendaItem{{Title: "What matters to you"}, {Title: "My garden and the allotment"}}
	people := []*care.Participant{
		{Name: "Halina Nowak", Kind: care.ParticipantPerson, Attendance: "invited"},
		{Name: "Ola Wiśniewska", Role: "daughter", Kind: care.ParticipantContact, Attendance: "invited"},
		{Name: "Dr Priya Rao", Role: "GP", Kind: care.ParticipantProfessional, Attendance: "apologies"},
		{Name: "Sam Reid", Kind: care.ParticipantOther, Attendance: "invited", Removed: true},
	}
	for _, tt := range []struct {
		name    string
		place   string
		remote  bool
		purpose string
		want    []string
		notWant []string
	}{
		{"ReviewAtTheClinic", "Riverside clinic", false, "review",
			[]string{"This meeting is to review your plan.", "Ola Wiśniewska (daughter)", "What we will talk about", "1. What matters to you",
				"2. My garden and the allotment", "Bring this with you."},
			[]string{"Dr Priya Rao", "Sam Reid", "Halina Nowak (The person)"}},
		{"FirstPlanAtHome", "Halina's home", false, "first-plan",
			[]string{"This meeting is to make your plan together.", "Keep this for when we meet."},
			[]string{"Bring this with you", "Dr Priya Rao"}},
		{"CrisisByPhone", "", true, "crisis",
			[]string{"This meeting is to talk about what has gone wrong, and what would help now.", "Have this with you when we call."},
			[]string{"Bring this with you"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := &care.Meeting{PersonID: 1, Date: "2026-11-24", Time: "10:00", Place: tt.place, Remote: tt.remote, Purpose: tt.purpose,
				Participants: people, Agenda: agenda}
			for _, format := range []string{"standard", "large-print", "easy-read"} {
				pdf, name, err := printing.MeetingPack(context.Background(), records, m, format)
				if err != nil {
					t.Fatal(err)
				}
				if name != "Halina Nowak meeting pack 2026-11-24.pdf" {
					t.Errorf("name = %q", name)
				}
				out := strings.Join(strings.Fields(pdfcheck.Text(t, pdfcheck.File(t, "pack.pdf", pdf))), " ")
				for _, w := range tt.want {
					if !strings.Contains(out, w) {
						t.Errorf("%s: pack lacks %q\n%s", format, w, out)
					}
				}
				for _, w := range tt.notWant {
					if strings.Contains(out, w) {
						t.Errorf("%s: pack has %q", format, w)
					}
				}
			}
		})
	}
}

func TestMeeting_AtHome(t *testing.T) {
	for _, tt := range []struct {
		place  string
		remote bool
		want   bool
	}{
		{"Home", false, true}, {"At home", false, true}, {"Halina's home", false, true}, {"Halina’s home, 4 Mill Lane", false, true},
		{"Home visit", false, true}, {"Riverside clinic", false, false}, {"Homerton Hospital", false, false},
		{"Oak Lodge care home", false, true}, {"Home", true, false},
	} {
		if got := (&care.Meeting{Place: tt.place, Remote: tt.remote}).AtHome(); got != tt.want {
			t.Errorf("AtHome(%q, remote %v) = %v, want %v", tt.place, tt.remote, got, tt.want)
		}
	}
}
