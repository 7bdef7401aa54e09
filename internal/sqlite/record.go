package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"whatmatters/internal/care"
)

var _ care.RecordService = (*RecordService)(nil)

// RecordService keeps the sections of people's records in SQLite.
type RecordService struct {
	db *DB
}

// NewRecordService returns a RecordService on db.
func NewRecordService(db *DB) *RecordService { return &RecordService{db: db} }

// FindRecord returns a person's whole record. ENOTFOUND.
func (s *RecordService) FindRecord(ctx context.Context, personID int64) (*care.Record, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findRecord(ctx, tx, personID)
}

func findRecord(ctx context.Context, tx *sql.Tx, personID int64) (*care.Record, error) {
	p, err := findPersonByID(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	r := &care.Record{Person: p, Fields: map[string]map[string]care.RecordField{}, Items: map[string][]*care.Item{}}
	rows, err := tx.QueryContext(ctx, `SELECT section, key, value, version, updated_at, updated_by FROM record_fields WHERE person_id = ?`, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var section, key, at string
		var f care.RecordField
		if err := rows.Scan(&section, &key, &f.Value, &f.Version, &at, &f.UpdatedBy); err != nil {
			return nil, err
		}
		f.UpdatedAt = parseTime(at)
		if r.Fields[section] == nil {
			r.Fields[section] = map[string]care.RecordField{}
		}
		r.Fields[section][key] = f
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	items, err := findItems(ctx, tx, personID, "")
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		r.Items[it.Section] = append(r.Items[it.Section], it)
	}
	return r, nil
}

// findItems returns a person's items, of one section or ("") of all.
func findItems(ctx context.Context, tx *sql.Tx, personID int64, section string) ([]*care.Item, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, IFNULL(uuid, ''), section, data, version, created_at, updated_at FROM record_items
		WHERE person_id = ? AND (? = '' OR section = ?) ORDER BY id`, personID, section, section)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*care.Item
	for rows.Next() {
		it := &care.Item{PersonID: personID}
		var data, created, updated string
		if err := rows.Scan(&it.ID, &it.UUID, &it.Section, &data, &it.Version, &created, &updated); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &it.Values); err != nil {
			return nil, err
		}
		it.CreatedAt, it.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, it)
	}
	return out, rows.Err()
}

// SaveFields saves changed fields of one non-list section at once, or none.
// EINVALID, ENOTFOUND, ECONFLICT.
func (s *RecordService) SaveFields(ctx context.Context, personID int64, section, action string, changes []care.FieldChange) error {
	spec := care.FindSection(section)
	if spec == nil || spec.List {
		return care.Errorf(care.EINVALID, "There is no section called %q", section)
	}
	if action != care.ActionEdit && action != care.ActionEditPersonsWords {
		return care.Errorf(care.EINVALID, "Unknown kind of change %q", action)
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rec, err := findRecord(ctx, tx, personID)
	if err != nil {
		return err
	}
	stored := rec.Fields[section]

	// Check the whole section as it would be, so rules across fields hold.
	merged := map[string]string{}
	for k, f := range stored {
		merged[k] = f.Value
	}
	for _, c := range changes {
		merged[c.Key] = c.Value
	}
	cleaned, err := spec.CleanValues(merged, s.db.Now())
	if err != nil {
		return err
	}

	now := formatTime(s.db.now())
	actor, _ := care.ActorFrom(ctx)
	var kept []change
	var wordsErrs []error
	for _, c := range changes {
		f := spec.Field(c.Key)
		old := stored[c.Key]
		if c.Version != old.Version {
			return care.Errorf(care.ECONFLICT, "“%s” was changed somewhere else while you were editing. Your changes have not been saved. Reload the record and make them again", f.Label)
		}
		if cleaned[c.Key] == old.Value {
			continue
		}
		if f.PersonsWords && action != care.ActionEditPersonsWords {
			wordsErrs = append(wordsErrs, care.FieldError(c.Key, "These are the person's own words. Use “Edit the person's words” to change them, with the person"))
			continue
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO record_fields (person_id, section, key, value, version, updated_at, updated_by) VALUES (?, ?, ?, ?, 1, ?, ?)
			ON CONFLICT (person_id, section, key) DO UPDATE SET value = excluded.value, version = version + 1,
				updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			personID, section, c.Key, cleaned[c.Key], now, actor.Name); err != nil {
			return err
		}
		kept = append(kept, change{section: section, field: c.Key, before: old.Value, after: cleaned[c.Key]})
	}
	if len(wordsErrs) > 0 {
		return errors.Join(wordsErrs...)
	}
	if len(kept) == 0 {
		return nil
	}
	if err := s.db.recordHistory(ctx, tx, personID, action, kept); err != nil {
		return err
	}
	if err := writeSearch(ctx, tx, personID); err != nil {
		return err
	}
	return tx.Commit()
}

// SaveItem adds or changes one item of a list section. EINVALID,
// ENOTFOUND, ECONFLICT.
func (s *RecordService) SaveItem(ctx context.Context, item *care.Item) error {
	spec := care.FindSection(item.Section)
	if spec == nil || !spec.List {
		return care.Errorf(care.EINVALID, "There is no list called %q", item.Section)
	}
	values, err := spec.CleanValues(item.Values, s.db.Now())
	if err != nil {
		return err
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := findPersonByID(ctx, tx, item.PersonID); err != nil {
		return err
	}
	var old *care.Item
	if item.ID != 0 {
		if old, err = findItem(ctx, tx, item.PersonID, item.ID); err != nil {
			return err
		} else if old.Section != item.Section {
			return care.Errorf(care.EINVALID, "That entry belongs to another section")
		} else if old.Version != item.Version {
			return care.Errorf(care.ECONFLICT, "This %s was changed somewhere else while you were editing. Your changes have not been saved. Reload the record and make them again", spec.ItemName)
		}
	}
	if err := checkItemRules(ctx, tx, item, values); err != nil {
		return err
	}

	data, err := json.Marshal(values)
	if err != nil {
		return err
	}
	now := s.db.now()
	action := care.ActionAdd
	if old == nil {
		uuid := newUUID()
		res, err := tx.ExecContext(ctx, `INSERT INTO record_items (uuid, person_id, section, data, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
			uuid, item.PersonID, item.Section, string(data), formatTime(now), formatTime(now))
		if err != nil {
			return err
		}
		if item.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		item.UUID, item.Version, item.CreatedAt = uuid, 1, now
	} else {
		action = care.ActionEdit
		if _, err := tx.ExecContext(ctx, `UPDATE record_items SET data = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			string(data), formatTime(now), item.ID); err != nil {
			return err
		}
		item.UUID, item.Version, item.CreatedAt = old.UUID, old.Version+1, old.CreatedAt
	}
	item.UpdatedAt, item.Values = now, values

	var kept []change
	for _, f := range spec.Fields {
		before := ""
		if old != nil {
			before = old.Values[f.Key]
		}
		if before != values[f.Key] {
			kept = append(kept, change{section: item.Section, itemID: item.ID, field: f.Key, before: before, after: values[f.Key]})
		}
	}
	if len(kept) == 0 {
		return nil // nothing changed: keep the version as it was
	}
	if err := s.db.recordHistory(ctx, tx, item.PersonID, action, kept); err != nil {
		return err
	}
	return tx.Commit()
}

// checkItemRules applies the rules that look beyond one item (see
// care.Record.CheckItem), on the record as it stands in tx, and checks an
// action owner who is a meeting participant.
func checkItemRules(ctx context.Context, tx *sql.Tx, item *care.Item, values map[string]string) error {
	if a, ok := care.Decode(item.Section, values).(care.Action); ok && a.Owner.Kind == care.OwnerParticipant {
		if err := checkParticipant(ctx, tx, item.PersonID, a.Owner.ID); err != nil {
			return err
		}
	}
	rec, err := findRecord(ctx, tx, item.PersonID)
	if err != nil {
		return err
	}
	return rec.CheckItem(item.Section, item.ID, values)
}

// RemoveItem removes an item, keeping its values in history. ENOTFOUND,
// ECONFLICT, EINVALID if a communication need belongs to it.
func (s *RecordService) RemoveItem(ctx context.Context, personID, itemID int64, version int) error {
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := findItem(ctx, tx, personID, itemID)
	if err != nil {
		return err
	}
	spec := care.FindSection(old.Section)
	if old.Version != version {
		return care.Errorf(care.ECONFLICT, "This %s was changed somewhere else. Reload the record before removing it", spec.ItemName)
	}
	rec, err := findRecord(ctx, tx, personID)
	if err != nil {
		return err
	}
	if err := rec.CheckRemove(itemID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM record_items WHERE id = ?`, itemID); err != nil {
		return err
	}
	var kept []change
	for _, f := range spec.Fields {
		if v := old.Values[f.Key]; v != "" {
			kept = append(kept, change{section: old.Section, itemID: itemID, field: f.Key, before: v})
		}
	}
	if err := s.db.recordHistory(ctx, tx, personID, care.ActionRemove, kept); err != nil {
		return err
	}
	return tx.Commit()
}

func findItem(ctx context.Context, tx *sql.Tx, personID, itemID int64) (*care.Item, error) {
	it := &care.Item{ID: itemID, PersonID: personID}
	var data, created, updated string
	err := tx.QueryRowContext(ctx, `SELECT IFNULL(uuid, ''), section, data, version, created_at, updated_at FROM record_items WHERE id = ? AND person_id = ?`,
		itemID, personID).Scan(&it.UUID, &it.Section, &data, &it.Version, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "That entry no longer exists. It may have been removed somewhere else")
	} else if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(data), &it.Values); err != nil {
		return nil, err
	}
	it.CreatedAt, it.UpdatedAt = parseTime(created), parseTime(updated)
	return it, nil
}

