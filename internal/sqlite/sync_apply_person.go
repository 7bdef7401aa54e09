package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
)

// matchByNHSNumber returns the person here with the NHS number, nil if
// there is none (or no number).
func matchByNHSNumber(ctx context.Context, tx *Tx, nhs string) (*care.Person, error) {
	nhs = nhsDigits(nhs)
	if nhs == "" {
		return nil, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM people WHERE nhs_number = ?`, nhs).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return findPersonByID(ctx, tx, id)
}

// personValues are a person's values as a KindPerson unit holds them.
func personValues(ctx context.Context, tx *Tx, p *care.Person) (map[string]string, error) {
	st, err := findStatus(ctx, tx, p.ID)
	if err != nil {
		return nil, err
	}
	v := map[string]string{
		fhir.KeyGivenName: p.GivenName, fhir.KeyFamilyName: p.FamilyName, fhir.KeyPreferredName: p.PreferredName,
		fhir.KeyPronouns: p.Pronouns, fhir.KeyDateOfBirth: p.DateOfBirth, fhir.KeyNHSNumber: p.NHSNumber,
	}
	d := p.Details
	for _, f := range d.Fields() {
		v[f.Key] = *f.Value
	}
	if st != nil {
		v[fhir.KeyStatus], v[fhir.KeyStatusDate], v[fhir.KeyStatusReason] = st.Kind, st.Date, st.Reason
	}
	for k, x := range v {
		if x == "" {
			delete(v, k)
		}
	}
	return v, nil
}

// pulledPerson is the person the values describe, checked.
func pulledPerson(values map[string]string, into *care.Person, now time.Time) error {
	into.GivenName, into.FamilyName = values[fhir.KeyGivenName], values[fhir.KeyFamilyName]
	into.PreferredName, into.Pronouns = values[fhir.KeyPreferredName], values[fhir.KeyPronouns]
	into.DateOfBirth, into.NHSNumber = values[fhir.KeyDateOfBirth], values[fhir.KeyNHSNumber]
	for _, f := range into.Details.Fields() {
		*f.Value = values[f.Key]
	}
	if err := into.Validate(now); err != nil {
		return cannotRecord("the person's details", err)
	}
	return nil
}

// cannotRecord is the error for something pulled that fails the checks
// this app makes of what is typed.
func cannotRecord(what string, err error) error {
	var msgs []string
	for _, e := range care.FieldErrors(err) {
		msgs = append(msgs, e.Message)
	}
	if len(msgs) == 0 {
		msgs = append(msgs, care.ErrorMessage(err))
	}
	return care.Errorf(care.EINVALID, "The FHIR resource has %s that cannot be recorded here (%s). Nothing has been changed", what, strings.Join(msgs, "; "))
}

// pulledStatus is the status the values give, nil for someone supported.
func pulledStatus(values map[string]string, p *care.Person, now time.Time) (*care.PersonStatus, error) {
	if values[fhir.KeyStatus] == "" {
		return nil, nil
	}
	st := &care.PersonStatus{PersonID: p.ID, Kind: values[fhir.KeyStatus], Date: values[fhir.KeyStatusDate], Reason: values[fhir.KeyStatusReason]}
	if err := st.Validate(p.DateOfBirth, now); err != nil {
		return nil, cannotRecord("a status", err)
	}
	return st, nil
}

// ownPatient reports whether a Patient is one this app wrote: its id is a
// UUID that it also carries as an identifier. (A Unit made here without
// the resource counts as ours.)
func ownPatient(u fhir.Unit, res fhir.Resource) bool {
	return validUUID(u.Person) && (len(res.JSON) == 0 || strings.Contains(string(res.JSON), `"urn:uuid:`+u.Person+`"`))
}

// createPulledPerson records a person the server has and this laptop does
// not, with the Patient's id (a UUID another laptop gave) as their UUID.
func createPulledPerson(ctx context.Context, tx *Tx, u fhir.Unit, actor care.Actor) (*care.Person, error) {
	p := &care.Person{}
	if err := pulledPerson(u.Values, p, tx.clock); err != nil {
		return nil, err
	}
	if err := checkNHSNumberFree(ctx, tx, p.NHSNumber, 0); err != nil {
		return nil, err
	}
	uuid := u.Person
	if !validUUID(uuid) {
		return nil, care.Errorf(care.EINVALID, "The FHIR server sent a Patient without an id this app can use. Nothing has been changed")
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO people (uuid, given_name, family_name, preferred_name, pronouns, date_of_birth, nhs_number, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		uuid, p.GivenName, p.FamilyName, p.PreferredName, p.Pronouns, p.DateOfBirth, nullable(p.NHSNumber), formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return nil, err
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return nil, err
	}
	p.UUID, p.Version, p.CreatedAt, p.UpdatedAt = uuid, 1, tx.now, tx.now
	if !p.Details.IsZero() {
		if err := writePersonDetails(ctx, tx, p); err != nil {
			return nil, err
		}
	}
	changes := personChanges(&care.Person{}, p)
	st, err := pulledStatus(u.Values, p, tx.clock)
	if err != nil {
		return nil, err
	}
	if st != nil {
		if err := writeStatus(ctx, tx, st, actor.Name); err != nil {
			return nil, err
		}
		changes = append(changes, statusChanges(&care.PersonStatus{}, st)...)
	}
	if err := recordHistoryAs(ctx, tx, p.ID, actor, care.ActionFromServer, changes); err != nil {
		return nil, err
	}
	return p, writeSearch(ctx, tx, p.ID)
}

// validUUID reports whether s is a UUID in canonical lower-case form.
func validUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if r != '-' {
				return false
			}
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f':
		default:
			return false
		}
	}
	return true
}

// writeStatus stores a status, replacing any.
func writeStatus(ctx context.Context, tx *Tx, st *care.PersonStatus, by string) error {
	st.RecordedAt, st.RecordedBy = tx.now, by
	_, err := tx.ExecContext(ctx, `INSERT INTO person_status (`+statusColumns+`) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (person_id) DO UPDATE SET kind = excluded.kind, date = excluded.date, reason = excluded.reason,
			recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
		st.PersonID, st.Kind, st.Date, st.Reason, formatTime(st.RecordedAt), st.RecordedBy)
	return err
}

