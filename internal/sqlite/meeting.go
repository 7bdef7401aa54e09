package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"whatmatters/internal/care"
)

var _ care.MeetingService = (*MeetingService)(nil)

// MeetingService keeps meetings in SQLite.
type MeetingService struct {
	db *DB
}

// NewMeetingService returns a MeetingService on db.
func NewMeetingService(db *DB) *MeetingService { return &MeetingService{db: db} }

// CreateMeeting schedules a meeting with the person as a participant and the
// default agenda. EINVALID, ENOTFOUND.
func (s *MeetingService) CreateMeeting(ctx context.Context, m *care.Meeting) error {
	if err := m.Validate(s.db.Now()); err != nil {
		return err
	}
	if _, ok := care.ActorFrom(ctx); !ok {
		return care.ErrNoActor
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := findPersonByID(ctx, tx, m.PersonID)
	if err != nil {
		return err
	}
	now := formatTime(s.db.now())
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
		if _, err := tx.ExecContext(ctx, `INSERT INTO participants (uuid, meeting_id, name, role, kind, attendance) VALUES (?, ?, ?, 'The person', 'person', 'invited')`,
			newUUID(), m.ID, p.DisplayName()); err != nil {
			return err
		}
	}
	for i, title := range care.DefaultAgenda {
		if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (meeting_id, position, title) VALUES (?, ?, ?)`, m.ID, i, title); err != nil {
			return err
		}
	}
	m.Version = 1
	return tx.Commit()
}

// FindMeetingByID returns a meeting with all its details. ENOTFOUND.
func (s *MeetingService) FindMeetingByID(ctx context.Context, id int64) (*care.Meeting, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findMeeting(ctx, tx, id, true)
}

const meetingColumns = `id, IFNULL(uuid, ''), person_id, date, time, place, remote, purpose, person_absent_reason, IFNULL(started_at, ''), IFNULL(ended_at, ''),
	summary, IFNULL(current_item, 0), version`

func scanMeeting(row interface{ Scan(...any) error }) (*care.Meeting, error) {
	m := &care.Meeting{}
	var started, ended string
	err := row.Scan(&m.ID, &m.UUID, &m.PersonID, &m.Date, &m.Time, &m.Place, &m.Remote, &m.Purpose, &m.PersonAbsentReason,
		&started, &ended, &m.Summary, &m.CurrentItemID, &m.Version)
	m.StartedAt, m.EndedAt = parseTime(started), parseTime(ended)
	return m, err
}

func findMeeting(ctx context.Context, tx *sql.Tx, id int64, details bool) (*care.Meeting, error) {
	m, err := scanMeeting(tx.QueryRowContext(ctx, `SELECT `+meetingColumns+` FROM meetings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "There is no such meeting. It may have been removed")
	} else if err != nil || !details {
		return m, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, IFNULL(uuid, ''), name, role, kind, IFNULL(source_item, 0), attendance, removed_at IS NOT NULL
		FROM participants WHERE meeting_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		p := &care.Participant{MeetingID: id}
		if err := rows.Scan(&p.ID, &p.UUID, &p.Name, &p.Role, &p.Kind, &p.SourceItemID, &p.Attendance, &p.Removed); err != nil {
			rows.Close()
			return nil, err
		}
		m.Participants = append(m.Participants, p)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT id, position, title, IFNULL(started_at, ''), seconds FROM agenda_items WHERE meeting_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		a := &care.AgendaItem{MeetingID: id}
		var started string
		if err := rows.Scan(&a.ID, &a.Position, &a.Title, &started, &a.Seconds); err != nil {
			rows.Close()
			return nil, err
		}
		a.StartedAt = parseTime(started)
		m.Agenda = append(m.Agenda, a)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT id, IFNULL(uuid, ''), agenda_item_id, participant_id, text, persons_words, created_at FROM contributions WHERE meeting_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		c := &care.Contribution{MeetingID: id}
		var at string
		if err := rows.Scan(&c.ID, &c.UUID, &c.AgendaItemID, &c.ParticipantID, &c.Text, &c.PersonsWords, &at); err != nil {
			rows.Close()
			return nil, err
		}
		c.CreatedAt = parseTime(at)
		m.Contributions = append(m.Contributions, c)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT author, text, IFNULL(speaker, 0), updated_at FROM meeting_drafts
		WHERE meeting_id = ? ORDER BY updated_at, author`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		d := &care.Draft{}
		var at string
		if err := rows.Scan(&d.Author, &d.Text, &d.SpeakerID, &at); err != nil {
			rows.Close()
			return nil, err
		}
		d.UpdatedAt = parseTime(at)
		m.Drafts = append(m.Drafts, d)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT `+decisionColumns+` FROM decisions WHERE meeting_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDecision(rows)
		if err != nil {
			return nil, err
		}
		m.Decisions = append(m.Decisions, d)
	}
	return m, rows.Err()
}

const decisionColumns = `id, IFNULL(uuid, ''), meeting_id, IFNULL(agenda_item_id, 0), decision, options, what_matters, who_took_part, reservations, version`

func scanDecision(row interface{ Scan(...any) error }) (*care.Decision, error) {
	d := &care.Decision{}
	var options string
	if err := row.Scan(&d.ID, &d.UUID, &d.MeetingID, &d.AgendaItemID, &d.Decision, &options, &d.WhatMatters, &d.WhoTookPart, &d.Reservations, &d.Version); err != nil {
		return nil, err
	}
	return d, json.Unmarshal([]byte(options), &d.Options)
}

// findPlanMeetings returns a person's meetings, oldest first, each with its
// shared decisions but none of its other details: what an agreed plan keeps.
func findPlanMeetings(ctx context.Context, tx *sql.Tx, personID int64) ([]*care.Meeting, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+meetingColumns+` FROM meetings WHERE person_id = ? ORDER BY date, time, id`, personID)
	if err != nil {
		return nil, err
	}
	var out []*care.Meeting
	byID := map[int64]*care.Meeting{}
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
		byID[m.ID] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT `+decisionColumns+` FROM decisions
		WHERE meeting_id IN (SELECT id FROM meetings WHERE person_id = ?) ORDER BY id`, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDecision(rows)
		if err != nil {
			return nil, err
		}
		m := byID[d.MeetingID]
		m.Decisions = append(m.Decisions, d)
	}
	return out, rows.Err()
}