// checkOwner refuses an action owner (as stored) who is not one of the
// person's contacts or care team, or not a current participant of a
// meeting about them.
func checkOwner(ctx context.Context, tx *sql.Tx, personID int64, owner string) error {
	o, err := care.ParseOwner(owner)
	if err != nil {
		return care.FieldError("owner", "Choose who will do it")
	}
	if o.Kind == care.OwnerParticipant {
		return checkParticipant(ctx, tx, personID, o.ID)
	}
	rec, err := findRecord(ctx, tx, personID)
	if err != nil {
		return err
	}
	return rec.CheckOwner(o)
}

// checkParticipant refuses an action owner who is not a current
// participant of a meeting about the person.
func checkParticipant(ctx context.Context, tx *sql.Tx, personID, participantID int64) error {
	var name string
	var removed sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT p.name, p.removed_at FROM participants p JOIN meetings m ON m.id = p.meeting_id
		WHERE p.id = ? AND m.person_id = ?`, participantID, personID).Scan(&name, &removed)
	if errors.Is(err, sql.ErrNoRows) {
		return care.FieldError("owner", "Choose who will do it")
	} else if err != nil {
		return err
	}
	if removed.Valid {
		return care.FieldError("owner", name+" was removed from the meeting. Choose someone who is taking part")
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
