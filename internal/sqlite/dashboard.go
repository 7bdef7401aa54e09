package sqlite

import (
	"context"
	"time"

	"whatmatters/internal/care"
)

// MarkOpened records that a person's record was opened; a person who does
// not exist is not recorded.
func (s *DashboardService) MarkOpened(ctx context.Context, personID int64) (err error) {
	defer wrap(&err, "MarkOpened")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO recent_people (person_id, opened_at) SELECT id, ? FROM people WHERE id = ?
		ON CONFLICT (person_id) DO UPDATE SET opened_at = excluded.opened_at`, formatTime(tx.now), personID); err != nil {
		return err
	}
	return tx.Commit()
}

// FindDashboard returns what is due as of today. EINVALID for a date that
// cannot be read.
func (s *DashboardService) FindDashboard(ctx context.Context, today string) (_ *care.Dashboard, err error) {
	defer wrap(&err, "FindDashboard")
	t, err := care.ParseDate("today", "Today", today)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findDashboard(ctx, tx, today, t)
}

func findDashboard(ctx context.Context, tx *Tx, today string, t time.Time) (d *care.Dashboard, err error) {
	d = &care.Dashboard{}
	if d.Meetings, err = findDashboardMeetings(ctx, tx, today, t.AddDate(0, 0, 6).Format(care.DateLayout)); err != nil {
		return nil, err
	}
	if d.Reviews, err = queryAll(ctx, tx, scanDue, `
		SELECT `+personColumns("p.")+`, f.value, 0 FROM record_fields f JOIN people p ON p.id = f.person_id
		WHERE f.section = ? AND f.key = ? AND f.value < ? AND `+supported("p")+` ORDER BY f.value LIMIT 100`,
		care.SectionReview, reviewDate, t.AddDate(0, 0, 31).Format(care.DateLayout)); err != nil {
		return nil, err
	}
	if d.OverdueActions, err = queryAll(ctx, tx, scanDue, `
		SELECT `+personColumns("p.")+`, MIN(json_extract(i.data, ?1)) AS due, COUNT(*) FROM record_items i JOIN people p ON p.id = i.person_id
		WHERE i.section = ?2 AND json_extract(i.data, ?1) < ?3
			AND IFNULL(json_extract(i.data, ?4), '') NOT IN (?5, ?6) AND `+supported("p")+`
		GROUP BY p.id ORDER BY due, p.id LIMIT 100`,
		actionByWhen, care.SectionActions, today, actionStatus, care.ActionDone, care.ActionNoLongerNeeded); err != nil {
		return nil, err
	}
	if d.Recent, err = queryAll(ctx, tx, scanPerson, `SELECT `+personColumns("p.")+` FROM recent_people r JOIN people p ON p.id = r.person_id
		WHERE `+supported("p")+` ORDER BY r.opened_at DESC LIMIT 8`); err != nil {
		return nil, err
	}
	return d, nil
}

// findDashboardMeetings reads the meetings from one date to another, each
// with who it is about, in one query.
func findDashboardMeetings(ctx context.Context, tx *Tx, from, to string) ([]care.DashboardMeeting, error) {
	return queryAll(ctx, tx, scanDashboardMeeting, `SELECT `+meetingColumns+`, `+personColumns("p.")+` FROM meetings m JOIN people p ON p.id = m.person_id
		WHERE m.date >= ? AND m.date <= ? AND m.cancelled_at IS NULL AND `+supported("p")+` ORDER BY m.date, m.time LIMIT 200`, from, to)
}

// scanDashboardMeeting reads meetingColumns, then the personColumns of who
// the meeting is about.
func scanDashboardMeeting(row scanner) (care.DashboardMeeting, error) {
	var p personRow
	m, err := scanMeetingAnd(row, p.dest()...)
	return care.DashboardMeeting{Meeting: m, Person: p.person()}, err
}

// scanDue reads someone with something due: personColumns, then the date
// and the count.
func scanDue(row scanner) (care.Due, error) {
	var due care.Due
	p, err := scanPersonAnd(row, &due.Date, &due.Count)
	due.Person = p
	return due, err
}
