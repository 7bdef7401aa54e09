package main

import (
	"whatmatters/internal/care"
	"whatmatters/internal/dto"
)

// The binding surface for undoing: restoring from history and withdrawing
// a copy recorded by mistake.

// Restore brings back what the history entry replaced, as a new change (a
// field's earlier value, or a removed entry), and returns the record.
// Errors: invalid (with why, such as an owner no longer in the record),
// not_found, conflict.
func (a *App) Restore(personID, historyID int64) (dto.RecordDTO, error) {
	return bind("Restore", a.ready, func() (dto.RecordDTO, error) {
		return a.changed(personID, a.s.Records.Restore(a.writeCtx(), personID, historyID))
	})
}

// WithdrawCopy withdraws a copy of version number recorded by mistake, with
// a reason, and returns the version: the copy is kept, marked withdrawn.
// Errors: invalid (with field "reason"), not_found.
func (a *App) WithdrawCopy(personID int64, number int, copyID int64, reason string) (dto.VersionDTO, error) {
	return bind("WithdrawCopy", a.ready, func() (dto.VersionDTO, error) {
		v, err := a.s.Versions.FindVersion(a.ctx, personID, number)
		if err != nil {
			return dto.VersionDTO{}, err
		}
		if !hasCopy(v, copyID) {
			return dto.VersionDTO{}, care.Errorf(care.ENOTFOUND, "That copy is not one of this version's")
		}
		if err := a.s.Versions.WithdrawCopy(a.writeCtx(), copyID, reason); err != nil {
			return dto.VersionDTO{}, err
		}
		a.record(care.AuditWithdrawCopy, personID, "version "+care.Itoa(int64(number)))
		if v, err = a.s.Versions.FindVersion(a.ctx, personID, number); err != nil {
			return dto.VersionDTO{}, err
		}
		return a.oneVersionDTO(v), nil
	})
}

func hasCopy(v *care.PlanVersion, copyID int64) bool {
	for _, c := range v.Copies {
		if c.ID == copyID {
			return true
		}
	}
	return false
}
