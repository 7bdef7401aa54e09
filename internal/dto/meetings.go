package dto

import (
	"whatmatters/internal/care"
)

// MeetingInput is what the schedule and change-meeting forms send.
type MeetingInput struct {
	PersonID           int64  `json:"personId"`
	Date               string `json:"date"`
	Time               string `json:"time"`
	Place              string `json:"place"`
	Remote             bool   `json:"remote"`
	Purpose            string `json:"purpose"`
	PersonAbsentReason string `json:"personAbsentReason"`
	Version            int    `json:"version"`
}

// ParticipantDTO is someone involved in a meeting.
type ParticipantDTO struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	Kind         string `json:"kind"`
	SourceItemID int64  `json:"sourceItemId"`
	Attendance   string `json:"attendance"`
	Removed      bool   `json:"removed"`
}

// AgendaItemDTO is one agenda item and its timer.
type AgendaItemDTO struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	StartedAt string `json:"startedAt"` // while it is the current item
	Seconds   int    `json:"seconds"`   // time spent before startedAt
}

// ContributionDTO is something said in a meeting.
type ContributionDTO struct {
	ID            int64  `json:"id"`
	AgendaItemID  int64  `json:"agendaItemId"`
	ParticipantID int64  `json:"participantId"`
	Text          string `json:"text"`
	PersonsWords  bool   `json:"personsWords"`
	CreatedAt     string `json:"createdAt"`
	// After corrections (minutes.go): Text stays what was first said.
	// Omitted when empty, so meeting mode sends a contribution without them.
	Author      string          `json:"author,omitempty"`  // the account that added it
	Mine        bool            `json:"mine,omitempty"`    // added by the user: they may correct it
	Current     string          `json:"current,omitempty"` // what it says now; "" when struck through
	Struck      bool            `json:"struck,omitempty"`
	Corrections []CorrectionDTO `json:"corrections,omitempty"` // oldest first
}

// DecisionOptionDTO is one option discussed.
type DecisionOptionDTO struct {
	Option   string `json:"option"`
	Benefits string `json:"benefits"`
	Risks    string `json:"risks"`
}

// DecisionDTO is a shared decision.
type DecisionDTO struct {
	ID           int64               `json:"id"`
	AgendaItemID int64               `json:"agendaItemId"`
	Decision     string              `json:"decision"`
	Options      []DecisionOptionDTO `json:"options"`
	WhatMatters  string              `json:"whatMatters"`
	WhoTookPart  string              `json:"whoTookPart"`
	Reservations string              `json:"reservations"`
	Version      int                 `json:"version"`
}

// DraftDTO is what another coordinator typed in meeting mode and has not
// added to the record.
type DraftDTO struct {
	Author    string `json:"author,omitempty"` // "" if saved before drafts were kept per author
	SpeakerID int64  `json:"speakerId"`
	Text      string `json:"text"`
	UpdatedAt string `json:"updatedAt"`
}

// MeetingDTO is a meeting with everything in it.
type MeetingDTO struct {
	ID                 int64             `json:"id"`
	PersonID           int64             `json:"personId"`
	Date               string            `json:"date"`
	Time               string            `json:"time"`
	Place              string            `json:"place"`
	Remote             bool              `json:"remote"`
	Purpose            string            `json:"purpose"`
	PurposeLabel       string            `json:"purposeLabel"`
	PersonAbsentReason string            `json:"personAbsentReason"`
	StartedAt          string            `json:"startedAt"`
	EndedAt            string            `json:"endedAt"`
	CancelledAt        string            `json:"cancelledAt"`
	CancelReason       string            `json:"cancelReason"`
	Summary            string            `json:"summary"`
	CurrentItemID      int64             `json:"currentItemId"`
	Draft              string            `json:"draft"`        // what the current user is typing
	DraftSpeaker       int64             `json:"draftSpeaker"` // and who they said is speaking
	OtherDrafts        []DraftDTO        `json:"otherDrafts"`  // what others typed, not yet added
	Version            int               `json:"version"`
	Participants       []ParticipantDTO  `json:"participants"`
	Agenda             []AgendaItemDTO   `json:"agenda"`
	Contributions      []ContributionDTO `json:"contributions"`
	Decisions          []DecisionDTO     `json:"decisions"`
}

