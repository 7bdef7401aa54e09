package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
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
