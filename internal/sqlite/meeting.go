package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"whatmatters/internal/care"
)

// A meeting is one aggregate kept in several files: this one has the
// meeting itself (its arrangements, start and end); meeting_participants.go,
// meeting_agenda.go, meeting_contributions.go, meeting_decisions.go and
// meeting_drafts.go have its parts.

// errMeetingEnded is what a change to a meeting that has ended gets.
var errMeetingEnded = care.Errorf(care.ELOCKED, "This meeting has ended. Its record can no longer change")

// CreateMeeting schedules a meeting with the person as a participant and the
// default agenda. EINVALID, ENOTFOUND.
func (s *MeetingService) CreateMeeting(ctx context.Context, m *care.Meeting) (err error) {
	defer wrap(&err, "CreateMeeting")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createMeeting(ctx, tx, m); err != nil {
		return err
	}
	return tx.Commit()
}

// createMeeting stores m with the person taking part (unless absent) and
// the default agenda.
func createMeeting(ctx context.Context, tx *Tx, m *care.Meeting) error {
	if err := m.Validate(tx.clock); err != nil {
		return err
	}
	if _, err := tx.Actor(); err != nil {
		return err
	}
	p, err := findPersonByID(ctx, tx, m.PersonID)
	if err != nil {
		return err
	}
	now := formatTime(tx.now)
	m.UUID = newUUID()
	res, err := tx.ExecContext(ctx, `INSERT INTO meetings (uuid, person_id, date, time, place, remote, purpose, person_absent_reason, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.UUID, m.PersonID, m.Date, m.Time, m.Place, m.Remote, m.Purpose, m.PersonAbsentReason, now, now)
	if err != nil {
		return err
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if m.PersonAbsentReason == "" {
		person := &care.Participant{MeetingID: m.ID, Name: p.DisplayName(), Role: "The person", Kind: care.ParticipantPerson, Attendance: "invited"}
		if err := insertParticipant(ctx, tx, person); err != nil {
			return err
		}
	}
	for i, title := range care.DefaultAgenda {
		if err := insertAgendaItem(ctx, tx, m.ID, i, title); err != nil {
			return err
		}
	}
	m.Version = 1
	return syncChecklist(ctx, tx, m)
}

// FindMeetingByID returns a meeting with all its details. ENOTFOUND.
func (s *MeetingService) FindMeetingByID(ctx context.Context, id int64) (_ *care.Meeting, err error) {
	defer wrap(&err, "FindMeetingByID")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := findMeetingByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return m, findMeetingDetails(ctx, tx, m)
}

const meetingColumns = `m.id, IFNULL(m.uuid, ''), m.person_id, m.date, m.time, m.place, m.remote, m.purpose, m.person_absent_reason,
	IFNULL(m.started_at, ''), IFNULL(m.ended_at, ''), m.summary, IFNULL(m.current_item, 0), m.version,
	IFNULL(m.cancelled_at, ''), m.cancel_reason`

func scanMeeting(row scanner) (*care.Meeting, error) { return scanMeetingAnd(row) }

// scanMeetingAnd reads meetingColumns, then into extra the columns after them.
func scanMeetingAnd(row scanner, extra ...any) (*care.Meeting, error) {
	m := &care.Meeting{}
	var started, ended, cancelled string
	err := row.Scan(append([]any{&m.ID, &m.UUID, &m.PersonID, &m.Date, &m.Time, &m.Place, &m.Remote, &m.Purpose, &m.PersonAbsentReason,
		&started, &ended, &m.Summary, &m.CurrentItemID, &m.Version, &cancelled, &m.CancelReason}, extra...)...)
	m.StartedAt, m.EndedAt, m.CancelledAt = parseTime(started), parseTime(ended), parseTime(cancelled)
	return m, err
}

// findMeetingByID reads a meeting without its details. ENOTFOUND.
func findMeetingByID(ctx context.Context, tx *Tx, id int64) (*care.Meeting, error) {
	m, err := scanMeeting(tx.QueryRowContext(ctx, `SELECT `+meetingColumns+` FROM meetings m WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "There is no such meeting. It may have been removed")
	}
	return m, err
}

