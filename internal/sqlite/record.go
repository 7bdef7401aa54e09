package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"whatmatters/internal/care"
)

// FindRecord returns a person's whole record. ENOTFOUND.
func (s *RecordService) FindRecord(ctx context.Context, personID int64) (_ *care.Record, err error) {
	defer wrap(&err, "FindRecord")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findRecord(ctx, tx, personID)
}

// findRecord reads a person's record: their details, fields and items.
// ENOTFOUND.
func findRecord(ctx context.Context, tx *Tx, personID int64) (*care.Record, error) {
	p, err := findPersonByID(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	r := &care.Record{Person: p, Items: map[string][]*care.Item{}}
	if r.Fields, err = findFields(ctx, tx, personID); err != nil {
		return nil, err
	}
	items, err := findItems(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		r.Items[it.Section] = append(r.Items[it.Section], it)
	}
	return r, nil
}

// findFields reads the fields of a person's non-list sections, by section
// and key.
func findFields(ctx context.Context, tx *Tx, personID int64) (map[string]map[string]care.RecordField, error) {
	rows, err := tx.QueryContext(ctx, `SELECT section, key, value, version, updated_at, updated_by FROM record_fields WHERE person_id = ?`, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]care.RecordField{}
	for rows.Next() {
		var section, key, at string
		var f care.RecordField
		if err := rows.Scan(&section, &key, &f.Value, &f.Version, &at, &f.UpdatedBy); err != nil {
			return nil, err
		}
		f.UpdatedAt = parseTime(at)
		if out[section] == nil {
			out[section] = map[string]care.RecordField{}
		}
		out[section][key] = f
	}
	return out, rows.Err()
}

// Where queries read stored values in SQL (json_extract on an item's JSON,
// or a record_fields key), so that SQLite counts and sorts without each
// item being read into Go, the keys come from care's one mapping (the
// types' value tags, through care.StoredKey), never from a literal here.
var (
	actionOwner   = jsonPath(care.StoredKey[care.Action]("Owner"))
	actionMeeting = jsonPath(care.StoredKey[care.Action]("Meeting"))
	actionByWhen  = jsonPath(care.StoredKey[care.Action]("ByWhen"))
	actionStatus  = jsonPath(care.StoredKey[care.Action]("Status"))
	reviewDate    = care.StoredKey[care.Review]("Date")

	aboutMeSupportedBy = care.StoredKey[care.AboutMe]("SupportedBy")
)

// jsonPath is the path json_extract reads a stored key at.
func jsonPath(key string) string { return "$." + key }

// itemColumns are the columns of record_items that scanItem reads.
const itemColumns = `id, IFNULL(uuid, ''), person_id, section, data, version, created_at, updated_at`

func scanItem(row scanner) (*care.Item, error) {
	it := &care.Item{}
	var data, created, updated string
	if err := row.Scan(&it.ID, &it.UUID, &it.PersonID, &it.Section, &data, &it.Version, &created, &updated); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(data), &it.Values); err != nil {
		return nil, err
	}
	it.CreatedAt, it.UpdatedAt = parseTime(created), parseTime(updated)
	return it, nil
}

// findItems reads all of a person's items, oldest first.
func findItems(ctx context.Context, tx *Tx, personID int64) ([]*care.Item, error) {
	return queryAll(ctx, tx, scanItem, `SELECT `+itemColumns+` FROM record_items WHERE person_id = ? ORDER BY id`, personID)
}

