package main

import (
	"time"

	"whatmatters/internal/care"
)

// The binding surface for meetings and the home screen. Each method returns
// the whole meeting after a change, so the screen shows what was stored.

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
	Author    string `json:"author"` // "" if saved before drafts were kept per author
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

// toMeetingDTO converts a meeting for user, the name of who is using the
// app: their own draft goes in Draft, everyone else's in OtherDrafts.
func toMeetingDTO(m *care.Meeting, user string) MeetingDTO {
	out := MeetingDTO{ID: m.ID, PersonID: m.PersonID, Date: m.Date, Time: m.Time, Place: m.Place, Remote: m.Remote,
		Purpose: m.Purpose, PurposeLabel: care.ChoiceLabel(care.MeetingPurposes, m.Purpose), PersonAbsentReason: m.PersonAbsentReason,
		StartedAt: formatTime(m.StartedAt), EndedAt: formatTime(m.EndedAt), Summary: m.Summary, CurrentItemID: m.CurrentItemID,
		Version: m.Version, OtherDrafts: []DraftDTO{},
		Participants: []ParticipantDTO{}, Agenda: []AgendaItemDTO{}, Contributions: []ContributionDTO{}, Decisions: []DecisionDTO{}}
	for _, d := range m.Drafts {
		switch {
		case user != "" && d.Author == user:
			out.Draft, out.DraftSpeaker = d.Text, d.SpeakerID
		case d.Text != "":
			out.OtherDrafts = append(out.OtherDrafts, DraftDTO{Author: d.Author, SpeakerID: d.SpeakerID, Text: d.Text, UpdatedAt: formatTime(d.UpdatedAt)})
		}
	}
	for _, p := range m.Participants {
		out.Participants = append(out.Participants, ParticipantDTO{ID: p.ID, Name: p.Name, Role: p.Role, Kind: p.Kind,
			SourceItemID: p.SourceItemID, Attendance: p.Attendance, Removed: p.Removed})
	}
	for _, a := range m.Agenda {
		out.Agenda = append(out.Agenda, AgendaItemDTO{ID: a.ID, Title: a.Title, StartedAt: formatTime(a.StartedAt), Seconds: a.Seconds})
	}
	for _, c := range m.Contributions {
		out.Contributions = append(out.Contributions, ContributionDTO{ID: c.ID, AgendaItemID: c.AgendaItemID, ParticipantID: c.ParticipantID,
			Text: c.Text, PersonsWords: c.PersonsWords, CreatedAt: formatTime(c.CreatedAt)})
	}
	for _, d := range m.Decisions {
		dd := DecisionDTO{ID: d.ID, AgendaItemID: d.AgendaItemID, Decision: d.Decision, WhatMatters: d.WhatMatters,
			WhoTookPart: d.WhoTookPart, Reservations: d.Reservations, Version: d.Version, Options: []DecisionOptionDTO{}}
		for _, o := range d.Options {
			dd.Options = append(dd.Options, DecisionOptionDTO{Option: o.Option, Benefits: o.Benefits, Risks: o.Risks})
		}
		out.Decisions = append(out.Decisions, dd)
	}
	return out
}

// meeting runs a change and returns the meeting as stored.
func (a *App) meeting(id int64, change func() error) (MeetingDTO, error) {
	if err := a.ready(); err != nil {
		return MeetingDTO{}, err
	}
	if change != nil {
		if err := change(); err != nil {
			return MeetingDTO{}, err
		}
	}
	m, err := a.meetings.FindMeetingByID(a.ctx, id)
	if err != nil {
		return MeetingDTO{}, err
	}
	return toMeetingDTO(m, a.userName()), nil
}

// CreateMeeting schedules a meeting. Errors: invalid (with field), not_found.
func (a *App) CreateMeeting(in MeetingInput) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	m := &care.Meeting{PersonID: in.PersonID, Date: in.Date, Time: in.Time, Place: in.Place, Remote: in.Remote,
		Purpose: in.Purpose, PersonAbsentReason: in.PersonAbsentReason}
	if err := a.ready(); err != nil {
		return MeetingDTO{}, err
	}
	if err := a.meetings.CreateMeeting(a.writeCtx(), m); err != nil {
		return MeetingDTO{}, err
	}
	return a.meeting(m.ID, nil)
}

// UpdateMeeting changes a meeting's arrangements. Errors: invalid, conflict, not_found.
func (a *App) UpdateMeeting(id int64, in MeetingInput) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(id, func() error {
		_, err := a.meetings.UpdateMeeting(a.writeCtx(), id, care.MeetingUpdate{Date: &in.Date, Time: &in.Time, Place: &in.Place,
			Remote: &in.Remote, Purpose: &in.Purpose, PersonAbsentReason: &in.PersonAbsentReason, Version: in.Version})
		return err
	})
}

// FindMeeting returns a meeting with everything in it. Errors: not_found.
func (a *App) FindMeeting(id int64) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(id, nil)
}

// PersonMeetings lists a person's meetings, soonest first.
func (a *App) PersonMeetings(personID int64) (_ []MeetingDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return nil, err
	}
	ms, err := a.meetings.FindMeetings(a.ctx, care.MeetingFilter{PersonID: personID})
	if err != nil {
		return nil, err
	}
	out := make([]MeetingDTO, 0, len(ms))
	for _, m := range ms {
		out = append(out, toMeetingDTO(m, a.userName()))
	}
	return out, nil
}