// findMeetingDetails reads the meeting's participants, agenda,
// contributions, drafts and decisions into m.
func findMeetingDetails(ctx context.Context, tx *Tx, m *care.Meeting) (err error) {
	if m.Participants, err = findParticipants(ctx, tx, m.ID); err != nil {
		return err
	}
	if m.Agenda, err = findAgenda(ctx, tx, m.ID); err != nil {
		return err
	}
	if m.Contributions, err = findContributions(ctx, tx, m.ID); err != nil {
		return err
	}
	if m.Drafts, err = findDrafts(ctx, tx, m.ID); err != nil {
		return err
	}
	m.Decisions, err = findDecisions(ctx, tx, `meeting_id = ?`, m.ID)
	return err
}

// findOpenMeeting reads, with all its details, a meeting that is to be
// changed: it needs an actor (care.ErrNoActor) and refuses a meeting that
// has ended (ELOCKED). ENOTFOUND.
func findOpenMeeting(ctx context.Context, tx *Tx, id int64) (*care.Meeting, error) {
	if _, err := tx.Actor(); err != nil {
		return nil, err
	}
	m, err := findMeetingByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := findMeetingDetails(ctx, tx, m); err != nil {
		return nil, err
	}
	if !m.EndedAt.IsZero() {
		return nil, errMeetingEnded
	} else if !m.CancelledAt.IsZero() {
		return nil, errMeetingCancelled
	}
	return m, nil
}

// touchMeeting records that the meeting changed, at the transaction's time.
func touchMeeting(ctx context.Context, tx *Tx, id int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE meetings SET updated_at = ? WHERE id = ?`, formatTime(tx.now), id)
	return err
}

// findPlanMeetings returns a person's meetings, oldest first, each with its
// shared decisions but none of its other details: what an agreed plan keeps.
func findPlanMeetings(ctx context.Context, tx *Tx, personID int64) ([]*care.Meeting, error) {
	out, err := findMeetingList(ctx, tx, care.MeetingFilter{PersonID: personID}, -1)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*care.Meeting{}
	for _, m := range out {
		byID[m.ID] = m
	}
	decisions, err := findDecisions(ctx, tx, `meeting_id IN (SELECT id FROM meetings WHERE person_id = ?)`, personID)
	if err != nil {
		return nil, err
	}
	for _, d := range decisions {
		m := byID[d.MeetingID]
		m.Decisions = append(m.Decisions, d)
	}
	return out, nil
}

// FindMeetings returns meetings without their details, soonest first.
func (s *MeetingService) FindMeetings(ctx context.Context, f care.MeetingFilter) (_ []*care.Meeting, err error) {
	defer wrap(&err, "FindMeetings")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findMeetingList(ctx, tx, f, 500)
}

// findMeetingList reads the meetings f matches, soonest first, at most
// limit of them (-1: all).
func findMeetingList(ctx context.Context, tx *Tx, f care.MeetingFilter, limit int) ([]*care.Meeting, error) {
	return queryAll(ctx, tx, scanMeeting, `SELECT `+meetingColumns+` FROM meetings m
		WHERE (? = 0 OR m.person_id = ?) AND (? = '' OR m.date >= ?) AND (? = '' OR m.date <= ?)
		ORDER BY m.date, m.time, m.id LIMIT ?`, f.PersonID, f.PersonID, f.From, f.From, f.To, f.To, limit)
}

// UpdateMeeting changes a meeting's arrangements. EINVALID (also with no
// actor), ENOTFOUND, ECONFLICT.
func (s *MeetingService) UpdateMeeting(ctx context.Context, id int64, upd care.MeetingUpdate) (_ *care.Meeting, err error) {
	defer wrap(&err, "UpdateMeeting")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := updateMeeting(ctx, tx, id, upd)
	if err != nil {
		return nil, err
	}
	return m, tx.Commit()
}

// updateMeeting applies upd to the meeting's arrangements.
func updateMeeting(ctx context.Context, tx *Tx, id int64, upd care.MeetingUpdate) (*care.Meeting, error) {
	if _, err := tx.Actor(); err != nil {
		return nil, err
	}
	m, err := findMeetingByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if m.Version != upd.Version {
		return nil, care.Errorf(care.ECONFLICT, "The meeting was changed somewhere else while you were editing. Reload it and make your changes again")
	}
	for dst, src := range map[*string]*string{&m.Date: upd.Date, &m.Time: upd.Time, &m.Place: upd.Place, &m.Purpose: upd.Purpose, &m.PersonAbsentReason: upd.PersonAbsentReason} {
		if src != nil {
			*dst = *src
		}
	}
	if upd.Remote != nil {
		m.Remote = *upd.Remote
	}
	if err := m.Validate(tx.clock); err != nil {
		return nil, err
	}
	m.Version++
	if _, err = tx.ExecContext(ctx, `UPDATE meetings SET date = ?, time = ?, place = ?, remote = ?, purpose = ?, person_absent_reason = ?, version = ?, updated_at = ? WHERE id = ?`,
		m.Date, m.Time, m.Place, m.Remote, m.Purpose, m.PersonAbsentReason, m.Version, formatTime(tx.now), id); err != nil {
		return nil, err
	}
	return m, syncChecklist(ctx, tx, m)
}

// StartMeeting records the start and opens the first agenda item; starting
// a meeting that has started resumes it. ENOTFOUND, ELOCKED once it has ended.
func (s *MeetingService) StartMeeting(ctx context.Context, meetingID int64) (err error) {
	defer wrap(&err, "StartMeeting")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := startMeeting(ctx, tx, meetingID); err != nil {
		return err
	}
	return tx.Commit()
}

func startMeeting(ctx context.Context, tx *Tx, meetingID int64) error {
	m, err := findOpenMeeting(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	if m.StartedAt.IsZero() {
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET started_at = ? WHERE id = ?`, formatTime(tx.now), meetingID); err != nil {
			return err
		}
		if len(m.Agenda) > 0 {
			if err := moveTo(ctx, tx, m, m.Agenda[0].ID); err != nil {
				return err
			}
		}
	}
	return touchMeeting(ctx, tx, meetingID)
}

