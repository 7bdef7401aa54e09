package sqlite

import (
	"context"

	"whatmatters/internal/care"
)

// change is one field's before and after, to be kept in history.
type change struct {
	section, field, before, after string
	itemID                        int64
}

// recordHistory keeps changes in the same transaction as the change itself,
// at the transaction's time. It refuses, with care.ErrNoActor, to write
// without knowing who is writing.
func recordHistory(ctx context.Context, tx *Tx, personID int64, action string, changes []change) error {
	actor, err := tx.Actor()
	if err != nil {
		return err
	}
	return recordHistoryAs(ctx, tx, personID, actor, action, changes)
}

// recordHistoryAs is recordHistory naming actor, such as who made a change
// on the FHIR server that sync brought here.
func recordHistoryAs(ctx context.Context, tx *Tx, personID int64, actor care.Actor, action string, changes []change) error {
	at := formatTime(tx.now)
	var id int64
	var prev string
	if err := tx.QueryRowContext(ctx, `SELECT IFNULL(MAX(id), 0), IFNULL((SELECT hash FROM history ORDER BY id DESC LIMIT 1), '') FROM history`).
		Scan(&id, &prev); err != nil {
		return err
	}
	for _, c := range changes {
		id++
		row := historyRow{id: id, personID: personID, at: at, accountID: actor.AccountID, name: actor.Name, role: actor.Role,
			action: action, section: c.section, itemID: c.itemID, field: c.field, before: c.before, after: c.after}
		hash := chainHash(prev, row.canonical())
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO history (id, person_id, at, account_id, actor_name, actor_role, action, section, item_id, field, before, after, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, personID, at, nullID(actor.AccountID), actor.Name, actor.Role, action, c.section, nullID(c.itemID), c.field, c.before, c.after,
			prev, hash); err != nil {
			return err
		}
		prev = hash
	}
	return nil
}

// historyRow is a history row as it is hashed.
type historyRow struct {
	id, personID, accountID, itemID                       int64
	at, name, role, action, section, field, before, after string
}

func (r historyRow) canonical() []any {
	return []any{r.id, r.personID, r.at, r.accountID, r.name, r.role, r.action, r.section, r.itemID, r.field, r.before, r.after}
}

// nullID stores 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// FindHistory returns a person's kept changes, newest first, and how many
// there are in all. ENOTFOUND if there is no such person.
func (s *RecordService) FindHistory(ctx context.Context, personID int64, offset, limit int) (_ []*care.HistoryEntry, _ int, err error) {
	defer wrap(&err, "FindHistory")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	if _, err := findPersonByID(ctx, tx, personID); err != nil {
		return nil, 0, err
	}
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return findHistory(ctx, tx, personID, offset, limit)
}

// findHistory reads one page of a person's history, and how many rows it has.
func findHistory(ctx context.Context, tx *Tx, personID int64, offset, limit int) ([]*care.HistoryEntry, int, error) {
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM history WHERE person_id = ?`, personID).Scan(&total); err != nil {
		return nil, 0, err
	}
	out, err := queryAll(ctx, tx, scanHistoryEntry, `
		SELECT id, person_id, at, actor_name, actor_role, action, section, IFNULL(item_id, 0), field, before, after
		FROM history WHERE person_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`, personID, limit, max(offset, 0))
	return out, total, err
}

func scanHistoryEntry(row scanner) (*care.HistoryEntry, error) {
	h := &care.HistoryEntry{}
	var at string
	if err := row.Scan(&h.ID, &h.PersonID, &at, &h.Actor.Name, &h.Actor.Role, &h.Action, &h.Section, &h.ItemID, &h.Field, &h.Before, &h.After); err != nil {
		return nil, err
	}
	h.At = parseTime(at)
	return h, nil
}