// DueDTO is a person with a review or actions due.
type DueDTO struct {
	Person PersonDTO `json:"person"`
	Date   string    `json:"date"`
	Days   int       `json:"days"` // days until Date; negative when overdue
	Count  int       `json:"count"`
}

// DashboardMeetingDTO is a meeting on the home screen, with who it is about.
type DashboardMeetingDTO struct {
	Meeting MeetingDTO `json:"meeting"`
	Person  string     `json:"person"`
	// State is how far it has got (upcoming, in-progress, ended), and
	// StateLabel says so: "In progress", "Ended".
	State      string `json:"state"`
	StateLabel string `json:"stateLabel"`
}

// DashboardDTO is the coordinator's home screen.
type DashboardDTO struct {
	Today          string                `json:"today"`
	Meetings       []DashboardMeetingDTO `json:"meetings"`
	Reviews        []DueDTO              `json:"reviews"`
	OverdueActions []DueDTO              `json:"overdueActions"`
	Recent         []PersonDTO           `json:"recent"`
}

// FromMeeting converts a meeting for user, the name of who is using the
// app: their own draft goes in Draft, everyone else's in OtherDrafts.
func FromMeeting(m *care.Meeting, user string) MeetingDTO {
	out := MeetingDTO{ID: m.ID, PersonID: m.PersonID, Date: m.Date, Time: m.Time, Place: m.Place, Remote: m.Remote,
		Purpose: m.Purpose, PurposeLabel: care.ChoiceLabel(care.MeetingPurposes, m.Purpose), PersonAbsentReason: m.PersonAbsentReason,
		StartedAt: Time(m.StartedAt), EndedAt: Time(m.EndedAt), Summary: m.Summary, CurrentItemID: m.CurrentItemID,
		Version: m.Version, OtherDrafts: []DraftDTO{}, CancelledAt: Time(m.CancelledAt), CancelReason: m.CancelReason}
	for _, d := range m.Drafts {
		switch {
		case user != "" && d.Author == user:
			out.Draft, out.DraftSpeaker = d.Text, d.SpeakerID
		case d.Text != "":
			out.OtherDrafts = append(out.OtherDrafts, DraftDTO{Author: d.Author, SpeakerID: d.SpeakerID, Text: d.Text, UpdatedAt: Time(d.UpdatedAt)})
		}
	}
	out.Participants = List(m.Participants, func(p *care.Participant) ParticipantDTO {
		return ParticipantDTO{ID: p.ID, Name: p.Name, Role: p.Role, Kind: p.Kind, SourceItemID: p.SourceItemID, Attendance: p.Attendance, Removed: p.Removed}
	})
	out.Agenda = List(m.Agenda, func(a *care.AgendaItem) AgendaItemDTO {
		return AgendaItemDTO{ID: a.ID, Title: a.Title, StartedAt: Time(a.StartedAt), Seconds: a.Seconds}
	})
	out.Contributions = List(m.Contributions, func(c *care.Contribution) ContributionDTO { return fromContribution(c, user) })
	out.Decisions = List(m.Decisions, func(d *care.Decision) DecisionDTO {
		return DecisionDTO{ID: d.ID, AgendaItemID: d.AgendaItemID, Decision: d.Decision, WhatMatters: d.WhatMatters,
			WhoTookPart: d.WhoTookPart, Reservations: d.Reservations, Version: d.Version,
			Options: List(d.Options, func(o care.DecisionOption) DecisionOptionDTO {
				return DecisionOptionDTO{Option: o.Option, Benefits: o.Benefits, Risks: o.Risks}
			})}
	})
	return out
}
