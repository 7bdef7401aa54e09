package care

import (
	"strconv"
	"time"
)

// PlanCheck is one thing to fix before a plan is agreed, with where to fix it.
type PlanCheck struct {
	Message string
	Section string
	ItemID  int64 // the entry to change, or 0 to add one / change the section
}

// PlanChecks lists what a plan still lacks: a goal in the person's words,
// an owner and date for every action, a crisis contact, a review date, a
// key worker, and a print format matching recorded communication needs.
func PlanChecks(r *Record) []PlanCheck {
	var out []PlanCheck
	if len(r.Items[SectionGoals]) == 0 {
		out = append(out, PlanCheck{"Add a goal in the person's own words", SectionGoals, 0})
	}
	for _, a := range r.Actions() {
		what := short(a.What)
		if a.Owner.IsZero() {
			out = append(out, PlanCheck{"Say who will do “" + what + "”", SectionActions, a.ID})
		}
		if a.ByWhen == "" {
			out = append(out, PlanCheck{"Say by when “" + what + "” will be done", SectionActions, a.ID})
		}
	}
	if len(r.Items[SectionCrisisContacts]) == 0 {
		out = append(out, PlanCheck{"Add someone to call if things go wrong", SectionCrisisContacts, 0})
	}
	if r.Review().Date == "" {
		out = append(out, PlanCheck{"Set a review date", SectionReview, 0})
	}
	keyWorker := false
	for _, p := range r.CareTeam() {
		keyWorker = keyWorker || p.KeyWorker
	}
	if !keyWorker {
		out = append(out, PlanCheck{"Choose a key worker or care coordinator in the care team", SectionCareTeam, 0})
	}
	format := r.Communication().PrintFormat
	needs := map[string]bool{}
	for _, n := range r.CommunicationNeeds() {
		if n.ForWhom == 0 {
			needs[n.Need] = true
		}
	}
	switch {
	case needs["easy-read"] && format != "easy-read":
		out = append(out, PlanCheck{"The person needs easy read: choose easy read as the format for printed plans", SectionCommunication, 0})
	case needs["large-print"] && format != "large-print" && format != "easy-read":
		out = append(out, PlanCheck{"The person needs large print: choose large print as the format for printed plans", SectionCommunication, 0})
	case len(needs) > 0 && format == "":
		out = append(out, PlanCheck{"The person has communication needs: choose a format for printed plans", SectionCommunication, 0})
	}
	if msg := phoneCheck(r); msg != "" {
		out = append(out, PlanCheck{msg, SectionCrisis, 0})
	}
	return out
}

func short(s string) string { return Shorten(s, 60) }

// DaysBetween is the number of whole days from a to b (dates YYYY-MM-DD);
// negative if b is before a.
func DaysBetween(a, b string) (int, bool) {
	ta, err1 := time.Parse(DateLayout, a)
	tb, err2 := time.Parse(DateLayout, b)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(tb.Sub(ta).Hours() / 24), true
}

// Itoa formats a whole number.
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }
