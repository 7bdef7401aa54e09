package main

import (
	"context"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/dto"
)

// The binding surface for meetings and the home screen. Each method returns
// the whole meeting after a change, so the screen shows what was stored.

// meeting runs a change, as the binding called name, and returns the
// meeting as stored.
func (a *App) meeting(name string, id int64, change func(ctx context.Context) error) (dto.MeetingDTO, error) {
	return bind(name, a.ready, func() (dto.MeetingDTO, error) {
		if change != nil {
			if err := change(a.writeCtx()); err != nil {
				return dto.MeetingDTO{}, err
			}
		}
		return a.findMeeting(id)
	})
}

func (a *App) findMeeting(id int64) (dto.MeetingDTO, error) {
	m, err := a.s.Meetings.FindMeetingByID(a.ctx, id)
	if err != nil {
		return dto.MeetingDTO{}, err
	}
	return dto.FromMeeting(m, a.userName()), nil
}

// userName is the signed-in account's name, "" if no one is signed in.
func (a *App) userName() string { return dto.FromSession(a.user.Session()).Name }

// CreateMeeting schedules a meeting. Errors: invalid (with field), not_found.
func (a *App) CreateMeeting(in dto.MeetingInput) (dto.MeetingDTO, error) {
	return bind("CreateMeeting", a.ready, func() (dto.MeetingDTO, error) {
		m := &care.Meeting{PersonID: in.PersonID, Date: in.Date, Time: in.Time, Place: in.Place, Remote: in.Remote,
			Purpose: in.Purpose, PersonAbsentReason: in.PersonAbsentReason}
		if err := a.s.Meetings.CreateMeeting(a.writeCtx(), m); err != nil {
			return dto.MeetingDTO{}, err
		}
		return a.findMeeting(m.ID)
	})
}

// UpdateMeeting changes a meeting's arrangements. Errors: invalid, conflict, not_found.
func (a *App) UpdateMeeting(id int64, in dto.MeetingInput) (dto.MeetingDTO, error) {
	return a.meeting("UpdateMeeting", id, func(ctx context.Context) error {
		_, err := a.s.Meetings.UpdateMeeting(ctx, id, care.MeetingUpdate{Date: &in.Date, Time: &in.Time, Place: &in.Place,
			Remote: &in.Remote, Purpose: &in.Purpose, PersonAbsentReason: &in.PersonAbsentReason, Version: in.Version})
		return err
	})
}

// FindMeeting returns a meeting with everything in it. Errors: not_found.
func (a *App) FindMeeting(id int64) (dto.MeetingDTO, error) { return a.meeting("FindMeeting", id, nil) }

// PersonMeetings lists a person's meetings, soonest first.
func (a *App) PersonMeetings(personID int64) ([]dto.MeetingDTO, error) {
	return bind("PersonMeetings", a.ready, func() ([]dto.MeetingDTO, error) {
		ms, err := a.s.Meetings.FindMeetings(a.ctx, care.MeetingFilter{PersonID: personID})
		user := a.userName()
		return dto.List(ms, func(m *care.Meeting) dto.MeetingDTO { return dto.FromMeeting(m, user) }), err
	})
}

// SaveParticipant adds (id 0) or changes someone taking part. Errors: invalid (with field), not_found, locked.
func (a *App) SaveParticipant(meetingID int64, p dto.ParticipantDTO) (dto.MeetingDTO, error) {
	return a.meeting("SaveParticipant", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.SaveParticipant(ctx, &care.Participant{ID: p.ID, MeetingID: meetingID, Name: p.Name,
			Role: p.Role, Kind: p.Kind, SourceItemID: p.SourceItemID, Attendance: p.Attendance})
	})
}

// RemoveParticipant takes someone out of a meeting. Errors: invalid (owns actions, has spoken), not_found.
func (a *App) RemoveParticipant(meetingID, participantID int64) (dto.MeetingDTO, error) {
	return a.meeting("RemoveParticipant", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.RemoveParticipant(ctx, participantID)
	})
}

