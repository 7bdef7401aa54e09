package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"whatmatters/internal/care"
)

// Who takes part in a meeting.

var errNotParticipant = care.Errorf(care.ENOTFOUND, "That participant is not part of this meeting")

// SaveParticipant adds (ID 0) or changes a participant. EINVALID, ENOTFOUND,
// ELOCKED once the meeting has ended.
func (s *MeetingService) SaveParticipant(ctx context.Context, p *care.Participant) (err error) {
	defer wrap(&err, "SaveParticipant")
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := saveParticipant(ctx, tx, p); err != nil {
		return err
	}
	return tx.Commit()
}

func saveParticipant(ctx context.Context, tx *Tx, p *care.Participant) error {
	m, err := findOpenMeeting(ctx, tx, p.MeetingID)
	if err != nil {
		return err
	}
	if p.SourceItemID != 0 {
		if err := checkOwner(ctx, tx, m.PersonID, p.Kind+":"+strconv.FormatInt(p.SourceItemID, 10)); err != nil {
			return care.FieldError("name", "Choose someone from the person's contacts or care team")
		}
	}
	if p.ID == 0 {
		for _, o := range m.Participants {
			if !o.Removed && o.SourceItemID != 0 && o.SourceItemID == p.SourceItemID {
				return care.FieldError("name", o.Name+" is already taking part")
			}
		}
		if err := insertParticipant(ctx, tx, p); err != nil {
			return err
		}
		return touchMeeting(ctx, tx, m.ID)
	}
	for _, o := range m.Participants {
		if o.ID == p.ID {
			p.UUID = o.UUID
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE participants SET name = ?, role = ?, attendance = ?, removed_at = NULL WHERE id = ? AND meeting_id = ?`,
		p.Name, p.Role, p.Attendance, p.ID, p.MeetingID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return errNotParticipant
	}
	return touchMeeting(ctx, tx, m.ID)
}

// insertParticipant stores a new participant, giving it its id and UUID.
func insertParticipant(ctx context.Context, tx *Tx, p *care.Participant) error {
	var source any
	if p.SourceItemID != 0 {
		source = p.SourceItemID
	}
	p.UUID = newUUID()
	res, err := tx.ExecContext(ctx, `INSERT INTO participants (uuid, meeting_id, name, role, kind, source_item, attendance) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.UUID, p.MeetingID, p.Name, p.Role, p.Kind, source, p.Attendance)
	if err != nil {
		return err
	}
	p.ID, err = res.LastInsertId()
	return err
}

// findParticipants reads a meeting's participants, removed ones too, in
// the order they were added.
func findParticipants(ctx context.Context, tx *Tx, meetingID int64) ([]*care.Participant, error) {
	return queryAll(ctx, tx, scanParticipant, `SELECT id, IFNULL(uuid, ''), meeting_id, name, role, kind, IFNULL(source_item, 0), attendance,
		removed_at IS NOT NULL FROM participants WHERE meeting_id = ? ORDER BY id`, meetingID)
}

func scanParticipant(row scanner) (*care.Participant, error) {
	p := &care.Participant{}
	err := row.Scan(&p.ID, &p.UUID, &p.MeetingID, &p.Name, &p.Role, &p.Kind, &p.SourceItemID, &p.Attendance, &p.Removed)
	return p, err
}

// RemoveParticipant takes someone out of a meeting. EINVALID if they own
// actions or have spoken; ENOTFOUND; ELOCKED once the meeting has ended.
func (s *MeetingService) RemoveParticipant(ctx context.Context, participantID int64) (err error) {
	defer wrap(&err, "RemoveParticipant")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := removeParticipant(ctx, tx, participantID); err != nil {
		return err
	}
	return tx.Commit()
}

func removeParticipant(ctx context.Context, tx *Tx, participantID int64) error {
	if _, err := tx.Actor(); err != nil {
		return err
	}
	var meetingID int64
	if err := tx.QueryRowContext(ctx, `SELECT meeting_id FROM participants WHERE id = ?`, participantID).Scan(&meetingID); errors.Is(err, sql.ErrNoRows) {
		return errNotParticipant
	} else if err != nil {
		return err
	}
	m, err := findOpenMeeting(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	var p *care.Participant
	for _, o := range m.Participants {
		if o.ID == participantID {
			p = o
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM record_items WHERE person_id = ? AND section = ?
		AND json_extract(data, ?) = ? AND json_extract(data, ?) = ?`, m.PersonID, care.SectionActions,
		actionOwner, p.Owner().String(), actionMeeting, strconv.FormatInt(m.ID, 10)).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return care.Errorf(care.EINVALID, "%s owns %d %s from this meeting. Give %s to someone else first", p.Name, n, plural(n, "action", "actions"), plural(n, "it", "them"))
	}
	for _, c := range m.Contributions {
		if c.ParticipantID == p.ID {
			return care.Errorf(care.EINVALID, "%s has spoken in this meeting, so they stay in its record. Change their attendance instead", p.Name)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE participants SET removed_at = ? WHERE id = ?`, formatTime(tx.now), p.ID); err != nil {
		return err
	}
	return touchMeeting(ctx, tx, m.ID)
}
