package care

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func displayRecord() *Record {
	return &Record{
		Person: &Person{GivenName: "Małgorzata", FamilyName: "Wiśniewska", PreferredName: "Gosia"},
		Items: map[string][]*Item{
			SectionContacts: {{ID: 4, Section: SectionContacts, Values: map[string]string{"name": "Ola Nowak"}}},
			SectionCareTeam: {{ID: 5, Section: SectionCareTeam, Values: map[string]string{"name": "Sam Patel"}}},
			SectionGoals:    {{ID: 6, Section: SectionGoals, Values: map[string]string{"text": "Get back to the allotment"}}},
		},
	}
}

func TestRecord_Display(t *testing.T) {
	r := displayRecord()
	n := &Names{Record: r, Removed: map[int64]string{9: "Jan Kowalski"}, Participants: map[int64]string{3: "Dr Ahmed"}}
	for _, tt := range []struct {
		name, section, key, value, want string
		names                           bool
	}{
		{"Money", SectionBudget, "amount", "8640", "£86.40", false},
		{"Date", SectionReview, "date", "2027-06-01", "1 June 2027", false},
		{"Bool", SectionCareTeam, "keyWorker", "true", "Yes", false},
		{"BoolUnset", SectionCareTeam, "keyWorker", "", "", false},
		{"Choice", SectionBudget, "frequency", "weekly", "Every week", false},
		{"Scale", SectionGoals, "importance", "7", "7 out of 10", false},
		{"OwnerContact", SectionActions, "owner", "contact:4", "Ola Nowak", false},
		{"OwnerProfessional", SectionActions, "owner", "professional:5", "Sam Patel", false},
		{"OwnerPerson", SectionActions, "owner", "person", "Gosia Wiśniewska", false},
		{"OwnerService", SectionActions, "owner", "service", "A service", false},
		{"OwnerGone", SectionActions, "owner", "contact:8", "A contact no longer in the record", false},
		{"OwnerRemoved", SectionActions, "owner", "contact:9", "Jan Kowalski (removed)", true},
		{"OwnerParticipant", SectionActions, "owner", "participant:3", "Dr Ahmed", true},
		{"OwnerParticipantUnknown", SectionActions, "owner", "participant:3", "Someone from a meeting", false},
		{"Goal", SectionActions, "goal", "6", "Get back to the allotment", false},
		{"GoalGone", SectionActions, "goal", "7", "A goal no longer in the plan", false},
		{"ForWhomPerson", SectionCommunicationNeeds, "forWhom", "", "Gosia Wiśniewska", false},
		{"ForWhomContact", SectionCommunicationNeeds, "forWhom", "4", "Ola Nowak", false},
		{"Text", SectionAboutMe, "mostImportant", "My cat", "My cat", false},
		{"PersonDate", "person", "dateOfBirth", "1944-03-02", "2 March 1944", false},
		{"PersonNHS", "person", "nhsNumber", "9434765919", "943 476 5919", false},
		{"PersonDetailChoice", "person", "preferredContact", "letter", "Letter", false},
		{"UnknownSection", "nowhere", "x", "8640", "8640", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Display(tt.section, tt.key, tt.value)
			if tt.names {
				got = n.Display(tt.section, tt.key, tt.value)
			}
			if got != tt.want {
				t.Errorf("Display(%s, %s, %q) = %q, want %q", tt.section, tt.key, tt.value, got, tt.want)
			}
		})
	}
}

func TestHistoryEntry_Shown(t *testing.T) {
	n := &Names{Record: displayRecord(), Removed: map[int64]string{9: "Jan Kowalski"}}
	for _, tt := range []struct {
		name string
		in   HistoryEntry
		want HistoryEntry
	}{
		{"Money", HistoryEntry{Action: ActionEdit, Section: SectionBudget, Field: "amount", Before: "8640", After: "9000"},
			HistoryEntry{Action: ActionEdit, Section: "Personal budget", Field: "Amount", Before: "£86.40", After: "£90.00"}},
		{"Owner", HistoryEntry{Action: ActionEdit, Section: SectionActions, ItemID: 6, Field: "owner", Before: "contact:4", After: "person"},
			HistoryEntry{Action: ActionEdit, Section: "Who will do what, and by when", ItemID: 6, Field: "Who will do it",
				Before: "Ola Nowak", After: "Gosia Wiśniewska", Item: "Get back to the allotment"}},
		{"Removed", HistoryEntry{Action: ActionRemove, Section: SectionContacts, ItemID: 9, Field: "name", Before: "Jan Kowalski"},
			HistoryEntry{Action: ActionRemove, Section: "Contacts", ItemID: 9, Field: "Name", Before: "Jan Kowalski", Item: "Jan Kowalski (removed)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.Shown(n)
			if s := FindSection(tt.in.Section); s != nil {
				tt.want.Section = s.Title
			}
			if got != tt.want {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	for _, tt := range []struct {
		in   string
		max  int
		want string
	}{
		{"Short", 60, "Short"},
		{"Get back to the allotment on Saturdays with my grandson", 20, "Get back to the…"},
		{"Get back to the allotment", 25, "Get back to the allotment"},
		{"Get back to the allotment", 24, "Get back to the…"},
		{"Supercalifragilisticexpialidocious", 10, "Supercali…"},
		{"Walk, swim, and then rest", 12, "Walk, swim…"},
		{"  spaced\n\nout  ", 60, "spaced out"},
		{"Zażółć gęślą jaźń i tak dalej", 16, "Zażółć gęślą…"},
	} {
		got := Shorten(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if utf8.RuneCountInString(got) > tt.max {
			t.Errorf("Shorten(%q, %d) = %q: longer than %d", tt.in, tt.max, got, tt.max)
		}
		// Every word kept is a whole word of the input (the one-long-word case aside).
		if tt.max > 10 {
			for _, w := range strings.Fields(strings.TrimSuffix(got, "…")) {
				if !strings.Contains(" "+strings.Join(strings.Fields(tt.in), " ")+" ", " "+w+" ") && !strings.Contains(tt.in, w+",") {
					t.Errorf("Shorten(%q) cut the word %q", tt.in, w)
				}
			}
		}
	}
}

func TestMeeting_State(t *testing.T) {
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		m    Meeting
		want string
	}{
		{"NotStarted", Meeting{}, MeetingUpcoming},
		{"Started", Meeting{StartedAt: at}, MeetingInProgress},
		{"Ended", Meeting{StartedAt: at, EndedAt: at.Add(time.Hour)}, MeetingEnded},
	} {
		if got := tt.m.State(); got != tt.want {
			t.Errorf("%s: State() = %q, want %q", tt.name, got, tt.want)
		}
		if ChoiceLabel(MeetingStates, tt.want) == tt.want {
			t.Errorf("%s: no label for %q", tt.name, tt.want)
		}
	}
}
