package sqlite

import (
	"context"

	"whatmatters/internal/care"
)

// What each coordinator is typing in a meeting, one draft per author. A
// draft is a working copy on this computer, keyed by meeting and author: it
// never travels, so it has no UUID.

// SaveDraft keeps what the actor is typing, and who is speaking, as their
// own draft. EINVALID, ENOTFOUND, ELOCKED once the meeting has ended.
func (s *MeetingService) SaveDraft(ctx context.Context, meetingID, speakerID int64, text string) (err error) {
	defer wrap(&err, "SaveDraft")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := saveDraft(ctx, tx, meetingID, speakerID, text); err != nil {
		return err
	}
	return tx.Commit()
}

func saveDraft(ctx context.Context, tx *Tx, meetingID, speakerID int64, text string) error {
	spec := care.FieldSpec{Key: "text", Label: "What was said", Kind: care.KindLongText, Max: care.MaxContribution}
	if _, err := spec.Clean(text, tx.clock); err != nil {
		return err
	}
	if _, err := findOpenMeeting(ctx, tx, meetingID); err != nil {
		return err
	}
	if text == "" && speakerID <= 0 {
		if err := deleteDraft(ctx, tx, meetingID, tx.actor.Name); err != nil {
			return err
		}
		return touchMeeting(ctx, tx, meetingID)
	}
	var speaker any
	if speakerID > 0 {
		speaker = speakerID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_drafts (meeting_id, author, text, speaker, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (meeting_id, author) DO UPDATE SET text = excluded.text, speaker = excluded.speaker, updated_at = excluded.updated_at`,
		meetingID, tx.actor.Name, text, speaker, formatTime(tx.now)); err != nil {
		return err
	}
	return touchMeeting(ctx, tx, meetingID)
}

// deleteDraft removes one author's draft of a meeting.
func deleteDraft(ctx context.Context, tx *Tx, meetingID int64, author string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM meeting_drafts WHERE meeting_id = ? AND author = ?`, meetingID, author)
	return err
}

// findDrafts reads every author's draft of a meeting, oldest first.
func findDrafts(ctx context.Context, tx *Tx, meetingID int64) ([]*care.Draft, error) {
	return queryAll(ctx, tx, scanDraft, `SELECT author, text, IFNULL(speaker, 0), updated_at FROM meeting_drafts
		WHERE meeting_id = ? ORDER BY updated_at, author`, meetingID)
}

func scanDraft(row scanner) (*care.Draft, error) {
	d := &care.Draft{}
	var at string
	if err := row.Scan(&d.Author, &d.Text, &d.SpeakerID, &at); err != nil {
		return nil, err
	}
	d.UpdatedAt = parseTime(at)
	return d, nil
}
