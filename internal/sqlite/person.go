package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"whatmatters/internal/care"
)

// FindPersonByID returns one person. ENOTFOUND if there is none.
func (s *PersonService) FindPersonByID(ctx context.Context, id int64) (_ *care.Person, err error) {
	defer wrap(&err, "FindPersonByID")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findPersonByID(ctx, tx, id)
}

// CreatePerson validates and stores a new person. EINVALID for bad details
// or no actor; ECONFLICT if the NHS number is already recorded, or (a
// *care.DuplicateError) if someone who may be the same person is, unless
// their id is in differentFrom.
func (s *PersonService) CreatePerson(ctx context.Context, p *care.Person, differentFrom ...int64) (err error) {
	defer wrap(&err, "CreatePerson")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createPerson(ctx, tx, p, differentFrom); err != nil {
		return err
	}
	return tx.Commit()
}

// createPerson checks p and stores it, with its history and search entry.
func createPerson(ctx context.Context, tx *Tx, p *care.Person, differentFrom []int64) error {
	if _, err := tx.Actor(); err != nil {
		return err
	}
	if err := p.Validate(tx.clock); err != nil {
		return err
	}
	if err := checkNHSNumberFree(ctx, tx, p.NHSNumber, 0); err != nil {
		return err
	}
	if err := checkNotRecorded(ctx, tx, p, differentFrom); err != nil {
		return err
	}
	uuid := newUUID()
	res, err := tx.ExecContext(ctx, `
		INSERT INTO people (uuid, given_name, family_name, preferred_name, pronouns, date_of_birth, nhs_number, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		uuid, p.GivenName, p.FamilyName, p.PreferredName, p.Pronouns, p.DateOfBirth, nullable(p.NHSNumber),
		formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return err
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	p.UUID, p.Version, p.CreatedAt, p.UpdatedAt = uuid, 1, tx.now, tx.now
	if !p.Details.IsZero() {
		if err := writePersonDetails(ctx, tx, p); err != nil {
			return err
		}
	}
	if err := recordHistory(ctx, tx, p.ID, care.ActionCreate, personChanges(&care.Person{}, p)); err != nil {
		return err
	}
	return writeSearch(ctx, tx, p.ID)
}

// UpdatePerson changes a person's details and returns the new record.
// ENOTFOUND, EINVALID, or ECONFLICT if the record changed since upd.Version
// or the NHS number belongs to someone else.
func (s *PersonService) UpdatePerson(ctx context.Context, id int64, upd care.PersonUpdate) (_ *care.Person, err error) {
	defer wrap(&err, "UpdatePerson")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, changed, err := updatePerson(ctx, tx, id, upd)
	if err != nil || !changed {
		return p, err
	}
	return p, tx.Commit()
}

// updatePerson applies upd to the person and reports whether anything
// changed; if nothing did, the person is returned as stored.
func updatePerson(ctx context.Context, tx *Tx, id int64, upd care.PersonUpdate) (*care.Person, bool, error) {
	if _, err := tx.Actor(); err != nil {
		return nil, false, err
	}
	p, err := findPersonByID(ctx, tx, id)
	if err != nil {
		return nil, false, err
	}
	if p.Version != upd.Version {
		return nil, false, care.Errorf(care.ECONFLICT, "%s's details were changed somewhere else while you were editing. Your changes have not been saved. Reload the record and make them again", p.DisplayName())
	}
	before := *p
	upd.Apply(p)
	if err := p.Validate(tx.clock); err != nil {
		return nil, false, err
	}
	changes := personChanges(&before, p)
	if len(changes) == 0 {
		return &before, false, nil // nothing changed: keep the version as it was
	}
	if err := checkNHSNumberFree(ctx, tx, p.NHSNumber, id); err != nil {
		return nil, false, err
	}
	p.Version++
	p.UpdatedAt = tx.now
	if _, err := tx.ExecContext(ctx, `
		UPDATE people SET given_name = ?, family_name = ?, preferred_name = ?, pronouns = ?, date_of_birth = ?,
			nhs_number = ?, version = ?, updated_at = ?
		WHERE id = ?`,
		p.GivenName, p.FamilyName, p.PreferredName, p.Pronouns, p.DateOfBirth, nullable(p.NHSNumber),
		p.Version, formatTime(p.UpdatedAt), id); err != nil {
		return nil, false, err
	}
	if before.Details != p.Details {
		if err := writePersonDetails(ctx, tx, p); err != nil {
			return nil, false, err
		}
	}
	if err := recordHistory(ctx, tx, id, care.ActionEdit, changes); err != nil {
		return nil, false, err
	}
	if err := writeSearch(ctx, tx, id); err != nil {
		return nil, false, err
	}
	return p, true, nil
}

// personColumns are the columns scanPerson reads, from table alias t ("" for none).
func personColumns(t string) string {
	return strings.NewReplacer("$", t).Replace(`$id, IFNULL($uuid, ''), $given_name, $family_name, $preferred_name, $pronouns, $date_of_birth, IFNULL($nhs_number, ''), $version, $created_at, $updated_at`)
}

func scanPerson(row scanner) (*care.Person, error) { return scanPersonAnd(row) }

// scanPersonAnd reads personColumns, then into extra the columns after them.
func scanPersonAnd(row scanner, extra ...any) (*care.Person, error) {
	var r personRow
	if err := row.Scan(append(r.dest(), extra...)...); err != nil {
		return nil, err
	}
	return r.person(), nil
}

// personRow is where a row's personColumns are read to, for a query that
// reads them with another type's columns.
type personRow struct {
	p                care.Person
	created, updated string
}

// dest is where Scan puts personColumns.
func (r *personRow) dest() []any {
	p := &r.p
	return []any{&p.ID, &p.UUID, &p.GivenName, &p.FamilyName, &p.PreferredName, &p.Pronouns, &p.DateOfBirth,
		&p.NHSNumber, &p.Version, &r.created, &r.updated}
}

// person is the person read, once Scan has filled dest.
func (r *personRow) person() *care.Person {
	r.p.CreatedAt, r.p.UpdatedAt = parseTime(r.created), parseTime(r.updated)
	return &r.p
}

// findPersonByID reads one person. ENOTFOUND.
func findPersonByID(ctx context.Context, tx *Tx, id int64) (*care.Person, error) {
	p, err := scanPerson(tx.QueryRowContext(ctx, `SELECT `+personColumns("")+` FROM people WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "There is no record for this person. They may have been removed")
	} else if err != nil {
		return nil, err
	}
	return p, findPersonDetails(ctx, tx, p)
}

