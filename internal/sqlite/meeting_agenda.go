package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"whatmatters/internal/care"
)

// SetAgenda replaces the agenda, keeping, renaming, adding and dropping items.
func (s *MeetingService) SetAgenda(ctx context.Context, meetingID int64, items []care.AgendaItem) error {
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
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return s.writeMeeting(ctx, meetingID, false, func(tx *sql.Tx, m *care.Meeting) error {
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
				if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (meeting_id, position, title) VALUES (?, ?, ?)`, meetingID, i, it.Title); err != nil {
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
		return nil
	})
}

// StartMeeting records the start and opens the first agenda item.
func (s *MeetingService) StartMeeting(ctx context.Context, meetingID int64) error {
	return s.writeMeeting(ctx, meetingID, false, func(tx *sql.Tx, m *care.Meeting) error {
		if !m.StartedAt.IsZero() {
			return nil // already started: resuming
		}
		now := formatTime(s.db.now())
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET started_at = ? WHERE id = ?`, now, meetingID); err != nil {
			return err
		}
		if len(m.Agenda) == 0 {
			return nil
		}
		return moveTo(ctx, tx, m, m.Agenda[0].ID, s.db.now())
	})
}

// moveTo stops the current item's timer and starts item's.
func moveTo(ctx context.Context, tx *sql.Tx, m *care.Meeting, itemID int64, now time.Time) error {
	for _, a := range m.Agenda {
		if a.ID == m.CurrentItemID && !a.StartedAt.IsZero() {
			spent := int(now.Sub(a.StartedAt).Seconds())
			if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET seconds = seconds + ?, started_at = NULL WHERE id = ?`, max(spent, 0), a.ID); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET started_at = ? WHERE id = ?`, formatTime(now), itemID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE meetings SET current_item = ? WHERE id = ?`, itemID, m.ID)
	return err
}

// MoveToItem makes an agenda item current, keeping each item's timer.
func (s *MeetingService) MoveToItem(ctx context.Context, meetingID, itemID int64) error {
	return s.writeMeeting(ctx, meetingID, false, func(tx *sql.Tx, m *care.Meeting) error {
		if m.StartedAt.IsZero() {
			return care.Errorf(care.EINVALID, "Start the meeting first")
		}
		for _, a := range m.Agenda {
			if a.ID == itemID {
				if itemID == m.CurrentItemID {
					return nil
				}
				return moveTo(ctx, tx, m, itemID, s.db.now())
			}
		}
		return care.Errorf(care.ENOTFOUND, "That agenda item is not part of this meeting")
	})
}
