package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"whatmatters/internal/care"
)

// detailColumns are person_details' columns, in the order of
// care.PersonDetails.Fields.
const detailColumns = `address, postcode, phone, email, preferred_contact, gp_name, gp_address, gp_phone, gp_ods_code,
	lives_alone, lives_with, access_notes, gender, ethnicity, religion`

// findPersonDetails reads the person's details into p.Details; a person
// without a row has none recorded.
func findPersonDetails(ctx context.Context, tx *Tx, p *care.Person) error {
	fields := p.Details.Fields()
	dest := make([]any, len(fields))
	for i, f := range fields {
		dest[i] = f.Value
	}
	err := tx.QueryRowContext(ctx, `SELECT `+detailColumns+` FROM person_details WHERE person_id = ?`, p.ID).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		p.Details = care.PersonDetails{}
		return nil
	}
	return err
}

// writePersonDetails stores p.Details, replacing what was stored.
func writePersonDetails(ctx context.Context, tx *Tx, p *care.Person) error {
	fields := p.Details.Fields()
	args := []any{p.ID}
	for _, f := range fields {
		args = append(args, *f.Value)
	}
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO person_details (person_id, `+detailColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	return err
}

// detailsChanges lists the details that differ between a and b, as
// history keeps them: section "person", field the detail's key.
func detailsChanges(a, b *care.PersonDetails) []change {
	var out []change
	bf := b.Fields()
	for i, f := range a.Fields() {
		if *f.Value != *bf[i].Value {
			out = append(out, change{section: "person", field: f.Key, before: *f.Value, after: *bf[i].Value})
		}
	}
	return out
}
