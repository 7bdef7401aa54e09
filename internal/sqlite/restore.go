package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"maps"
	"slices"

	"whatmatters/internal/care"
)

// Restore brings back what a history entry replaced, as a new change:
// a field's earlier value, or an item that was removed, with the values
// its removal kept. A field in the person's own words is restored as an
// edit of their words, recorded as such; anything else is recorded as
// ActionRestore. Refused, with why, when the value depends on something no
// longer in the record (an action's owner, its goal). ENOTFOUND, EINVALID,
// ECONFLICT.
func (s *RecordService) Restore(ctx context.Context, personID, historyID int64) (err error) {
	defer wrap(&err, "Restore")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := restore(ctx, tx, personID, historyID); err != nil {
		return err
	}
	return tx.Commit()
}

// restore restores the history entry historyID of the person.
func restore(ctx context.Context, tx *Tx, personID, historyID int64) error {
	if _, err := tx.Actor(); err != nil {
		return err
	}
	h, err := scanHistoryEntry(tx.QueryRowContext(ctx, `
		SELECT id, person_id, at, actor_name, actor_role, action, section, IFNULL(item_id, 0), field, before, after
		FROM history WHERE id = ? AND person_id = ?`, historyID, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return care.Errorf(care.ENOTFOUND, "That change is not in this person's history")
	} else if err != nil {
		return err
	}
	if !h.Restorable() {
		return care.Errorf(care.EINVALID, "There is no earlier value to bring back from this change")
	}
	spec := care.FindSection(h.Section)
	if spec == nil || spec.Field(h.Field) == nil {
		return care.Errorf(care.EINVALID, "That change is to a field the record no longer has")
	}
	switch {
	case h.Action == care.ActionRemove:
		return restoreItem(ctx, tx, spec, h)
	case !spec.List:
		fields, err := findFields(ctx, tx, personID)
		if err != nil {
			return err
		}
		cur := fields[spec.Key][h.Field]
		if cur.Value == h.Before {
			return care.Errorf(care.EINVALID, "“%s” already says this: there is nothing to restore", spec.Field(h.Field).Label)
		}
		action := care.ActionRestore
		if spec.Field(h.Field).PersonsWords {
			action = care.ActionEditPersonsWords
		}
		typed := spec.Typed(map[string]string{h.Field: h.Before})[h.Field]
		_, err = saveFields(ctx, tx, personID, spec, action, []care.FieldChange{{Key: h.Field, Value: typed, Version: cur.Version}})
		return refused(err)
	}
	// A field of an item that is still in the record.
	it, err := findItem(ctx, tx, personID, h.ItemID)
	if care.ErrorCode(err) == care.ENOTFOUND {
		return care.Errorf(care.EINVALID, "This %s has been removed since. Restore it from its removal first", spec.ItemName)
	} else if err != nil {
		return err
	}
	values := map[string]string{}
	for k, v := range it.Values {
		values[k] = v
	}
	if values[h.Field] == h.Before {
		return care.Errorf(care.EINVALID, "“%s” already says this: there is nothing to restore", spec.Field(h.Field).Label)
	}
	values[h.Field] = h.Before
	cleaned, err := restoreChecks(ctx, tx, spec, &care.Item{ID: it.ID, PersonID: personID, Section: it.Section}, values)
	if err != nil {
		return err
	}
	if err := writeItem(ctx, tx, &care.Item{ID: it.ID, PersonID: personID, Section: it.Section}, it, cleaned); err != nil {
		return err
	}
	return recordHistory(ctx, tx, personID, care.ActionRestore, itemChanges(spec, it.ID, it.Values, cleaned))
}

// restoreChecks cleans the values an item would have again and applies
// the record's rules to them, saying why a restore is refused.
func restoreChecks(ctx context.Context, tx *Tx, spec *care.SectionSpec, item *care.Item, values map[string]string) (map[string]string, error) {
	cleaned, err := spec.CleanValues(spec.Typed(values), tx.clock)
	if err != nil {
		return nil, refused(err)
	}
	rec, err := findRecord(ctx, tx, item.PersonID)
	if err != nil {
		return nil, err
	}
	if err := checkItemRules(ctx, tx, rec, item, cleaned); err != nil {
		return nil, refused(err)
	}
	return cleaned, nil
}

// refused says that a restore was refused, and why.
func refused(err error) error {
	if err == nil || care.ErrorCode(err) != care.EINVALID {
		return err
	}
	return care.Errorf(care.EINVALID, "This cannot be restored. %s", care.ErrorMessage(err))
}

// restoreItem puts back an item that h's change removed, with the values
// its removal kept: with its old ID if that is free (SQLite may have given
// it to a newer item), and its old UUID if an agreed version knows it.
func restoreItem(ctx context.Context, tx *Tx, spec *care.SectionSpec, h *care.HistoryEntry) error {
	rows, err := queryAll(ctx, tx, scanHistoryEntry, `
		SELECT id, person_id, at, actor_name, actor_role, action, section, IFNULL(item_id, 0), field, before, after
		FROM history WHERE person_id = ? AND item_id = ? AND section = ? AND action = ? AND at = (SELECT at FROM history WHERE id = ?)
		ORDER BY id`, h.PersonID, h.ItemID, spec.Key, care.ActionRemove, h.ID)
	if err != nil {
		return err
	}
	// One removal's rows are written together, with consecutive IDs.
	values := map[string]string{}
	for _, r := range removalRun(rows, h.ID) {
		values[r.Field] = r.Before
	}
	rec, err := findRecord(ctx, tx, h.PersonID)
	if err != nil {
		return err
	}
	for _, it := range rec.Items[spec.Key] {
		if maps.Equal(it.Values, values) {
			return care.Errorf(care.EINVALID, "This %s is already back in the record", spec.ItemName)
		}
	}
	item := &care.Item{PersonID: h.PersonID, Section: spec.Key}
	cleaned, err := restoreChecks(ctx, tx, spec, item, values)
	if err != nil {
		return err
	}
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM record_items WHERE id = ?`, h.ItemID).Scan(&taken); err != nil {
		return err
	}
	var id any = h.ItemID
	if taken > 0 {
		id = nil // a new ID
	}
	data, err := json.Marshal(cleaned)
	if err != nil {
		return err
	}
	uuid, err := removedUUID(ctx, tx, h.PersonID, spec.Key, h.ItemID)
	if err != nil {
		return err
	}
	if uuid == "" {
		uuid = newUUID()
	}
	newID, err := insert(ctx, tx, `INSERT INTO record_items (id, uuid, person_id, section, data, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
		id, uuid, h.PersonID, spec.Key, string(data), formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return err
	}
	if err := recordHistory(ctx, tx, h.PersonID, care.ActionRestore, itemChanges(spec, newID, nil, cleaned)); err != nil {
		return err
	}
	return writeSearch(ctx, tx, h.PersonID)
}

// removalRun returns the rows, in ID order, with consecutive IDs around id.
func removalRun(rows []*care.HistoryEntry, id int64) []*care.HistoryEntry {
	at := slices.IndexFunc(rows, func(r *care.HistoryEntry) bool { return r.ID == id })
	if at < 0 {
		return nil
	}
	lo, hi := at, at+1
	for lo > 0 && rows[lo-1].ID == rows[lo].ID-1 {
		lo--
	}
	for hi < len(rows) && rows[hi].ID == rows[hi-1].ID+1 {
		hi++
	}
	return rows[lo:hi]
}

// removedUUID is the UUID an item had, if an agreed version of the
// person's plan kept it, and no item has it now; "" if none did.
func removedUUID(ctx context.Context, tx *Tx, personID int64, section string, itemID int64) (string, error) {
	snaps, err := queryAll(ctx, tx, func(row scanner) (string, error) {
		var s string
		return s, row.Scan(&s)
	}, `SELECT snapshot FROM plan_versions WHERE person_id = ? ORDER BY number DESC`, personID)
	if err != nil {
		return "", err
	}
	for _, b := range snaps {
		snap, err := care.ReadSnapshot([]byte(b))
		if err != nil {
			continue // an old version we cannot read names no UUID
		}
		for _, e := range snap.View().Entries(section) {
			if e.ItemID() == itemID && e.ItemUUID() != "" {
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM record_items WHERE uuid = ?`, e.ItemUUID()).Scan(&n); err != nil || n > 0 {
					return "", err
				}
				return e.ItemUUID(), nil
			}
		}
	}
	return "", nil
}

// FindNames returns what the person's history needs to name what it
// refers to: their record, the items removed from it (named by their
// first field, as their removal kept it) and the people added to their
// meetings. ENOTFOUND.
func (s *RecordService) FindNames(ctx context.Context, personID int64) (_ *care.Names, err error) {
	defer wrap(&err, "FindNames")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rec, err := findRecord(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	n := &care.Names{Record: rec, Removed: map[int64]string{}, Participants: map[int64]string{}}
	type named struct {
		id        int64
		key, name string
	}
	removed, err := queryAll(ctx, tx, func(row scanner) (named, error) {
		var r named
		return r, row.Scan(&r.id, &r.key, &r.name)
	}, `SELECT item_id, section || '.' || field, before FROM history WHERE person_id = ? AND action = ? AND item_id IS NOT NULL ORDER BY id`,
		personID, care.ActionRemove)
	if err != nil {
		return nil, err
	}
	first := map[string]bool{}
	for _, s := range care.Schema {
		if s.List && len(s.Fields) > 0 {
			first[s.Key+"."+s.Fields[0].Key] = true
		}
	}
	for _, r := range removed {
		if first[r.key] {
			n.Removed[r.id] = r.name
		}
	}
	people, err := queryAll(ctx, tx, func(row scanner) (named, error) {
		var r named
		return r, row.Scan(&r.id, &r.name)
	}, `SELECT p.id, p.name FROM participants p JOIN meetings m ON m.id = p.meeting_id WHERE m.person_id = ?`, personID)
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		n.Participants[p.id] = p.name
	}
	return n, nil
}