// nhsDigits returns the digits of q if q is made only of digits, spaces and
// hyphens (a whole or partial NHS number as typed), else "".
func nhsDigits(q string) string {
	var b strings.Builder
	for _, r := range q {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
		default:
			return ""
		}
	}
	return b.String()
}

// checkNHSNumberFree refuses, with ECONFLICT, an NHS number recorded for
// someone other than self.
func checkNHSNumberFree(ctx context.Context, tx *Tx, nhs string, self int64) error {
	if nhs == "" {
		return nil
	}
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM people WHERE nhs_number = ? AND id != ?`, nhs, self).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return &care.Error{Code: care.ECONFLICT, Field: "nhsNumber",
		Message: "NHS number " + care.FormatNHSNumber(nhs) + " is already recorded for another person. Search for them instead of adding them again"}
}

// checkNotRecorded returns a *care.DuplicateError for the first person
// recorded who may be p (same date of birth, names alike once folded),
// other than those in differentFrom. Names are compared in Go, not by a
// stored key, so a change to the folding needs no migration here.
func checkNotRecorded(ctx context.Context, tx *Tx, p *care.Person, differentFrom []int64) error {
	born, err := queryAll(ctx, tx, scanPerson, `SELECT `+personColumns("")+` FROM people WHERE date_of_birth = ? ORDER BY id`, p.DateOfBirth)
	if err != nil {
		return err
	}
	for _, other := range born {
		if p.MayBe(other) && !slices.Contains(differentFrom, other.ID) {
			return care.NewDuplicateError(other)
		}
	}
	return nil
}

// personChanges lists the personal details that differ between a and b.
func personChanges(a, b *care.Person) []change {
	var out []change
	for _, f := range []struct{ field, a, b string }{
		{"givenName", a.GivenName, b.GivenName}, {"familyName", a.FamilyName, b.FamilyName},
		{"preferredName", a.PreferredName, b.PreferredName}, {"pronouns", a.Pronouns, b.Pronouns},
		{"dateOfBirth", a.DateOfBirth, b.DateOfBirth}, {"nhsNumber", a.NHSNumber, b.NHSNumber},
	} {
		if f.a != f.b {
			out = append(out, change{section: "person", field: f.field, before: f.a, after: f.b})
		}
	}
	return append(out, detailsChanges(&a.Details, &b.Details)...)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