// EndMeeting records the end time (HH:MM today, or now) and the summary.
// EINVALID if the end is before the start; ELOCKED once it has ended.
func (s *MeetingService) EndMeeting(ctx context.Context, meetingID int64, endTime, summary string) (err error) {
	defer wrap(&err, "EndMeeting")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := endMeeting(ctx, tx, meetingID, endTime, summary); err != nil {
		return err
	}
	return tx.Commit()
}

func endMeeting(ctx context.Context, tx *Tx, meetingID int64, endTime, summary string) error {
	summary, err := care.MeetingSummarySpec.Field("summary").Clean(summary, tx.clock)
	if err != nil {
		return err
	}
	m, err := findOpenMeeting(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	if m.StartedAt.IsZero() {
		return care.Errorf(care.EINVALID, "This meeting has not started")
	}
	end := tx.now
	if endTime != "" {
		mins, err := care.ParseClock("endTime", "End time", endTime)
		if err != nil {
			return err
		}
		local := m.StartedAt.In(time.Local)
		end = time.Date(local.Year(), local.Month(), local.Day(), mins/60, mins%60, 0, 0, time.Local).UTC()
		if end.Before(m.StartedAt.Truncate(time.Minute)) {
			return care.FieldError("endTime", "The end time must be after the meeting started, at "+local.Format("15:04"))
		}
	}
	if m.CurrentItemID != 0 {
		if err := stopTimers(ctx, tx, m, end); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET ended_at = ?, summary = ? WHERE id = ?`, formatTime(end), summary, meetingID); err != nil {
		return err
	}
	if err := deleteDraft(ctx, tx, meetingID, tx.actor.Name); err != nil {
		return err
	}
	return touchMeeting(ctx, tx, meetingID)
}
