package surface

import (
	"context"
	"strconv"
	"strings"

	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/dto"
)

// FindPersonStatus says whether the person is still supported.
// Errors: not_found.
func (x *StatusBindings) FindPersonStatus(personID int64) (dto.PersonStatusDTO, error) {
	return binding.Do("FindPersonStatus", x.Ready, func() (dto.PersonStatusDTO, error) { return x.personStatus(personID) })
}

func (x *StatusBindings) personStatus(personID int64) (dto.PersonStatusDTO, error) {
	st, err := x.S.Status.FindStatus(x.Ctx(), personID)
	if err != nil {
		return dto.PersonStatusDTO{}, err
	}
	years, err := x.S.Status.Retention(x.Ctx())
	return dto.FromPersonStatus(st, years), err
}

// RecordPersonStatus records a discharge, death or archive. Errors:
// invalid (by field), conflict with field "confirm" when a meeting is in
// progress and in.Confirm is false.
func (x *StatusBindings) RecordPersonStatus(personID int64, in dto.PersonStatusInput) (dto.PersonStatusDTO, error) {
	return binding.Do("RecordPersonStatus", x.Ready, func() (dto.PersonStatusDTO, error) {
		st := &care.PersonStatus{PersonID: personID, Kind: in.Kind, Date: in.Date, Reason: in.Reason}
		if err := x.S.Status.RecordStatus(x.WriteCtx(), st, in.Confirm); err != nil {
			return dto.PersonStatusDTO{}, err
		}
		return x.personStatus(personID)
	})
}

// SupportAgain re-opens the record of someone no longer supported.
func (x *StatusBindings) SupportAgain(personID int64) (dto.PersonStatusDTO, error) {
	return binding.Do("SupportAgain", x.Ready, func() (dto.PersonStatusDTO, error) {
		if err := x.S.Status.SupportAgain(x.WriteCtx(), personID); err != nil {
			return dto.PersonStatusDTO{}, err
		}
		return x.personStatus(personID)
	})
}

// DeletePerson deletes a person's record once the retention period has
// passed. Errors: sign_in, locked (saying when it becomes possible).
func (x *StatusBindings) DeletePerson(personID int64) error {
	return binding.Act("DeletePerson", x.Ready, func() error { return x.S.Status.DeletePerson(x.WriteCtx(), personID) })
}

// RemoveExamplePeople removes every example person and returns how many.
func (x *StatusBindings) RemoveExamplePeople() (int, error) {
	return binding.Do("RemoveExamplePeople", x.Ready, func() (int, error) { return x.S.Status.RemoveExamplePeople(x.WriteCtx()) })
}

// CancelMeeting cancels a meeting that has not started. Errors: invalid
// (field "reason"), locked (started, ended or cancelled already).
func (x *StatusBindings) CancelMeeting(meetingID int64, reason string) (dto.MeetingDTO, error) {
	return x.changeMeeting("CancelMeeting", meetingID, func(ctx context.Context) error {
		return x.S.Status.CancelMeeting(ctx, meetingID, reason)
	})
}

// SetRetentionYears sets how many years a record is kept after the person
// is no longer supported, before it may be deleted, and returns it.
// Errors: invalid (field "retentionYears").
func (x *StatusBindings) SetRetentionYears(years string) (int, error) {
	return binding.Do("SetRetentionYears", x.Ready, func() (int, error) {
		n, err := care.ValidateRetention(strings.TrimSpace(years))
		if err != nil {
			return 0, err
		}
		return n, x.S.Settings.SetSettings(x.WriteCtx(), map[string]string{care.RetentionSettingKey: strconv.Itoa(n)})
	})
}

// RetentionYears is how many years a record is kept after the person is
// no longer supported (8 unless changed).
func (x *StatusBindings) RetentionYears() (int, error) {
	return binding.Do("RetentionYears", x.Ready, func() (int, error) { return x.S.Status.Retention(x.Ctx()) })
}
