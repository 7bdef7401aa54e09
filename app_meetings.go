package main

import (
	"context"
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
		Version: m.Version, OtherDrafts: []DraftDTO{}}
	for _, d := range m.Drafts {
		switch {
		case user != "" && d.Author == user:
			out.Draft, out.DraftSpeaker = d.Text, d.SpeakerID
		case d.Text != "":
			out.OtherDrafts = append(out.OtherDrafts, DraftDTO{Author: d.Author, SpeakerID: d.SpeakerID, Text: d.Text, UpdatedAt: formatTime(d.UpdatedAt)})
		}
	}
	out.Participants = list(m.Participants, func(p *care.Participant) ParticipantDTO {
		return ParticipantDTO{ID: p.ID, Name: p.Name, Role: p.Role, Kind: p.Kind, SourceItemID: p.SourceItemID, Attendance: p.Attendance, Removed: p.Removed}
	})
	out.Agenda = list(m.Agenda, func(a *care.AgendaItem) AgendaItemDTO {
		return AgendaItemDTO{ID: a.ID, Title: a.Title, StartedAt: formatTime(a.StartedAt), Seconds: a.Seconds}
	})
	out.Contributions = list(m.Contributions, func(c *care.Contribution) ContributionDTO {
		return ContributionDTO{ID: c.ID, AgendaItemID: c.AgendaItemID, ParticipantID: c.ParticipantID, Text: c.Text,
			PersonsWords: c.PersonsWords, CreatedAt: formatTime(c.CreatedAt)}
	})
	out.Decisions = list(m.Decisions, func(d *care.Decision) DecisionDTO {
		return DecisionDTO{ID: d.ID, AgendaItemID: d.AgendaItemID, Decision: d.Decision, WhatMatters: d.WhatMatters,
			WhoTookPart: d.WhoTookPart, Reservations: d.Reservations, Version: d.Version,
			Options: list(d.Options, func(o care.DecisionOption) DecisionOptionDTO {
				return DecisionOptionDTO{Option: o.Option, Benefits: o.Benefits, Risks: o.Risks}
			})}
	})
	return out
}

// meeting runs a change, as the binding called name, and returns the
// meeting as stored.
func (a *App) meeting(name string, id int64, change func(ctx context.Context) error) (MeetingDTO, error) {
	return bind(name, a.ready, func() (MeetingDTO, error) {
		if change != nil {
			if err := change(a.writeCtx()); err != nil {
				return MeetingDTO{}, err
			}
		}
		return a.findMeeting(id)
	})
}

func (a *App) findMeeting(id int64) (MeetingDTO, error) {
	m, err := a.s.Meetings.FindMeetingByID(a.ctx, id)
	if err != nil {
		return MeetingDTO{}, err
	}
	return toMeetingDTO(m, a.userName()), nil
}

// userName is the signed-in account's name, "" if no one is signed in.
func (a *App) userName() string { return toUserDTO(a.user.Session()).Name }

// CreateMeeting schedules a meeting. Errors: invalid (with field), not_found.
func (a *App) CreateMeeting(in MeetingInput) (MeetingDTO, error) {
	return bind("CreateMeeting", a.ready, func() (MeetingDTO, error) {
		m := &care.Meeting{PersonID: in.PersonID, Date: in.Date, Time: in.Time, Place: in.Place, Remote: in.Remote,
			Purpose: in.Purpose, PersonAbsentReason: in.PersonAbsentReason}
		if err := a.s.Meetings.CreateMeeting(a.writeCtx(), m); err != nil {
			return MeetingDTO{}, err
		}
		return a.findMeeting(m.ID)
	})
}

// UpdateMeeting changes a meeting's arrangements. Errors: invalid, conflict, not_found.
func (a *App) UpdateMeeting(id int64, in MeetingInput) (MeetingDTO, error) {
	return a.meeting("UpdateMeeting", id, func(ctx context.Context) error {
		_, err := a.s.Meetings.UpdateMeeting(ctx, id, care.MeetingUpdate{Date: &in.Date, Time: &in.Time, Place: &in.Place,
			Remote: &in.Remote, Purpose: &in.Purpose, PersonAbsentReason: &in.PersonAbsentReason, Version: in.Version})
		return err
	})
}

// FindMeeting returns a meeting with everything in it. Errors: not_found.
func (a *App) FindMeeting(id int64) (MeetingDTO, error) { return a.meeting("FindMeeting", id, nil) }

// PersonMeetings lists a person's meetings, soonest first.
func (a *App) PersonMeetings(personID int64) ([]MeetingDTO, error) {
	return bind("PersonMeetings", a.ready, func() ([]MeetingDTO, error) {
		ms, err := a.s.Meetings.FindMeetings(a.ctx, care.MeetingFilter{PersonID: personID})
		user := a.userName()
		return list(ms, func(m *care.Meeting) MeetingDTO { return toMeetingDTO(m, user) }), err
	})
}

