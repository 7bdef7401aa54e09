package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"whatmatters/internal/care"
)

// Corrections of what was said in a meeting: only the person who added a
// contribution corrects it, and the original words are kept.

var _ care.MinutesService = (*MeetingService)(nil)

// errNotYours refuses a correction of someone else's contribution.
var errNotYours = care.Errorf(care.EINVALID, "Only the person who added this can correct it")

// CorrectContribution records a correction of a contribution by the actor
// in ctx, who must have added it. A correction made once a plan has been
// agreed since the meeting ended is marked so. EINVALID, ENOTFOUND.
func (s *MeetingService) CorrectContribution(ctx context.Context, c *care.Correction) (err error) {
	defer wrap(&err, "CorrectContribution")
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := correctContribution(ctx, tx, c); err != nil {
		return err
	}
	return tx.Commit()
}

func correctContribution(ctx context.Context, tx *Tx, c *care.Correction) error {
	actor, err := tx.Actor()
	if err != nil {
		return err
	}
	var meetingID int64
	var author string
	err = tx.QueryRowContext(ctx, `SELECT meeting_id, created_by FROM contributions WHERE id = ?`, c.ContributionID).Scan(&meetingID, &author)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && c.MeetingID != 0 && c.MeetingID != meetingID) {
		return care.Errorf(care.ENOTFOUND, "There is no such contribution. It may have been removed")
	} else if err != nil {
		return err
	}
	c.MeetingID = meetingID
	if author != actor.Name {
		return errNotYours
	}
	m, err := findMeetingByID(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	if !m.EndedAt.IsZero() {
		err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM plan_versions WHERE person_id = ? AND agreed_at >= ?)`,
			m.PersonID, formatTime(m.EndedAt)).Scan(&c.AfterAgreed)
		if err != nil {
			return err
		}
	}
	c.UUID, c.CreatedAt, c.CreatedBy = newUUID(), tx.now, actor.Name
	if c.ID, err = insert(ctx, tx, `INSERT INTO contribution_corrections (uuid, contribution_id, text, struck, reason, after_agreed, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.UUID, c.ContributionID, c.Text, c.Struck, c.Reason, c.AfterAgreed, formatTime(c.CreatedAt), c.CreatedBy); err != nil {
		return err
	}
	return touchMeeting(ctx, tx, meetingID)
}

// findCorrections reads the corrections of a meeting's contributions into
// them, oldest first.
func findCorrections(ctx context.Context, tx *Tx, meetingID int64, cs []*care.Contribution) error {
	byID := map[int64]*care.Contribution{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	found, err := queryAll(ctx, tx, scanCorrection, `SELECT k.id, k.uuid, k.contribution_id, k.text, k.struck, k.reason, k.after_agreed, k.created_at, k.created_by
		FROM contribution_corrections k JOIN contributions c ON c.id = k.contribution_id WHERE c.meeting_id = ? ORDER BY k.id`, meetingID)
	for _, k := range found {
		if c := byID[k.ContributionID]; c != nil {
			c.Corrections = append(c.Corrections, k)
		}
	}
	return err
}

func scanCorrection(row scanner) (*care.Correction, error) {
	k := &care.Correction{}
	var at string
	if err := row.Scan(&k.ID, &k.UUID, &k.ContributionID, &k.Text, &k.Struck, &k.Reason, &k.AfterAgreed, &at, &k.CreatedBy); err != nil {
		return nil, err
	}
	k.CreatedAt = parseTime(at)
	return k, nil
}
