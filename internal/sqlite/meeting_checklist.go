package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"whatmatters/internal/care"
)

// A meeting's checklist: what to book for it, as the person's
// communication needs ask (care.MeetingChecklist). Scheduling or changing a
// meeting adds what is missing (syncChecklist); ticking keeps who and when.

var _ care.ChecklistService = (*ChecklistService)(nil)

// ChecklistService keeps meetings' checklists in SQLite.
type ChecklistService struct{ db *DB }

// NewChecklistService returns the checklists kept in db.
func NewChecklistService(db *DB) *ChecklistService { return &ChecklistService{db} }

// syncChecklist adds to meeting m's checklist what the person's record
// asks to be booked and the checklist lacks. Items already there stay as
// they are, done or not; a meeting that has ended or was cancelled is left alone.
func syncChecklist(ctx context.Context, tx *Tx, m *care.Meeting) error {
	if m.Closed() {
		return nil
	}
	rec, err := findRecord(ctx, tx, m.PersonID)
	if err != nil {
		return err
	}
	return addToChecklist(ctx, tx, m, care.MeetingChecklist(rec))
}

// addToChecklist adds to meeting m's checklist the items it lacks, by key.
func addToChecklist(ctx context.Context, tx *Tx, m *care.Meeting, items []care.ChecklistItem) error {
	if m.Closed() {
		return nil
	}
	for _, c := range items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_checklist (uuid, meeting_id, key, label, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (meeting_id, key) DO NOTHING`, newUUID(), m.ID, c.Key, c.Label, formatTime(tx.now)); err != nil {
			return err
		}
	}
	return nil
}

const checklistColumns = `c.id, c.uuid, c.meeting_id, c.key, c.label, IFNULL(c.done_at, ''), c.done_by`

// checklistRow receives checklistColumns.
type checklistRow struct {
	c    care.ChecklistItem
	done string
}

func (r *checklistRow) dest() []any {
	return []any{&r.c.ID, &r.c.UUID, &r.c.MeetingID, &r.c.Key, &r.c.Label, &r.done, &r.c.DoneBy}
}

func (r *checklistRow) item() *care.ChecklistItem {
	c := r.c
	c.DoneAt = parseTime(r.done)
	return &c
}

func scanChecklistItem(row scanner) (*care.ChecklistItem, error) {
	var r checklistRow
	err := row.Scan(r.dest()...)
	return r.item(), err
}

// FindChecklist returns a meeting's checklist, in the order added. ENOTFOUND.
func (s *ChecklistService) FindChecklist(ctx context.Context, meetingID int64) (_ []*care.ChecklistItem, err error) {
	defer wrap(&err, "FindChecklist")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findMeetingByID(ctx, tx, meetingID); err != nil {
		return nil, err
	}
	return findChecklist(ctx, tx, meetingID)
}

func findChecklist(ctx context.Context, tx *Tx, meetingID int64) ([]*care.ChecklistItem, error) {
	return queryAll(ctx, tx, scanChecklistItem, `SELECT `+checklistColumns+` FROM meeting_checklist c WHERE c.meeting_id = ? ORDER BY c.id`, meetingID)
}

// SetChecklistItemDone ticks (done) or unticks an item, keeping who ticked
// it and when. EINVALID with no actor, ENOTFOUND, ELOCKED once its meeting
// has ended.
func (s *ChecklistService) SetChecklistItemDone(ctx context.Context, itemID int64, done bool) (_ *care.ChecklistItem, err error) {
	defer wrap(&err, "SetChecklistItemDone")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := setChecklistItemDone(ctx, tx, itemID, done)
	if err != nil {
		return nil, err
	}
	return c, tx.Commit()
}

func setChecklistItemDone(ctx context.Context, tx *Tx, itemID int64, done bool) (*care.ChecklistItem, error) {
	actor, err := tx.Actor()
	if err != nil {
		return nil, err
	}
	c, err := scanChecklistItem(tx.QueryRowContext(ctx, `SELECT `+checklistColumns+` FROM meeting_checklist c WHERE c.id = ?`, itemID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "That checklist item no longer exists")
	} else if err != nil {
		return nil, err
	}
	m, err := findMeetingByID(ctx, tx, c.MeetingID)
	if err != nil {
		return nil, err
	}
	if !m.EndedAt.IsZero() {
		return nil, errMeetingEnded
	}
	if c.Done() == done {
		return c, nil
	}
	var at any
	c.DoneAt, c.DoneBy = tx.now, actor.Name
	if done {
		at = formatTime(tx.now)
	} else {
		c.DoneAt, c.DoneBy = parseTime(""), ""
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meeting_checklist SET done_at = ?, done_by = ? WHERE id = ?`, at, c.DoneBy, c.ID); err != nil {
		return nil, err
	}
	return c, touchMeeting(ctx, tx, c.MeetingID)
}

// FindOpenChecklist lists the items not yet done of meetings that have not
// ended, soonest meeting first.
func (s *ChecklistService) FindOpenChecklist(ctx context.Context) (_ []care.OpenChecklistItem, err error) {
	defer wrap(&err, "FindOpenChecklist")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return queryAll(ctx, tx, scanOpenChecklistItem, `SELECT `+meetingColumns+`, `+checklistColumns+`, `+personColumns("p.")+`
		FROM meeting_checklist c JOIN meetings m ON m.id = c.meeting_id JOIN people p ON p.id = m.person_id
		WHERE c.done_at IS NULL AND m.ended_at IS NULL AND m.cancelled_at IS NULL AND `+supported("p")+` ORDER BY m.date, m.time, m.id, c.id LIMIT 200`)
}

// scanOpenChecklistItem reads meetingColumns, checklistColumns, then the
// personColumns of who the meeting is about.
func scanOpenChecklistItem(row scanner) (care.OpenChecklistItem, error) {
	var c checklistRow
	var p personRow
	m, err := scanMeetingAnd(row, append(c.dest(), p.dest()...)...)
	return care.OpenChecklistItem{Item: c.item(), Meeting: m, Person: p.person()}, err
}