// applyPerson makes the person's details, and status, what the values say.
func applyPerson(ctx context.Context, tx *Tx, p *care.Person, u fhir.Unit, actor care.Actor, action string) error {
	before := *p
	next := *p
	if err := pulledPerson(u.Values, &next, tx.clock); err != nil {
		return err
	}
	if err := checkNHSNumberFree(ctx, tx, next.NHSNumber, p.ID); err != nil {
		return care.Errorf(care.EINVALID, "The FHIR server gave this person an NHS number recorded here for someone else. Nothing has been changed")
	}
	changes := personChanges(&before, &next)
	if len(changes) > 0 {
		if _, err := tx.ExecContext(ctx, `
			UPDATE people SET given_name = ?, family_name = ?, preferred_name = ?, pronouns = ?, date_of_birth = ?,
				nhs_number = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			next.GivenName, next.FamilyName, next.PreferredName, next.Pronouns, next.DateOfBirth, nullable(next.NHSNumber),
			formatTime(tx.now), p.ID); err != nil {
			return err
		}
		if before.Details != next.Details {
			if err := writePersonDetails(ctx, tx, &next); err != nil {
				return err
			}
		}
	}
	old, err := findStatus(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	st, err := pulledStatus(u.Values, &next, tx.clock)
	if err != nil {
		return err
	}
	oldCmp, newCmp := old, st
	if oldCmp == nil {
		oldCmp = &care.PersonStatus{}
	}
	if newCmp == nil {
		newCmp = &care.PersonStatus{}
	}
	if sc := statusChanges(oldCmp, newCmp); len(sc) > 0 {
		if st == nil {
			if _, err := tx.ExecContext(ctx, `DELETE FROM person_status WHERE person_id = ?`, p.ID); err != nil {
				return err
			}
		} else if err := writeStatus(ctx, tx, st, actor.Name); err != nil {
			return err
		}
		changes = append(changes, sc...)
	}
	if len(changes) == 0 {
		return nil
	}
	if err := recordHistoryAs(ctx, tx, p.ID, actor, action, changes); err != nil {
		return err
	}
	return writeSearch(ctx, tx, p.ID)
}
