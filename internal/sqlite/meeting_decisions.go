package sqlite

import (
	"context"
	"encoding/json"

	"whatmatters/internal/care"
)

// Shared decisions made in a meeting.

// SaveDecision adds (ID 0) or changes a shared decision. EINVALID,
// ECONFLICT, ELOCKED once the meeting has ended.
func (s *MeetingService) SaveDecision(ctx context.Context, d *care.Decision) (err error) {
	defer wrap(&err, "SaveDecision")
	if err := d.Validate(); err != nil {
		return err
	}
	if d.Options == nil {
		d.Options = []care.DecisionOption{}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := saveDecision(ctx, tx, d); err != nil {
		return err
	}
	return tx.Commit()
}

func saveDecision(ctx context.Context, tx *Tx, d *care.Decision) error {
	options, err := json.Marshal(d.Options)
	if err != nil {
		return err
	}
	m, err := findOpenMeeting(ctx, tx, d.MeetingID)
	if err != nil {
		return err
	}
	now := formatTime(tx.now)
	if d.ID == 0 {
		var item any
		if m.CurrentItemID != 0 {
			item = m.CurrentItemID
		}
		d.UUID = newUUID()
		res, err := tx.ExecContext(ctx, `INSERT INTO decisions (uuid, meeting_id, agenda_item_id, decision, options, what_matters, who_took_part, reservations, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.UUID, d.MeetingID, item, d.Decision, string(options), d.WhatMatters, d.WhoTookPart, d.Reservations, now, now)
		if err != nil {
			return err
		}
		if d.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		d.Version = 1
		return touchMeeting(ctx, tx, m.ID)
	}
	for _, o := range m.Decisions {
		if o.ID == d.ID {
			d.UUID = o.UUID
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE decisions SET decision = ?, options = ?, what_matters = ?, who_took_part = ?, reservations = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND meeting_id = ? AND version = ?`, d.Decision, string(options), d.WhatMatters, d.WhoTookPart, d.Reservations, now, d.ID, d.MeetingID, d.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return care.Errorf(care.ECONFLICT, "This decision was changed somewhere else. Reload the meeting and make your change again")
	}
	d.Version++
	return touchMeeting(ctx, tx, m.ID)
}

const decisionColumns = `id, IFNULL(uuid, ''), meeting_id, IFNULL(agenda_item_id, 0), decision, options, what_matters, who_took_part, reservations, version`

func scanDecision(row scanner) (*care.Decision, error) {
	d := &care.Decision{}
	var options string
	if err := row.Scan(&d.ID, &d.UUID, &d.MeetingID, &d.AgendaItemID, &d.Decision, &options, &d.WhatMatters, &d.WhoTookPart, &d.Reservations, &d.Version); err != nil {
		return nil, err
	}
	return d, json.Unmarshal([]byte(options), &d.Options)
}

// findDecisions reads the decisions that match where (a condition on the
// decisions table, with its one argument), in the order they were made.
func findDecisions(ctx context.Context, tx *Tx, where string, arg any) ([]*care.Decision, error) {
	return queryAll(ctx, tx, scanDecision, `SELECT `+decisionColumns+` FROM decisions WHERE `+where+` ORDER BY id`, arg)
}
