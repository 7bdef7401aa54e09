package care

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// The "act" step of the Accessible Information Standard: what the app does,
// unasked, about a person's communication needs. A meeting gets a checklist
// of support to book; recording a need for large print or easy read sets
// the format printed plans are made in.

// ChecklistItem is one thing to arrange before a meeting, such as "Book a
// Polish interpreter", and whether it is done, by whom and when.
type ChecklistItem struct {
	ID        int64
	UUID      string // random, version 4: the id that travels beyond this database
	MeetingID int64
	// Key says what the item is for, so a meeting never gets it twice:
	// "interpreter:polish", "bsl-interpreter", "hearing-loop", "advocate:12"…
	Key    string
	Label  string
	DoneAt time.Time // zero until it is done
	DoneBy string    // the name of who ticked it
}

// Done reports whether the item has been ticked.
func (c *ChecklistItem) Done() bool { return !c.DoneAt.IsZero() }

// OpenChecklistItem is an item not yet done, with its meeting and who the
// meeting is about: what the home screen lists.
type OpenChecklistItem struct {
	Item    *ChecklistItem
	Meeting *Meeting // without its details
	Person  *Person
}

// ChecklistService keeps meetings' checklists. Scheduling or changing a
// meeting (MeetingService) adds what the person's record asks for.
type ChecklistService interface {
	// FindChecklist returns a meeting's checklist, in the order added. ENOTFOUND.
	FindChecklist(ctx context.Context, meetingID int64) ([]*ChecklistItem, error)
	// SetChecklistItemDone ticks (or unticks) an item, keeping who and when.
	// ENOTFOUND; ELOCKED once its meeting has ended.
	SetChecklistItemDone(ctx context.Context, itemID int64, done bool) (*ChecklistItem, error)
	// FindOpenChecklist lists the items not yet done of meetings that have
	// not ended, soonest meeting first.
	FindOpenChecklist(ctx context.Context) ([]OpenChecklistItem, error)
}

// ActionAutomatic is a change the app made itself, on behalf of the
// signed-in account, as a rule says (such as the print format that a need
// for large print asks for).
const ActionAutomatic = "automatic"

// Communication needs that ask for support to be booked for a meeting.
const (
	NeedLargePrint  = "large-print"
	NeedEasyRead    = "easy-read"
	NeedBSL         = "bsl-interpreter"
	NeedInterpreter = "spoken-language-interpreter"
	NeedLipSpeaker  = "lip-speaker"
	NeedHearingLoop = "hearing-loop"
	NeedAdvocate    = "advocate"
)

// MeetingChecklist is what to book for a meeting about the person whose
// record is r: an interpreter in each language needed, a British Sign
// Language interpreter, a lip-speaker, a hearing loop, an advocate (one
// of the person's contacts who is an advocate and involved in meetings,
// or an advocate recorded as a need). Needs of the person's contacts count
// when the contact is involved in meetings. Each key appears once, in the
// order needs are recorded.
func MeetingChecklist(r *Record) []ChecklistItem {
	var out []ChecklistItem
	seen := map[string]bool{}
	add := func(key, label string) {
		if !seen[key] {
			seen[key] = true
			out = append(out, ChecklistItem{Key: key, Label: label})
		}
	}
	contacts := map[int64]Contact{}
	for _, c := range r.Contacts() {
		contacts[c.ID] = c
	}
	advocates := 0
	for _, c := range r.Contacts() {
		if c.Type == "advocate" && c.Involved {
			advocates++
			add("advocate:"+Itoa(c.ID), "Book the advocate, "+c.Name)
		}
	}
	for _, n := range r.CommunicationNeeds() {
		forWhom := ""
		if n.ForWhom != 0 {
			c, ok := contacts[n.ForWhom]
			if !ok || !c.Involved {
				continue
			}
			forWhom = " for " + c.Name
		}
		switch n.Need {
		case NeedInterpreter:
			lang := strings.TrimSpace(n.Language)
			if lang == "" {
				add("interpreter:"+forWhom, "Book an interpreter"+forWhom)
				continue
			}
			add("interpreter:"+strings.ToLower(lang)+forWhom, "Book "+article(lang)+" "+capitalise(lang)+" interpreter"+forWhom)
		case NeedBSL:
			add(NeedBSL+forWhom, "Book a British Sign Language interpreter"+forWhom)
		case NeedLipSpeaker:
			add(NeedLipSpeaker+forWhom, "Book a lip-speaker"+forWhom)
		case NeedHearingLoop:
			add(NeedHearingLoop, "Book a hearing loop")
		case NeedAdvocate:
			if advocates == 0 && forWhom == "" {
				add(NeedAdvocate, "Book an advocate")
			}
		}
	}
	return out
}

// article is "a" or "an" before word.
func article(word string) string {
	if word != "" && strings.ContainsRune("AEIOUaeiou", []rune(word)[0]) {
		return "an"
	}
	return "a"
}

func capitalise(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// NeededPrintFormat is the format for printed plans that the person's own
// recorded needs ask for, if the format now chosen does not already meet
// them: easy read wins over large print, and easy read meets a need for
// large print. "" when nothing needs to change.
func NeededPrintFormat(r *Record) string {
	needs := map[string]bool{}
	for _, n := range r.CommunicationNeeds() {
		if n.ForWhom == 0 {
			needs[n.Need] = true
		}
	}
	format := r.Communication().PrintFormat
	switch {
	case needs[NeedEasyRead] && format != NeedEasyRead:
		return NeedEasyRead
	case needs[NeedLargePrint] && format != NeedLargePrint && format != NeedEasyRead:
		return NeedLargePrint
	}
	return ""
}
