package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"

	"whatmatters/internal/care"
)

// What is said in a meeting: drafts as they are typed, contributions and
// shared decisions.

// SaveDraft keeps what the actor is typing, and who is speaking, as their
// own draft. EINVALID, ENOTFOUND, ELOCKED once the meeting has ended.
func (s *MeetingService) SaveDraft(ctx context.Context, meetingID, speakerID int64, text string) error {
	spec := care.FieldSpec{Key: "text", Label: "What was said", Kind: care.KindLongText, Max: care.MaxContribution}
	if _, err := spec.Clean(text, s.db.Now()); err != nil {
		return err
	}
	actor, _ := care.ActorFrom(ctx)
	return s.writeMeeting(ctx, meetingID, false, func(tx *sql.Tx, m *care.Meeting) error {
		if text == "" && speakerID <= 0 {
			return deleteDraft(ctx, tx, meetingID, actor.Name)
		}
		var speaker any
		if speakerID > 0 {
			speaker = speakerID
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO meeting_drafts (meeting_id, author, text, speaker, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (meeting_id, author) DO UPDATE SET text = excluded.text, speaker = excluded.speaker, updated_at = excluded.updated_at`,
			meetingID, actor.Name, text, speaker, formatTime(s.db.now()))
		return err
	})
}

// deleteDraft removes one author's draft of a meeting.
func deleteDraft(ctx context.Context, tx *sql.Tx, meetingID int64, author string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM meeting_drafts WHERE meeting_id = ? AND author = ?`, meetingID, author)
	return err
}

// AddContribution records what was said under the current agenda item and
// clears the draft. EINVALID; ELOCKED once the meeting has ended.
func (s *MeetingService) AddContribution(ctx context.Context, c *care.Contribution) error {
	if err := c.Validate(); err != nil {
		return err
	}
	actor, _ := care.ActorFrom(ctx)
	return s.writeMeeting(ctx, c.MeetingID, false, func(tx *sql.Tx, m *care.Meeting) error {
		if m.StartedAt.IsZero() {
			return care.Errorf(care.EINVALID, "Start the meeting before recording what is said")
		}
		var speaker *care.Participant
		for _, p := range m.Participants {
			if p.ID == c.ParticipantID && !p.Removed {
				speaker = p
			}
		}
		if speaker == nil {
			return care.FieldError("speaker", "Choose who spoke from the people taking part")
		}
		if c.PersonsWords && speaker.Kind != care.ParticipantPerson {
			return care.FieldError("personsWords", "Only what the person themselves said can be marked as their own words")
		}
		c.AgendaItemID = m.CurrentItemID
		c.UUID, c.CreatedAt = newUUID(), s.db.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO contributions (uuid, meeting_id, agenda_item_id, participant_id, text, persons_words, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.UUID, c.MeetingID, c.AgendaItemID, c.ParticipantID, c.Text, c.PersonsWords, formatTime(c.CreatedAt), actor.Name)
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return deleteDraft(ctx, tx, c.MeetingID, actor.Name)
	})
}

// SaveDecision adds (ID 0) or changes a shared decision. EINVALID, ECONFLICT.
func (s *MeetingService) SaveDecision(ctx context.Context, d *care.Decision) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if d.Options == nil {
		d.Options = []care.DecisionOption{}
	}
	options, err := json.Marshal(d.Options)
	if err != nil {
		return err
	}
	return s.writeMeeting(ctx, d.MeetingID, false, func(tx *sql.Tx, m *care.Meeting) error {
		now := formatTime(s.db.now())
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
			d.ID, err = res.LastInsertId()
			d.Version = 1
			return err
		}
		for _, o := range m.Decisions {
			if o.ID == d.ID {
				d.UUID = o.UUID
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE decisions SET decision = ?, options = ?, what_matters = ?, who_took_part = ?, reservations = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND meeting_id = ? AND version = ?`, d.Decision, string(options), d.WhatMatters, d.WhoTookPart, d.Reservations, now, d.ID, d.MeetingID, d.Version)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return care.Errorf(care.ECONFLICT, "This decision was changed somewhere else. Reload the meeting and make your change again")
		}
		d.Version++
		return err
	})
}
