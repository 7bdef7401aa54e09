package sqlite

import (
	"context"
	"database/sql"

	"whatmatters/internal/care"
)

var _ care.DashboardService = (*DashboardService)(nil)

// DashboardService gathers the coordinator's home screen from SQLite.
type DashboardService struct {
	db *DB
}

// NewDashboardService returns a DashboardService on db.
func NewDashboardService(db *DB) *DashboardService { return &DashboardService{db: db} }

// MarkOpened records that a person's record was opened.
func (s *DashboardService) MarkOpened(ctx context.Context, personID int64) error {
	_, err := s.db.wdb.ExecContext(ctx, `INSERT INTO recent_people (person_id, opened_at) SELECT id, ? FROM people WHERE id = ?
		ON CONFLICT (person_id) DO UPDATE SET opened_at = excluded.opened_at`, formatTime(s.db.now()), personID)
	return err
}

// FindDashboard returns what is due as of today.
func (s *DashboardService) FindDashboard(ctx context.Context, today string) (*care.Dashboard, error) {
	t, err := care.ParseDate("today", "Today", today)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d := &care.Dashboard{}
	if d.Meetings, err = queryMeetings(ctx, tx, today, t.AddDate(0, 0, 6).Format(care.DateLayout)); err != nil {
		return nil, err
	}
	if d.Reviews, err = queryDue(ctx, tx, `
		SELECT `+personColumns("p.")+`, f.value, 0 FROM record_fields f JOIN people p ON p.id = f.person_id
		WHERE f.section = 'review' AND f.key = 'date' AND f.value < ? ORDER BY f.value LIMIT 100`,
		t.AddDate(0, 0, 31).Format(care.DateLayout)); err != nil {
		return nil, err
	}
	if d.OverdueActions, err = queryDue(ctx, tx, `
		SELECT `+personColumns("p.")+`, MIN(json_extract(i.data, '$.byWhen')), COUNT(*) FROM record_items i JOIN people p ON p.id = i.person_id
		WHERE i.section = 'actions' AND json_extract(i.data, '$.byWhen') < ?
			AND IFNULL(json_extract(i.data, '$.status'), '') NOT IN ('done', 'no-longer-needed')
		GROUP BY p.id ORDER BY 11 LIMIT 100`, today); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+personColumns("p.")+` FROM recent_people r JOIN people p ON p.id = r.person_id ORDER BY r.opened_at DESC LIMIT 8`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		d.Recent = append(d.Recent, p)
	}
	return d, rows.Err()
}

func queryMeetings(ctx context.Context, tx *sql.Tx, from, to string) ([]*care.Meeting, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+meetingColumns+` FROM meetings WHERE date >= ? AND date <= ? ORDER BY date, time LIMIT 200`, from, to)
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

func queryDue(ctx context.Context, tx *sql.Tx, query string, arg string) ([]care.Due, error) {
	rows, err := tx.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.Due
	for rows.Next() {
		var p care.Person
		var created, updated string
		var due care.Due
		if err := rows.Scan(&p.ID, &p.UUID, &p.GivenName, &p.FamilyName, &p.PreferredName, &p.Pronouns, &p.DateOfBirth,
			&p.NHSNumber, &p.Version, &created, &updated, &due.Date, &due.Count); err != nil {
			return nil, err
		}
		p.CreatedAt, p.UpdatedAt = parseTime(created), parseTime(updated)
		due.Person = &p
		out = append(out, due)
	}
	return out, rows.Err()
}
