package dto

import "whatmatters/internal/care"

// ReviewDTO is what a review starts from: the last agreed version's goals
// and actions, each with where it stands now, and what has changed in the
// plan since that version.
type ReviewDTO struct {
	Version int             `json:"version"` // the last agreed version; 0 if none
	Items   []ReviewItemDTO `json:"items"`
	Changes []ChangeDTO     `json:"changes"` // since Version was agreed
	// Outcomes are what a review can decide about each item, in order.
	Outcomes []ChoiceDTO `json:"outcomes"`
}

// ReviewOutcomes are the outcomes a review offers.
func ReviewOutcomes() []ChoiceDTO { return toChoiceDTOs(care.ReviewOutcomes) }

// ReviewItemDTO is one goal or action of the last agreed version.
type ReviewItemDTO struct {
	Section      string `json:"section"` // goals or actions
	UUID         string `json:"uuid"`
	Text         string `json:"text"`         // the goal, or what the action is, as agreed
	AgreedStatus string `json:"agreedStatus"` // its status's label when agreed
	// ItemID and ItemVersion are the draft's item it became; 0 if it was removed.
	ItemID      int64  `json:"itemId"`
	ItemVersion int    `json:"itemVersion"`
	Status      string `json:"status"`  // its status label now
	Outcome     string `json:"outcome"` // done, carry-on, stop, or "" (see care.ReviewOutcomes)
	StopReason  string `json:"stopReason"`
}

// ReviewOutcomeDTO is a review's decision about one earlier goal or action.
type ReviewOutcomeDTO struct {
	ItemID     int64  `json:"itemId"`
	Version    int    `json:"version"`
	Outcome    string `json:"outcome"`
	StopReason string `json:"stopReason"`
}

// FromReviewEntry is an earlier goal or action as a review shows it, with
// its status then and now in words.
func FromReviewEntry(e care.ReviewEntry) ReviewItemDTO {
	statuses := care.GoalStatuses
	if e.Section == care.SectionActions {
		statuses = care.ActionStatuses
	}
	it := ReviewItemDTO{Section: e.Section, UUID: e.UUID, Text: e.Text, AgreedStatus: care.ChoiceLabel(statuses, e.AgreedStatus)}
	if e.Item != nil {
		it.ItemID, it.ItemVersion = e.Item.ID, e.Item.Version
		it.Status = care.ChoiceLabel(statuses, e.Status)
		it.Outcome = care.ReviewOutcome(e.Section, e.Status)
		it.StopReason = e.StopReason
	}
	return it
}

// Offered is a participant of an earlier meeting, offered as invited to
// the next.
func Offered(p *care.Participant) ParticipantDTO {
	return ParticipantDTO{Name: p.Name, Role: p.Role, Kind: p.Kind, SourceItemID: p.SourceItemID, Attendance: "invited"}
}