// SaveParticipant adds (id 0) or changes someone taking part. Errors: invalid (with field), not_found, locked.
func (a *App) SaveParticipant(meetingID int64, p ParticipantDTO) (MeetingDTO, error) {
	return a.meeting("SaveParticipant", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.SaveParticipant(ctx, &care.Participant{ID: p.ID, MeetingID: meetingID, Name: p.Name,
			Role: p.Role, Kind: p.Kind, SourceItemID: p.SourceItemID, Attendance: p.Attendance})
	})
}

// RemoveParticipant takes someone out of a meeting. Errors: invalid (owns actions, has spoken), not_found.
func (a *App) RemoveParticipant(meetingID, participantID int64) (MeetingDTO, error) {
	return a.meeting("RemoveParticipant", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.RemoveParticipant(ctx, participantID)
	})
}

// SetAgenda replaces the agenda: reorder, rename, add (id 0) and drop items. Errors: invalid.
func (a *App) SetAgenda(meetingID int64, items []AgendaItemDTO) (MeetingDTO, error) {
	return a.meeting("SetAgenda", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.SetAgenda(ctx, meetingID, list(items, func(it AgendaItemDTO) care.AgendaItem {
			return care.AgendaItem{ID: it.ID, Title: it.Title}
		}))
	})
}

// StartMeeting starts (or resumes) a meeting.
func (a *App) StartMeeting(meetingID int64) (MeetingDTO, error) {
	return a.meeting("StartMeeting", meetingID, func(ctx context.Context) error { return a.s.Meetings.StartMeeting(ctx, meetingID) })
}

// MoveToItem makes an agenda item the current one.
func (a *App) MoveToItem(meetingID, itemID int64) (MeetingDTO, error) {
	return a.meeting("MoveToItem", meetingID, func(ctx context.Context) error { return a.s.Meetings.MoveToItem(ctx, meetingID, itemID) })
}

// SaveDraft keeps what the current user is typing, as it is typed, as
// their own draft: another coordinator's draft of the meeting is never
// replaced. A draft typed just before the app locked is still saved:
// saving shows nothing, and nothing typed is lost. Errors: invalid,
// not_found, locked.
func (a *App) SaveDraft(meetingID, speakerID int64, text string) error {
	return act("SaveDraft", a.signedIn, func() error {
		return a.s.Meetings.SaveDraft(a.writeCtx(), meetingID, speakerID, text)
	})
}

// AddContribution records what was said. Errors: invalid (with field), locked.
func (a *App) AddContribution(meetingID int64, c ContributionDTO) (MeetingDTO, error) {
	return a.meeting("AddContribution", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.AddContribution(ctx, &care.Contribution{MeetingID: meetingID, ParticipantID: c.ParticipantID,
			Text: c.Text, PersonsWords: c.PersonsWords})
	})
}

// SaveDecision adds (id 0) or changes a shared decision. Errors: invalid (with field), conflict, locked.
func (a *App) SaveDecision(meetingID int64, d DecisionDTO) (MeetingDTO, error) {
	return a.meeting("SaveDecision", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.SaveDecision(ctx, &care.Decision{ID: d.ID, MeetingID: meetingID, Decision: d.Decision,
			WhatMatters: d.WhatMatters, WhoTookPart: d.WhoTookPart, Reservations: d.Reservations, Version: d.Version,
			Options: list(d.Options, func(o DecisionOptionDTO) care.DecisionOption {
				return care.DecisionOption{Option: o.Option, Benefits: o.Benefits, Risks: o.Risks}
			})})
	})
}

// EndMeeting records the end (HH:MM, or now if "") and a summary. Errors: invalid (end before start).
func (a *App) EndMeeting(meetingID int64, endTime, summary string) (MeetingDTO, error) {
	return a.meeting("EndMeeting", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.EndMeeting(ctx, meetingID, endTime, summary)
	})
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
func (a *App) Dashboard() (DashboardDTO, error) {
	return bind("Dashboard", a.ready, func() (DashboardDTO, error) {
		today := time.Now().Format(care.DateLayout)
		d, err := a.s.Dashboard.FindDashboard(a.ctx, today)
		if err != nil {
			return DashboardDTO{}, err
		}
		user, names := a.userName(), map[int64]string{}
		due := func(x care.Due) DueDTO {
			days, _ := care.DaysBetween(today, x.Date)
			return DueDTO{Person: toPersonDTO(x.Person), Date: x.Date, Days: days, Count: x.Count}
		}
		return DashboardDTO{Today: today, Reviews: list(d.Reviews, due), OverdueActions: list(d.OverdueActions, due),
			Recent:   list(d.Recent, toPersonDTO),
			Meetings: list(d.Meetings, func(m *care.Meeting) DashboardMeetingDTO { return a.dashboardMeeting(m, user, names) })}, nil
	})
}

// dashboardMeeting is a meeting on the home screen, with who it is about
// (names caches them by person).
func (a *App) dashboardMeeting(m *care.Meeting, user string, names map[int64]string) DashboardMeetingDTO {
	if _, ok := names[m.PersonID]; !ok {
		if p, err := a.s.People.FindPersonByID(a.ctx, m.PersonID); err == nil {
			names[m.PersonID] = p.DisplayName()
		}
	}
	return DashboardMeetingDTO{Meeting: toMeetingDTO(m, user), Person: names[m.PersonID]}
}