// SaveParticipant adds (id 0) or changes someone taking part. Errors: invalid (with field), not_found, locked.
func (a *App) SaveParticipant(meetingID int64, p ParticipantDTO) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(meetingID, func() error {
		return a.meetings.SaveParticipant(a.writeCtx(), &care.Participant{ID: p.ID, MeetingID: meetingID, Name: p.Name,
			Role: p.Role, Kind: p.Kind, SourceItemID: p.SourceItemID, Attendance: p.Attendance})
	})
}

// RemoveParticipant takes someone out of a meeting. Errors: invalid (owns actions, has spoken), not_found.
func (a *App) RemoveParticipant(meetingID, participantID int64) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(meetingID, func() error { return a.meetings.RemoveParticipant(a.writeCtx(), participantID) })
}

// SetAgenda replaces the agenda: reorder, rename, add (id 0) and drop items. Errors: invalid.
func (a *App) SetAgenda(meetingID int64, items []AgendaItemDTO) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(meetingID, func() error {
		agenda := make([]care.AgendaItem, 0, len(items))
		for _, it := range items {
			agenda = append(agenda, care.AgendaItem{ID: it.ID, Title: it.Title})
		}
		return a.meetings.SetAgenda(a.writeCtx(), meetingID, agenda)
	})
}

// StartMeeting starts (or resumes) a meeting.
func (a *App) StartMeeting(meetingID int64) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(meetingID, func() error { return a.meetings.StartMeeting(a.writeCtx(), meetingID) })
}

// MoveToItem makes an agenda item the current one.
func (a *App) MoveToItem(meetingID, itemID int64) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(meetingID, func() error { return a.meetings.MoveToItem(a.writeCtx(), meetingID, itemID) })
}

// SaveDraft keeps what the current user is typing, as it is typed, as
// their own draft: another coordinator's draft of the meeting is never
// replaced. Errors: invalid, not_found, locked.
func (a *App) SaveDraft(meetingID, speakerID int64, text string) (err error) {
	defer recoverBinding(&err)
	// A draft typed just before the app locked is still saved: saving
	// shows nothing, and nothing typed is lost.
	if err := a.signedIn(); err != nil {
		return err
	}
	return a.meetings.SaveDraft(a.writeCtx(), meetingID, speakerID, text)
}

// AddContribution records what was said. Errors: invalid (with field), locked.
func (a *App) AddContribution(meetingID int64, c ContributionDTO) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(meetingID, func() error {
		return a.meetings.AddContribution(a.writeCtx(), &care.Contribution{MeetingID: meetingID, ParticipantID: c.ParticipantID,
			Text: c.Text, PersonsWords: c.PersonsWords})
	})
}

// SaveDecision adds (id 0) or changes a shared decision. Errors: invalid (with field), conflict, locked.
func (a *App) SaveDecision(meetingID int64, d DecisionDTO) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(meetingID, func() error {
		dec := &care.Decision{ID: d.ID, MeetingID: meetingID, Decision: d.Decision, WhatMatters: d.WhatMatters,
			WhoTookPart: d.WhoTookPart, Reservations: d.Reservations, Version: d.Version}
		for _, o := range d.Options {
			dec.Options = append(dec.Options, care.DecisionOption{Option: o.Option, Benefits: o.Benefits, Risks: o.Risks})
		}
		return a.meetings.SaveDecision(a.writeCtx(), dec)
	})
}

// EndMeeting records the end (HH:MM, or now if "") and a summary. Errors: invalid (end before start).
func (a *App) EndMeeting(meetingID int64, endTime, summary string) (_ MeetingDTO, err error) {
	defer recoverBinding(&err)
	return a.meeting(meetingID, func() error { return a.meetings.EndMeeting(a.writeCtx(), meetingID, endTime, summary) })
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
}

// DashboardDTO is the coordinator's home screen.
type DashboardDTO struct {
	Today          string                `json:"today"`
	Meetings       []DashboardMeetingDTO `json:"meetings"`
	Reviews        []DueDTO              `json:"reviews"`
	OverdueActions []DueDTO              `json:"overdueActions"`
	Recent         []PersonDTO           `json:"recent"`
}

// Dashboard gathers the home screen as of today.
func (a *App) Dashboard() (_ DashboardDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return DashboardDTO{}, err
	}
	today := time.Now().Format(care.DateLayout)
	d, err := a.dashboard.FindDashboard(a.ctx, today)
	if err != nil {
		return DashboardDTO{}, err
	}
	out := DashboardDTO{Today: today, Meetings: []DashboardMeetingDTO{}, Reviews: []DueDTO{}, OverdueActions: []DueDTO{}, Recent: []PersonDTO{}}
	for _, m := range d.Meetings {
		out.Meetings = append(out.Meetings, DashboardMeetingDTO{Meeting: toMeetingDTO(m.Meeting, a.userName()), Person: m.Person.DisplayName()})
	}
	due := func(list []care.Due) []DueDTO {
		res := []DueDTO{}
		for _, x := range list {
			days, _ := care.DaysBetween(today, x.Date)
			res = append(res, DueDTO{Person: toPersonDTO(x.Person), Date: x.Date, Days: days, Count: x.Count})
		}
		return res
	}
	out.Reviews, out.OverdueActions = due(d.Reviews), due(d.OverdueActions)
	for _, p := range d.Recent {
		out.Recent = append(out.Recent, toPersonDTO(p))
	}
	return out, nil
}
