package care

import "reflect"

// What a review decides about each goal and action of the last agreed
// plan: it is done, it carries on, or it stops, for a reason.
const (
	ReviewDone    = "done"
	ReviewCarryOn = "carry-on"
	ReviewStop    = "stop"
)

// ReviewOutcomes are the choices a review offers for an earlier goal or
// action, in the order shown.
var ReviewOutcomes = []Choice{{ReviewDone, "Done"}, {ReviewCarryOn, "Carry on"}, {ReviewStop, "Stop, because…"}}

// reviewStatuses maps each outcome to the status it sets, for goals and
// for actions.
var reviewStatuses = map[string]map[string]string{
	SectionGoals:   {ReviewDone: "achieved", ReviewCarryOn: "in-progress", ReviewStop: "no-longer-relevant"},
	SectionActions: {ReviewDone: ActionDone, ReviewCarryOn: "in-progress", ReviewStop: ActionNoLongerNeeded},
}

// ReviewOutcome is the outcome a goal's or action's status stands for, or
// "" if it stands for none (not started).
func ReviewOutcome(section, status string) string {
	for outcome, s := range reviewStatuses[section] {
		if s == status {
			return outcome
		}
	}
	return ""
}

// ReviewValues sets in values (an item's stored values) the status that
// outcome stands for, and why it stopped. EINVALID (field "outcome" or
// "stopReason") for an unknown outcome, or a stop without a reason.
func ReviewValues(section, outcome, reason string, values map[string]string) error {
	status, ok := reviewStatuses[section][outcome]
	if !ok {
		return FieldError("outcome", "Choose done, carry on or stop")
	}
	if outcome == ReviewStop {
		r, err := Required("stopReason", "Why it stopped", "why it is stopping", reason, MaxParagraph)
		if err != nil {
			return err
		}
		reason = r
	} else {
		reason = ""
	}
	var changed map[string]string
	switch section {
	case SectionGoals:
		var g Goal
		decode(values, &g)
		g.Status, g.StopReason = status, reason
		changed = encode(g)
	default:
		var a Action
		decode(values, &a)
		a.Status, a.StopReason = status, reason
		changed = encode(a)
	}
	clear(values)
	for k, v := range changed {
		values[k] = v
	}
	return nil
}

// Reviewed is a copy of the person's goal or action (section, id) with
// what a review decided: its status, and why it stopped. ENOTFOUND if it
// is no longer in the plan; EINVALID as ReviewValues.
func (r *Record) Reviewed(section string, id int64, outcome, reason string) (*Item, error) {
	if section == SectionGoals || section == SectionActions {
		for _, it := range r.Items[section] {
			if it.ID == id {
				c := *it
				c.Values = make(map[string]string, len(it.Values)+2)
				for k, v := range it.Values {
					c.Values[k] = v
				}
				return &c, ReviewValues(section, outcome, reason, c.Values)
			}
		}
	}
	return nil, Errorf(ENOTFOUND, "This goal or action is no longer in the plan")
}

// Unchanged reports whether the plan new says nothing that old did not:
// the same person, and no change that Diff would list.
func Unchanged(old, new *Snapshot) bool {
	return reflect.DeepEqual(old.Person, new.Person) && len(Diff(old, new)) == 0
}

// ReviewEntry is one goal or action of the last agreed plan, and the item
// of the current draft it became (nil if it was removed since).
type ReviewEntry struct {
	Section      string // SectionGoals or SectionActions
	UUID         string
	Text         string // the goal, or what the action is, as agreed
	AgreedStatus string // as agreed
	Item         *Item
	// Status and StopReason are the item's now ("" if it was removed).
	Status, StopReason string
}

// ReviewEntries lists the goals, then the actions, of agreed, each matched
// to the draft's item in rec by UUID (by ID for an item agreed before it
// had one).
func ReviewEntries(agreed *Plan, rec *Record) []ReviewEntry {
	find := func(section, uuid string, id int64) *Item {
		for _, it := range rec.Items[section] {
			if (uuid != "" && it.UUID == uuid) || (uuid == "" && it.ID == id) {
				return it
			}
		}
		return nil
	}
	var out []ReviewEntry
	for _, g := range agreed.Goals {
		e := ReviewEntry{Section: SectionGoals, UUID: g.UUID, Text: g.Text, AgreedStatus: g.Status, Item: find(SectionGoals, g.UUID, g.ID)}
		if e.Item != nil {
			now := decodeItem[Goal](e.Item)
			e.Status, e.StopReason = now.Status, now.StopReason
		}
		out = append(out, e)
	}
	for _, a := range agreed.Actions {
		e := ReviewEntry{Section: SectionActions, UUID: a.UUID, Text: a.What, AgreedStatus: a.Status, Item: find(SectionActions, a.UUID, a.ID)}
		if e.Item != nil {
			now := decodeItem[Action](e.Item)
			e.Status, e.StopReason = now.Status, now.StopReason
		}
		out = append(out, e)
	}
	return out
}

// LastMeetingBefore is the person's latest meeting before m, among ms
// (theirs, in any order), leaving out cancelled ones; nil if none.
func LastMeetingBefore(ms []*Meeting, m *Meeting) *Meeting {
	var last *Meeting
	before := func(a, b *Meeting) bool {
		return a.Date+a.Time < b.Date+b.Time || (a.Date+a.Time == b.Date+b.Time && a.ID < b.ID)
	}
	for _, o := range ms {
		if o.ID != m.ID && o.CancelledAt.IsZero() && before(o, m) && (last == nil || before(last, o)) {
			last = o
		}
	}
	return last
}