// FindMeetings returns meetings without their details, soonest first.
func (s *MeetingService) FindMeetings(ctx context.Context, f care.MeetingFilter) ([]*care.Meeting, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+meetingColumns+` FROM meetings
		WHERE (? = 0 OR person_id = ?) AND (? = '' OR date >= ?) AND (? = '' OR date <= ?)
		ORDER BY date, time, id LIMIT 500`, f.PersonID, f.PersonID, f.From, f.From, f.To, f.To)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*care.Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// UpdateMeeting changes a meeting's arrangements. EINVALID, ENOTFOUND, ECONFLICT.
func (s *MeetingService) UpdateMeeting(ctx context.Context, id int64, upd care.MeetingUpdate) (*care.Meeting, error) {
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := findMeeting(ctx, tx, id, false)
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
	if err := m.Validate(s.db.Now()); err != nil {
		return nil, err
	}
	m.Version++
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET date = ?, time = ?, place = ?, remote = ?, purpose = ?, person_absent_reason = ?, version = ?, updated_at = ? WHERE id = ?`,
		m.Date, m.Time, m.Place, m.Remote, m.Purpose, m.PersonAbsentReason, m.Version, formatTime(s.db.now()), id); err != nil {
		return nil, err
	}
	return m, tx.Commit()
}

// writeMeeting runs fn in a write transaction on a meeting that exists and
// has not ended (ELOCKED once it has, unless allowEnded).
func (s *MeetingService) writeMeeting(ctx context.Context, meetingID int64, allowEnded bool, fn func(tx *sql.Tx, m *care.Meeting) error) error {
	if _, ok := care.ActorFrom(ctx); !ok {
		return care.ErrNoActor
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := findMeeting(ctx, tx, meetingID, true)
	if err != nil {
		return err
	}
	if !m.EndedAt.IsZero() && !allowEnded {
		return care.Errorf(care.ELOCKED, "This meeting has ended. Its record can no longer change")
	}
	if err := fn(tx, m); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET updated_at = ? WHERE id = ?`, formatTime(s.db.now()), meetingID); err != nil {
		return err
	}
	return tx.Commit()
}

// EndMeeting records the end time (HH:MM today, or now) and the summary.
// EINVALID if the end is before the start.
func (s *MeetingService) EndMeeting(ctx context.Context, meetingID int64, endTime, summary string) error {
	summary, err := care.MeetingSummarySpec.Field("summary").Clean(summary, s.db.Now())
	if err != nil {
		return err
	}
	actor, _ := care.ActorFrom(ctx)
	return s.writeMeeting(ctx, meetingID, false, func(tx *sql.Tx, m *care.Meeting) error {
		if m.StartedAt.IsZero() {
			return care.Errorf(care.EINVALID, "This meeting has not started")
		}
		end := s.db.now()
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
			if err := moveTo(ctx, tx, m, m.CurrentItemID, end); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET started_at = NULL WHERE meeting_id = ?`, m.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET ended_at = ?, summary = ? WHERE id = ?`, formatTime(end), summary, meetingID); err != nil {
			return err
		}
		return deleteDraft(ctx, tx, meetingID, actor.Name)
	})
}
