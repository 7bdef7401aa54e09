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
		values["stopReason"] = r
	} else {
		values["stopReason"] = ""
	}
	values["status"] = status
	return nil
}

// Unchanged reports whether the plan new says nothing that old did not:
// the same person, and no change that Diff would list.
func Unchanged(old, new *Snapshot) bool {
	return reflect.DeepEqual(old.Person, new.Person) && len(Diff(old, new)) == 0
}
