package surface

import (
	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/dto"
)

// The binding surface for undoing: restoring from history and withdrawing
// a copy recorded by mistake.

// Restore brings back what the history entry replaced, as a new change (a
// field's earlier value, or a removed entry), and returns the record.
// Errors: invalid (with why, such as an owner no longer in the record),
// not_found, conflict.
func (x *RestoreBindings) Restore(personID, historyID int64) (dto.RecordDTO, error) {
	return binding.Do("Restore", x.Ready, func() (dto.RecordDTO, error) {
		return x.changed(personID, x.S.Records.Restore(x.WriteCtx(), personID, historyID))
	})
}

// WithdrawCopy withdraws a copy of version number recorded by mistake, with
// a reason, and returns the version: the copy is kept, marked withdrawn.
// Errors: invalid (with field "reason"), not_found.
func (x *RestoreBindings) WithdrawCopy(personID int64, number int, copyID int64, reason string) (dto.VersionDTO, error) {
	return binding.Do("WithdrawCopy", x.Ready, func() (dto.VersionDTO, error) {
		v, err := x.S.Versions.FindVersion(x.Ctx(), personID, number)
		if err != nil {
			return dto.VersionDTO{}, err
		}
		if !hasCopy(v, copyID) {
			return dto.VersionDTO{}, care.Errorf(care.ENOTFOUND, "That copy is not one of this version's")
		}
		if err := x.S.Versions.WithdrawCopy(x.WriteCtx(), copyID, reason); err != nil {
			return dto.VersionDTO{}, err
		}
		x.Audit(care.AuditWithdrawCopy, personID, "version "+care.Itoa(int64(number)))
		if v, err = x.S.Versions.FindVersion(x.Ctx(), personID, number); err != nil {
			return dto.VersionDTO{}, err
		}
		return x.Version(v), nil
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
