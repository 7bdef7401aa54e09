package care

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ActionRestore is a change that brought back an earlier value, or a
// removed item, from history.
const ActionRestore = "restore"

// Names are what a record's references are shown by beyond the record
// itself: items since removed (named from their history) and people added
// to meetings. The zero Names knows only the record.
type Names struct {
	Record       *Record
	Removed      map[int64]string // item ID → what the removed item was called
	Participants map[int64]string // participant ID → name
}

// Display shows a stored value of a section's field as a person reads it,
// naming references from the record: the owner's name, not "contact:4";
// "£86.40", not "8640"; "1 June 2027", not "2027-06-01"; "Yes", not "true".
func (r *Record) Display(section, key, value string) string {
	return (&Names{Record: r}).Display(section, key, value)
}

// Display shows a stored value as Record.Display does, naming removed
// items and meeting participants too.
func (n *Names) Display(section, key, value string) string {
	if section == "person" {
		switch key {
		case "nhsNumber":
			return FormatNHSNumber(value)
		case "dateOfBirth":
			return FormatDate(value)
		}
		if f := PersonDetailField(key); f != nil {
			return DisplayValue(*f, value)
		}
		return value
	}
	s := FindSection(section)
	if s == nil {
		return value
	}
	f := s.Field(key)
	if f == nil {
		return value
	}
	switch f.Kind {
	case KindOwner:
		if value == "" {
			return ""
		}
		return n.owner(value)
	case KindGoalRef:
		if value == "" {
			return ""
		}
		return n.item(SectionGoals, value, "A goal no longer in the plan")
	case KindContactRef:
		if value == "" {
			return n.personName()
		}
		return n.item(SectionContacts, value, "A contact no longer in the record")
	case KindBool:
		if value == "" {
			return ""
		}
		return "Yes"
	}
	return DisplayValue(*f, value)
}

func (n *Names) personName() string {
	if n.Record != nil && n.Record.Person != nil {
		return n.Record.Person.DisplayName()
	}
	return "The person"
}

// owner names who does an action.
func (n *Names) owner(v string) string {
	o, err := ParseOwner(v)
	if err != nil {
		return v
	}
	switch o.Kind {
	case OwnerPerson:
		return n.personName()
	case OwnerService:
		return "A service"
	case OwnerContact:
		return n.item(SectionContacts, strconv.FormatInt(o.ID, 10), "A contact no longer in the record")
	case OwnerProfessional:
		return n.item(SectionCareTeam, strconv.FormatInt(o.ID, 10), "Someone no longer in the care team")
	case OwnerParticipant:
		if name := n.Participants[o.ID]; name != "" {
			return name
		}
		return "Someone from a meeting"
	}
	return v
}

// item names the item of section with the ID v: from the record, or from
// its history if it was removed ("… (removed)"), or gone.
func (n *Names) item(section, v, gone string) string {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return v
	}
	if t := n.ItemTitle(id); t != "" {
		return t
	}
	return gone
}

// ItemTitle is what the item with this ID is called: its first field (a
// contact's name, a goal's text), shortened at a word; "… (removed)" if it
// is no longer in the record; "" if unknown.
func (n *Names) ItemTitle(id int64) string {
	if n.Record != nil {
		if it := n.Record.findItem(id); it != nil {
			if s := FindSection(it.Section); s != nil && len(s.Fields) > 0 {
				return short(it.Values[s.Fields[0].Key])
			}
		}
	}
	if t := n.Removed[id]; t != "" {
		return short(t) + " (removed)"
	}
	return ""
}

// Shown returns the entry with its section and field named as the forms
// name them, its values as Display shows them, and Item naming the item
// it is about.
func (h HistoryEntry) Shown(n *Names) HistoryEntry {
	h.Before, h.After = n.Display(h.Section, h.Field, h.Before), n.Display(h.Section, h.Field, h.After)
	if h.ItemID != 0 {
		h.Item = n.ItemTitle(h.ItemID)
	}
	h.Section, h.Field = fieldLabels(h.Section, h.Field)
	return h
}

// Restorable says whether "Restore this" can bring back the value this
// entry replaced: a change to a field, or a removal. Adding something, or
// adding the person, has nothing earlier to bring back.
func (h *HistoryEntry) Restorable() bool {
	switch h.Action {
	case ActionRemove:
		return h.ItemID != 0
	case ActionEdit, ActionEditPersonsWords, ActionRestore:
		return h.Section != "person"
	}
	return false
}

// Shorten cuts s to at most max characters, never in the middle of a word,
// ending it with "…" if anything was cut. A first word longer than max is
// cut where it must be.
func Shorten(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max] // room for "…" is made below
	cut := len(r) - 1
	for cut > 0 && !unicode.IsSpace(r[cut]) {
		cut--
	}
	if cut == 0 {
		cut = max - 1
	}
	return strings.TrimRightFunc(string(r[:cut]), func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) }) + "…"
}

// Typed returns stored values as a form would send them, so that they can
// be cleaned again: money in pounds and pence ("£86.40"), not pence.
func (s *SectionSpec) Typed(values map[string]string) map[string]string {
	out := make(map[string]string, len(values))
	for k, v := range values {
		if f := s.Field(k); f != nil && f.Kind == KindMoney && v != "" {
			v = FormatPence(v)
		}
		out[k] = v
	}
	return out
}

// How far a meeting has got, as the home screen labels it.
const (
	MeetingUpcoming   = "upcoming"
	MeetingInProgress = "in-progress"
	MeetingEnded      = "ended"
)

// MeetingStates name how far a meeting has got.
var MeetingStates = []Choice{
	{Value: MeetingUpcoming, Label: "Upcoming"},
	{Value: MeetingInProgress, Label: "In progress"},
	{Value: MeetingEnded, Label: "Ended"},
}

// State says how far the meeting has got: upcoming until it starts, in
// progress until it ends, then ended, whatever its date.
func (m *Meeting) State() string {
	switch {
	case !m.EndedAt.IsZero():
		return MeetingEnded
	case !m.StartedAt.IsZero():
		return MeetingInProgress
	}
	return MeetingUpcoming
}
