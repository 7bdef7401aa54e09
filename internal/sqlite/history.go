package sqlite

import (
	"context"
	"database/sql"

	"whatmatters/internal/care"
)

// change is one field's before and after, to be kept in history.
type change struct {
	section, field, before, after string
	itemID                        int64
}

// recordHistory keeps changes in the same transaction as the change itself.
// It refuses, with care.ErrNoActor, to write without knowing who is writing.
func (db *DB) recordHistory(ctx context.Context, tx *sql.Tx, personID int64, action string, changes []change) error {
	actor, ok := care.ActorFrom(ctx)
	if !ok {
		return care.ErrNoActor
	}
	at := formatTime(db.now())
	for _, c := range changes {
		var item any
		if c.itemID != 0 {
			item = c.itemID
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO history (person_id, at, actor_name, actor_role, action, section, item_id, field, before, after)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			personID, at, actor.Name, actor.Role, action, c.section, item, c.field, c.before, c.after); err != nil {
			return err
		}
	}
	return nil
}

// FindHistory returns a person's kept changes, newest first, and how many
// there are in all.
func (s *RecordService) FindHistory(ctx context.Context, personID int64, offset, limit int) ([]*care.HistoryEntry, int, error) {
	tx, err := s.db.beginRead(ctx)
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
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM history WHERE person_id = ?`, personID).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT id, at, actor_name, actor_role, action, section, IFNULL(item_id, 0), field, before, after
		FROM history WHERE person_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`, personID, limit, max(offset, 0))
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*care.HistoryEntry
	for rows.Next() {
		h := &care.HistoryEntry{PersonID: personID}
		var at string
		if err := rows.Scan(&h.ID, &at, &h.Actor.Name, &h.Actor.Role, &h.Action, &h.Section, &h.ItemID, &h.Field, &h.Before, &h.After); err != nil {
			return nil, 0, err
		}
		h.At = parseTime(at)
		out = append(out, h)
	}
	return out, total, rows.Err()
}
