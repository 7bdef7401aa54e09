package printing_test

import (
	"reflect"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/planpdf"
	"whatmatters/internal/printing"
)

func TestMinutes(t *testing.T) {
	rec := &care.Record{Person: &care.Person{GivenName: "Gosia", FamilyName: "Wiśniewska"}, Items: map[string][]*care.Item{
		care.SectionContacts: {{ID: 5, Section: care.SectionContacts, Values: map[string]string{"name": "Ola Wiśniewska"}}},
		care.SectionGoals: {
			{ID: 20, Section: care.SectionGoals, Values: map[string]string{"text": "Sing at Christmas", "meeting": "3"}},
			{ID: 21, Section: care.SectionGoals, Values: map[string]string{"text": "From another meeting", "meeting": "2"}},
		},
		care.SectionActions: {
			{ID: 22, Section: care.SectionActions, Values: map[string]string{"what": "Book the bus", "owner": "contact:5", "byWhen": "2026-12-01", "meeting": "3"}},
			{ID: 23, Section: care.SectionActions, Values: map[string]string{"what": "Call the choir", "owner": "participant:4", "meeting": "3"}},
		},
	}}
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)
	m := &care.Meeting{ID: 3, Date: "2026-11-24", Time: "10:00", Place: "At home", Purpose: "review", Summary: "Singing",
		EndedAt: time.Date(2026, 11, 24, 11, 15, 0, 0, time.Local),
		Participants: []*care.Participant{
			{ID: 1, Name: "Gosia Wiśniewska", Kind: care.ParticipantPerson, Attendance: "invited"},
			{ID: 2, Name: "Ola Wiśniewska", Role: "daughter", Kind: care.ParticipantContact, SourceItemID: 5, Attendance: "remote"},
			{ID: 3, Name: "Dr Rao", Role: "GP", Kind: care.ParticipantProfessional, Attendance: "apologies"},
			{ID: 4, Name: "Ravi Shah", Role: "Advocate", Kind: care.ParticipantOther, Attendance: "present"},
			{ID: 5, Name: "Gone", Kind: care.ParticipantOther, Attendance: "present", Removed: true},
		},
		Agenda: []*care.AgendaItem{{ID: 10, Title: "What matters to you"}, {ID: 11, Title: "Goals"}},
		Contributions: []*care.Contribution{
			{ID: 1, AgendaItemID: 10, ParticipantID: 1, Text: "Chcę śpiewać", PersonsWords: true},
			{ID: 2, AgendaItemID: 10, ParticipantID: 2, Text: "3pm", Corrections: []*care.Correction{{Text: "4pm", Reason: "Time", CreatedAt: at, CreatedBy: "Sam Okafor"}}},
			{ID: 3, AgendaItemID: 10, ParticipantID: 4, Text: "Oops", Corrections: []*care.Correction{{Struck: true, Reason: "Not said", AfterAgreed: true, CreatedAt: at, CreatedBy: "Sam Okafor"}}},
		},
		Decisions: []*care.Decision{{Decision: "Wednesdays"}},
	}
	got := printing.Minutes(rec, m)
	want := planpdf.Minutes{PersonName: "Gosia Wiśniewska", Date: "2026-11-24", Time: "10:00", Ended: "11:15", Place: "At home", Purpose: "Review",
		Summary:   "Singing",
		Attended:  []string{"Gosia Wiśniewska", "Ola Wiśniewska (daughter), joined remotely", "Ravi Shah (Advocate)"},
		Apologies: []string{"Dr Rao (GP)"},
		Items: []planpdf.MinutesItem{{Title: "What matters to you", Said: []planpdf.Said{
			{Speaker: "Gosia Wiśniewska", Text: "Chcę śpiewać", PersonsWords: true},
			{Speaker: "Ola Wiśniewska (daughter)", Text: "4pm", Note: "Corrected on 25 November 2026 by Sam Okafor: Time"},
			{Speaker: "Ravi Shah (Advocate)", Struck: true, Note: "Struck through on 25 November 2026 by Sam Okafor, after the plan was agreed: Not said"},
		}}},
		Decisions: []care.Decision{{Decision: "Wednesdays"}},
		Goals:     []string{"Sing at Christmas"},
		Actions:   []planpdf.MinutesAction{{What: "Book the bus", Who: "Ola Wiśniewska", ByWhen: "1 December 2026"}, {What: "Call the choir", Who: "Ravi Shah"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("minutes =\n%+v\nwant\n%+v", got, want)
	}
}
