package sqlite

import (
	"context"
	"errors"
	"strconv"
	"time"

	"whatmatters/internal/care"
)

// A meeting's agenda, and the timer each item keeps.

// SetAgenda replaces the agenda, keeping, renaming, adding and dropping
// items. EINVALID, ENOTFOUND, ELOCKED once the meeting has ended.
func (s *MeetingService) SetAgenda(ctx context.Context, meetingID int64, items []care.AgendaItem) (err error) {
	defer wrap(&err, "SetAgenda")
	if err := cleanAgenda(items); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setAgenda(ctx, tx, meetingID, items); err != nil {
		return err
	}
	return tx.Commit()
}

// cleanAgenda checks and tidies the titles of an agenda, in place.
func cleanAgenda(items []care.AgendaItem) error {
	if len(items) == 0 {
		return care.FieldError("agenda", "Keep at least one agenda item")
	} else if len(items) > care.MaxAgendaItems {
		return care.FieldError("agenda", "An agenda can have at most 30 items")
	}
	var errs []error
	for i := range items {
		t, err := care.Required("agenda"+strconv.Itoa(i), "Agenda item", "the agenda item", items[i].Title, care.MaxShortText)
		if err != nil {
			errs = append(errs, err)
		}
		items[i].Title = t
	}
	return errors.Join(errs...)
}

func setAgenda(ctx context.Context, tx *Tx, meetingID int64, items []care.AgendaItem) error {
	m, err := findOpenMeeting(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	keep := map[int64]bool{}
	for _, it := range items {
		keep[it.ID] = true
	}
	for _, old := range m.Agenda {
		if keep[old.ID] {
			continue
		}
		for _, c := range m.Contributions {
			if c.AgendaItemID == old.ID {
				return care.Errorf(care.EINVALID, "“%s” has contributions recorded under it, so it stays on the agenda", old.Title)
			}
		}
		if old.ID == m.CurrentItemID {
			return care.Errorf(care.EINVALID, "“%s” is the item being discussed. Move on before dropping it", old.Title)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM agenda_items WHERE id = ?`, old.ID); err != nil {
			return err
		}
	}
	existing := map[int64]bool{}
	for _, old := range m.Agenda {
		existing[old.ID] = true
	}
	for i, it := range items {
		if it.ID == 0 {
			if err := insertAgendaItem(ctx, tx, meetingID, i, it.Title); err != nil {
				return err
			}
			continue
		}
		if !existing[it.ID] {
			return care.Errorf(care.EINVALID, "That agenda item is not part of this meeting")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET position = ?, title = ? WHERE id = ?`, i, it.Title, it.ID); err != nil {
			return err
		}
	}
	return touchMeeting(ctx, tx, meetingID)
}

// insertAgendaItem adds an item at position, with its own UUID.
func insertAgendaItem(ctx context.Context, tx *Tx, meetingID int64, position int, title string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (uuid, meeting_id, position, title) VALUES (?, ?, ?, ?)`,
		newUUID(), meetingID, position, title)
	return err
}

// findAgenda reads a meeting's agenda in order.
func findAgenda(ctx context.Context, tx *Tx, meetingID int64) ([]*care.AgendaItem, error) {
	return queryAll(ctx, tx, scanAgendaItem, `SELECT id, IFNULL(uuid, ''), meeting_id, position, title, IFNULL(started_at, ''), seconds
		FROM agenda_items WHERE meeting_id = ? ORDER BY position`, meetingID)
}

func scanAgendaItem(row scanner) (*care.AgendaItem, error) {
	a := &care.AgendaItem{}
	var started string
	if err := row.Scan(&a.ID, &a.UUID, &a.MeetingID, &a.Position, &a.Title, &started, &a.Seconds); err != nil {
		return nil, err
	}
	a.StartedAt = parseTime(started)
	return a, nil
}

// MoveToItem makes an agenda item current, keeping each item's timer.
// EINVALID before the meeting starts; ENOTFOUND; ELOCKED once it has ended.
func (s *MeetingService) MoveToItem(ctx context.Context, meetingID, itemID int64) (err error) {
	defer wrap(&err, "MoveToItem")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := moveToItem(ctx, tx, meetingID, itemID); err != nil {
		return err
	}
	return tx.Commit()
}

func moveToItem(ctx context.Context, tx *Tx, meetingID, itemID int64) error {
	m, err := findOpenMeeting(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	if m.StartedAt.IsZero() {
		return care.Errorf(care.EINVALID, "Start the meeting first")
	}
	found := false
	for _, a := range m.Agenda {
		found = found || a.ID == itemID
	}
	if !found {
		return care.Errorf(care.ENOTFOUND, "That agenda item is not part of this meeting")
	}
	if itemID != m.CurrentItemID {
		if err := moveTo(ctx, tx, m, itemID); err != nil {
			return err
		}
	}
	return touchMeeting(ctx, tx, meetingID)
}

// moveTo stops the current item's timer and starts itemID's, now.
func moveTo(ctx context.Context, tx *Tx, m *care.Meeting, itemID int64) error {
	if err := stopCurrent(ctx, tx, m, tx.now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET started_at = ? WHERE id = ?`, formatTime(tx.now), itemID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE meetings SET current_item = ? WHERE id = ?`, itemID, m.ID)
	return err
}

// stopCurrent adds the time spent on the current item, up to end, to its timer.
func stopCurrent(ctx context.Context, tx *Tx, m *care.Meeting, end time.Time) error {
	for _, a := range m.Agenda {
		if a.ID == m.CurrentItemID && !a.StartedAt.IsZero() {
			spent := int(end.Sub(a.StartedAt).Seconds())
			if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET seconds = seconds + ?, started_at = NULL WHERE id = ?`, max(spent, 0), a.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// stopTimers stops every timer of a meeting that is ending at end.
func stopTimers(ctx context.Context, tx *Tx, m *care.Meeting, end time.Time) error {
	if err := stopCurrent(ctx, tx, m, end); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE agenda_items SET started_at = NULL WHERE meeting_id = ?`, m.ID)
	return err
}
