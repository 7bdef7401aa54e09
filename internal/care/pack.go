package care

// What the pre-meeting pack says to the person, in plain words.

// MeetingPurposesForThePerson name each meeting purpose as the person is
// told it: "This meeting is to review your plan."
var MeetingPurposesForThePerson = []Choice{
	{"first-plan", "to make your plan together"},
	{"review", "to review your plan"},
	{"crisis", "to talk about what has gone wrong, and what would help now"},
}

// PurposeInPlainWords names a meeting's purpose as the person is told it,
// or "" for a purpose not known.
func PurposeInPlainWords(purpose string) string {
	if l := ChoiceLabel(MeetingPurposesForThePerson, purpose); l != purpose {
		return l
	}
	return ""
}

// AtHome reports whether a meeting is at the person's home: in person, at
// a place named as home ("Home", "At home", "Halina's home", "Home visit").
func (m *Meeting) AtHome() bool {
	if m.Remote {
		return false
	}
	for _, w := range words(m.Place) {
		if w == "home" {
			return true
		}
	}
	return false
}

// Attendees are who is expected besides the person: everyone but the
// person, those taken out of the meeting and those who sent apologies. A
// pre-meeting pack names them, and the next meeting offers them again.
func (m *Meeting) Attendees() []*Participant {
	var out []*Participant
	for _, p := range m.Participants {
		if !p.Removed && p.Kind != ParticipantPerson && p.Attendance != "apologies" {
			out = append(out, p)
		}
	}
	return out
}