// SetAgenda replaces the agenda: reorder, rename, add (id 0) and drop items. Errors: invalid.
func (a *App) SetAgenda(meetingID int64, items []dto.AgendaItemDTO) (dto.MeetingDTO, error) {
	return a.meeting("SetAgenda", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.SetAgenda(ctx, meetingID, dto.List(items, func(it dto.AgendaItemDTO) care.AgendaItem {
			return care.AgendaItem{ID: it.ID, Title: it.Title}
		}))
	})
}

// StartMeeting starts (or resumes) a meeting.
func (a *App) StartMeeting(meetingID int64) (dto.MeetingDTO, error) {
	return a.meeting("StartMeeting", meetingID, func(ctx context.Context) error { return a.s.Meetings.StartMeeting(ctx, meetingID) })
}

// MoveToItem makes an agenda item the current one.
func (a *App) MoveToItem(meetingID, itemID int64) (dto.MeetingDTO, error) {
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
func (a *App) AddContribution(meetingID int64, c dto.ContributionDTO) (dto.MeetingDTO, error) {
	return a.meeting("AddContribution", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.AddContribution(ctx, &care.Contribution{MeetingID: meetingID, ParticipantID: c.ParticipantID,
			Text: c.Text, PersonsWords: c.PersonsWords})
	})
}

// SaveDecision adds (id 0) or changes a shared decision. Errors: invalid (with field), conflict, locked.
func (a *App) SaveDecision(meetingID int64, d dto.DecisionDTO) (dto.MeetingDTO, error) {
	return a.meeting("SaveDecision", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.SaveDecision(ctx, &care.Decision{ID: d.ID, MeetingID: meetingID, Decision: d.Decision,
			WhatMatters: d.WhatMatters, WhoTookPart: d.WhoTookPart, Reservations: d.Reservations, Version: d.Version,
			Options: dto.List(d.Options, func(o dto.DecisionOptionDTO) care.DecisionOption {
				return care.DecisionOption{Option: o.Option, Benefits: o.Benefits, Risks: o.Risks}
			})})
	})
}

// EndMeeting records the end (HH:MM, or now if "") and a summary. Errors: invalid (end before start).
func (a *App) EndMeeting(meetingID int64, endTime, summary string) (dto.MeetingDTO, error) {
	return a.meeting("EndMeeting", meetingID, func(ctx context.Context) error {
		return a.s.Meetings.EndMeeting(ctx, meetingID, endTime, summary)
	})
}

// Dashboard gathers the home screen as of today.
func (a *App) Dashboard() (dto.DashboardDTO, error) {
	return bind("Dashboard", a.ready, func() (dto.DashboardDTO, error) {
		today := time.Now().Format(care.DateLayout)
		d, err := a.s.Dashboard.FindDashboard(a.ctx, today)
		if err != nil {
			return dto.DashboardDTO{}, err
		}
		user := a.userName()
		due := func(x care.Due) dto.DueDTO {
			days, _ := care.DaysBetween(today, x.Date)
			return dto.DueDTO{Person: dto.FromPerson(x.Person), Date: x.Date, Days: days, Count: x.Count}
		}
		return dto.DashboardDTO{Today: today, Reviews: dto.List(d.Reviews, due), OverdueActions: dto.List(d.OverdueActions, due),
			Recent: dto.List(d.Recent, dto.FromPerson),
			Meetings: dto.List(d.Meetings, func(m care.DashboardMeeting) dto.DashboardMeetingDTO {
				state := m.Meeting.State()
				return dto.DashboardMeetingDTO{Meeting: dto.FromMeeting(m.Meeting, user), Person: m.Person.DisplayName(),
					State: state, StateLabel: care.ChoiceLabel(care.MeetingStates, state)}
			})}, nil
	})
}
