package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"whatmatters/internal/care"
)

// SaveParticipant adds (ID 0) or changes a participant. EINVALID, ENOTFOUND.
func (s *MeetingService) SaveParticipant(ctx context.Context, p *care.Participant) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.writeMeeting(ctx, p.MeetingID, false, func(tx *sql.Tx, m *care.Meeting) error {
		var source any
		if p.SourceItemID != 0 {
			source = p.SourceItemID
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
			p.UUID = newUUID()
			res, err := tx.ExecContext(ctx, `INSERT INTO participants (uuid, meeting_id, name, role, kind, source_item, attendance) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				p.UUID, p.MeetingID, p.Name, p.Role, p.Kind, source, p.Attendance)
			if err != nil {
				return err
			}
			p.ID, err = res.LastInsertId()
			return err
		}
		for _, o := range m.Participants {
			if o.ID == p.ID {
				p.UUID = o.UUID
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE participants SET name = ?, role = ?, attendance = ?, removed_at = NULL WHERE id = ? AND meeting_id = ?`,
			p.Name, p.Role, p.Attendance, p.ID, p.MeetingID)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return care.Errorf(care.ENOTFOUND, "That participant is not part of this meeting")
		}
		return err
	})
}

// RemoveParticipant takes someone out of a meeting. EINVALID if they own
// actions or have spoken; ENOTFOUND.
func (s *MeetingService) RemoveParticipant(ctx context.Context, participantID int64) error {
	var meetingID int64
	if err := s.db.rdb.QueryRowContext(ctx, `SELECT meeting_id FROM participants WHERE id = ?`, participantID).Scan(&meetingID); errors.Is(err, sql.ErrNoRows) {
		return care.Errorf(care.ENOTFOUND, "That participant is not part of this meeting")
	} else if err != nil {
		return err
	}
	return s.writeMeeting(ctx, meetingID, false, func(tx *sql.Tx, m *care.Meeting) error {
		var p *care.Participant
		for _, o := range m.Participants {
			if o.ID == participantID {
				p = o
			}
		}
		owner := care.OwnerParticipant + ":" + strconv.FormatInt(p.ID, 10)
		if p.Kind == care.ParticipantContact || p.Kind == care.ParticipantProfessional {
			owner = p.Kind + ":" + strconv.FormatInt(p.SourceItemID, 10)
		} else if p.Kind == care.ParticipantPerson {
			owner = care.OwnerPerson
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM record_items WHERE person_id = ? AND section = 'actions'
			AND json_extract(data, '$.owner') = ? AND json_extract(data, '$.meeting') = ?`, m.PersonID, owner, strconv.FormatInt(m.ID, 10)).Scan(&n); err != nil {
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
		_, err := tx.ExecContext(ctx, `UPDATE participants SET removed_at = ? WHERE id = ?`, formatTime(s.db.now()), p.ID)
		return err
	})
}
