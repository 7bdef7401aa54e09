package main

import (
	"strconv"
	"strings"

	"whatmatters/internal/care"
	"whatmatters/internal/dto"
)

// FindPersonStatus says whether the person is still supported.
// Errors: not_found.
func (a *App) FindPersonStatus(personID int64) (dto.PersonStatusDTO, error) {
	return bind("FindPersonStatus", a.ready, func() (dto.PersonStatusDTO, error) { return a.personStatus(personID) })
}

func (a *App) personStatus(personID int64) (dto.PersonStatusDTO, error) {
	st, err := a.s.Status.FindStatus(a.ctx, personID)
	if err != nil {
		return dto.PersonStatusDTO{}, err
	}
	years, err := a.s.Status.Retention(a.ctx)
	return dto.FromPersonStatus(st, years), err
}

// RecordPersonStatus records a discharge, death or archive. Errors:
// invalid (by field), conflict with field "confirm" when a meeting is in
// progress and in.Confirm is false.
func (a *App) RecordPersonStatus(personID int64, in dto.PersonStatusInput) (dto.PersonStatusDTO, error) {
	return bind("RecordPersonStatus", a.ready, func() (dto.PersonStatusDTO, error) {
		st := &care.PersonStatus{PersonID: personID, Kind: in.Kind, Date: in.Date, Reason: in.Reason}
		if err := a.s.Status.RecordStatus(a.writeCtx(), st, in.Confirm); err != nil {
			return dto.PersonStatusDTO{}, err
		}
		return a.personStatus(personID)
	})
}

// SupportAgain re-opens the record of someone no longer supported.
func (a *App) SupportAgain(personID int64) (dto.PersonStatusDTO, error) {
	return bind("SupportAgain", a.ready, func() (dto.PersonStatusDTO, error) {
		if err := a.s.Status.SupportAgain(a.writeCtx(), personID); err != nil {
			return dto.PersonStatusDTO{}, err
		}
		return a.personStatus(personID)
	})
}

// DeletePerson deletes a person's record once the retention period has
// passed. Errors: sign_in, locked (saying when it becomes possible).
func (a *App) DeletePerson(personID int64) error {
	return act("DeletePerson", a.ready, func() error { return a.s.Status.DeletePerson(a.writeCtx(), personID) })
}

// RemoveExamplePeople removes every example person and returns how many.
func (a *App) RemoveExamplePeople() (int, error) {
	return bind("RemoveExamplePeople", a.ready, func() (int, error) { return a.s.Status.RemoveExamplePeople(a.writeCtx()) })
}

// CancelMeeting cancels a meeting that has not started. Errors: invalid
// (field "reason"), locked (started, ended or cancelled already).
func (a *App) CancelMeeting(meetingID int64, reason string) (dto.MeetingDTO, error) {
	return bind("CancelMeeting", a.ready, func() (dto.MeetingDTO, error) {
		if err := a.s.Status.CancelMeeting(a.writeCtx(), meetingID, reason); err != nil {
			return dto.MeetingDTO{}, err
		}
		m, err := a.s.Meetings.FindMeetingByID(a.ctx, meetingID)
		if err != nil {
			return dto.MeetingDTO{}, err
		}
		return dto.FromMeeting(m, a.userName()), nil
	})
}

// SearchPeopleIncluding is SearchPeople that also finds people no longer
// supported when inactive is true.
func (a *App) SearchPeopleIncluding(query string, offset int, inactive bool) (dto.PeopleDTO, error) {
	return a.searchPeople(query, offset, inactive)
}

// SetRetentionYears sets how many years a record is kept after the person
// is no longer supported, before it may be deleted, and returns it.
// Errors: invalid (field "retentionYears").
func (a *App) SetRetentionYears(years string) (int, error) {
	return bind("SetRetentionYears", a.ready, func() (int, error) {
		n, err := care.ValidateRetention(strings.TrimSpace(years))
		if err != nil {
			return 0, err
		}
		return n, a.s.Settings.SetSettings(a.writeCtx(), map[string]string{care.RetentionSettingKey: strconv.Itoa(n)})
	})
}

// RetentionYears is how many years a record is kept after the person is
// no longer supported (8 unless changed).
func (a *App) RetentionYears() (int, error) {
	return bind("RetentionYears", a.ready, func() (int, error) { return a.s.Status.Retention(a.ctx) })
}