// findItem reads one of a person's items. ENOTFOUND.
func findItem(ctx context.Context, tx *Tx, personID, itemID int64) (*care.Item, error) {
	it, err := scanItem(tx.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM record_items WHERE id = ? AND person_id = ?`, itemID, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "That entry no longer exists. It may have been removed somewhere else")
	}
	return it, err
}

// SaveFields saves changed fields of one non-list section at once, or none.
// EINVALID, ENOTFOUND, ECONFLICT.
func (s *RecordService) SaveFields(ctx context.Context, personID int64, section, action string, changes []care.FieldChange) (err error) {
	defer wrap(&err, "SaveFields")
	spec := care.FindSection(section)
	if spec == nil || spec.List {
		return care.Errorf(care.EINVALID, "There is no section called %q", section)
	}
	if action != care.ActionEdit && action != care.ActionEditPersonsWords {
		return care.Errorf(care.EINVALID, "Unknown kind of change %q", action)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if changed, err := saveFields(ctx, tx, personID, spec, action, changes); err != nil || !changed {
		return err
	}
	return tx.Commit()
}

// saveFields checks the section as it would be with changes, writes the
// fields that change, with their history and the person's search entry,
// and reports whether any did.
func saveFields(ctx context.Context, tx *Tx, personID int64, spec *care.SectionSpec, action string, changes []care.FieldChange) (bool, error) {
	actor, err := tx.Actor()
	if err != nil {
		return false, err
	}
	if _, err := findPersonByID(ctx, tx, personID); err != nil {
		return false, err
	}
	fields, err := findFields(ctx, tx, personID)
	if err != nil {
		return false, err
	}
	stored := fields[spec.Key]

	// Check the whole section as it would be, so rules across fields hold.
	merged := map[string]string{}
	for k, f := range stored {
		merged[k] = f.Value
	}
	for _, c := range changes {
		merged[c.Key] = c.Value
	}
	cleaned, err := spec.CleanValues(merged, tx.clock)
	if err != nil {
		return false, err
	}

	var kept []change
	var wordsErrs []error
	for _, c := range changes {
		f := spec.Field(c.Key)
		old := stored[c.Key]
		if c.Version != old.Version {
			return false, care.Errorf(care.ECONFLICT, "“%s” was changed somewhere else while you were editing. Your changes have not been saved. Reload the record and make them again", f.Label)
		}
		if cleaned[c.Key] == old.Value {
			continue
		}
		if f.PersonsWords && action != care.ActionEditPersonsWords {
			wordsErrs = append(wordsErrs, care.FieldError(c.Key, "These are the person's own words. Use “Edit the person's words” to change them, with the person"))
			continue
		}
		if err := writeField(ctx, tx, personID, spec.Key, c.Key, cleaned[c.Key], actor.Name); err != nil {
			return false, err
		}
		kept = append(kept, change{section: spec.Key, field: c.Key, before: old.Value, after: cleaned[c.Key]})
	}
	if len(wordsErrs) > 0 {
		return false, errors.Join(wordsErrs...)
	}
	if len(kept) == 0 {
		return false, nil
	}
	if err := recordHistory(ctx, tx, personID, action, kept); err != nil {
		return false, err
	}
	return true, writeSearch(ctx, tx, personID)
}

// writeField stores one field's new value, adding one to its version.
func writeField(ctx context.Context, tx *Tx, personID int64, section, key, value, by string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO record_fields (person_id, section, key, value, version, updated_at, updated_by) VALUES (?, ?, ?, ?, 1, ?, ?)
		ON CONFLICT (person_id, section, key) DO UPDATE SET value = excluded.value, version = version + 1,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		personID, section, key, value, formatTime(tx.now), by)
	return err
}

// SaveItem adds or changes one item of a list section. EINVALID,
// ENOTFOUND, ECONFLICT.
func (s *RecordService) SaveItem(ctx context.Context, item *care.Item) (err error) {
	defer wrap(&err, "SaveItem")
	spec := care.FindSection(item.Section)
	if spec == nil || !spec.List {
		return care.Errorf(care.EINVALID, "There is no list called %q", item.Section)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if changed, err := saveItem(ctx, tx, spec, item); err != nil || !changed {
		return err
	}
	return tx.Commit()
}

// saveItem checks item against its section and the rest of the record,
// stores it with its history, and reports whether anything changed. An
// edit that changes nothing leaves item as it is stored.
func saveItem(ctx context.Context, tx *Tx, spec *care.SectionSpec, item *care.Item) (bool, error) {
	if _, err := tx.Actor(); err != nil {
		return false, err
	}
	values, err := spec.CleanValues(item.Values, tx.clock)
	if err != nil {
		return false, err
	}
	rec, err := findRecord(ctx, tx, item.PersonID)
	if err != nil {
		return false, err
	}
	var old *care.Item
	if item.ID != 0 {
		if old, err = findItem(ctx, tx, item.PersonID, item.ID); err != nil {
			return false, err
		} else if old.Section != item.Section {
			return false, care.Errorf(care.EINVALID, "That entry belongs to another section")
		} else if old.Version != item.Version {
			return false, care.Errorf(care.ECONFLICT, "This %s was changed somewhere else while you were editing. Your changes have not been saved. Reload the record and make them again", spec.ItemName)
		}
	}
	if err := checkItemRules(ctx, tx, rec, item, values); err != nil {
		return false, err
	}

	before := map[string]string{}
	if old != nil {
		before = old.Values
	}
	kept := itemChanges(spec, item.ID, before, values)
	if len(kept) == 0 {
		if old != nil {
			*item = *old // nothing changed: keep the version as it was
		}
		return false, nil
	}
	action := care.ActionEdit
	if old == nil {
		action = care.ActionAdd
	}
	if err := writeItem(ctx, tx, item, old, values); err != nil {
		return false, err
	}
	for i := range kept {
		kept[i].itemID = item.ID // a new item's, now it has one
	}
	if err := recordHistory(ctx, tx, item.PersonID, action, kept); err != nil {
		return false, err
	}
	return true, actOnNeed(ctx, tx, item)
}

// writeItem inserts item (old nil) or updates it from old, with values,
// and gives item what was stored: its id, UUID, version and times.
func writeItem(ctx context.Context, tx *Tx, item, old *care.Item, values map[string]string) error {
	data, err := json.Marshal(values)
	if err != nil {
		return err
	}
	if old == nil {
		uuid := newUUID()
		res, err := tx.ExecContext(ctx, `INSERT INTO record_items (uuid, person_id, section, data, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
			uuid, item.PersonID, item.Section, string(data), formatTime(tx.now), formatTime(tx.now))
		if err != nil {
			return err
		}
		if item.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		item.UUID, item.Version, item.CreatedAt = uuid, 1, tx.now
	} else {
		if _, err := tx.ExecContext(ctx, `UPDATE record_items SET data = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			string(data), formatTime(tx.now), item.ID); err != nil {
			return err
		}
		item.UUID, item.Version, item.CreatedAt = old.UUID, old.Version+1, old.CreatedAt
	}
	item.UpdatedAt, item.Values = tx.now, values
	return nil
}

// itemChanges lists, in the section's field order, the fields of item
// itemID whose values differ between before and after.
func itemChanges(spec *care.SectionSpec, itemID int64, before, after map[string]string) []change {
	var out []change
	for _, f := range spec.Fields {
		if before[f.Key] != after[f.Key] {
			out = append(out, change{section: spec.Key, itemID: itemID, field: f.Key, before: before[f.Key], after: after[f.Key]})
		}
	}
	return out
}

// checkItemRules applies the rules that look beyond one item (see
// care.Record.CheckItem) on rec, the record as it stands in tx, and checks
// an action owner who is a meeting participant.
func checkItemRules(ctx context.Context, tx *Tx, rec *care.Record, item *care.Item, values map[string]string) error {
	if a, ok := care.Decode(item.Section, values).(care.Action); ok && a.Owner.Kind == care.OwnerParticipant {
		if err := checkParticipant(ctx, tx, item.PersonID, a.Owner.ID); err != nil {
			return err
		}
	}
	return rec.CheckItem(item.Section, item.ID, values)
}

// RemoveItem removes an item, keeping its values in history. ENOTFOUND,
// ECONFLICT, EINVALID if a communication need belongs to it.
func (s *RecordService) RemoveItem(ctx context.Context, personID, itemID int64, version int) (err error) {
	defer wrap(&err, "RemoveItem")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := removeItem(ctx, tx, personID, itemID, version); err != nil {
		return err
	}
	return tx.Commit()
}

// removeItem deletes the item at version if nothing else in the record
// depends on it, and keeps its values in history.
func removeItem(ctx context.Context, tx *Tx, personID, itemID int64, version int) error {
	if _, err := tx.Actor(); err != nil {
		return err
	}
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
	return recordHistory(ctx, tx, personID, care.ActionRemove, itemChanges(spec, itemID, old.Values, nil))
}

// checkOwner refuses an action owner (as stored) who is not one of the
// person's contacts or care team, or not a current participant of a
// meeting about them.
func checkOwner(ctx context.Context, tx *Tx, personID int64, owner string) error {
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
func checkParticipant(ctx context.Context, tx *Tx, personID, participantID int64) error {
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
