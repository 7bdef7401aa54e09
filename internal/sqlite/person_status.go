package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"whatmatters/internal/care"
)

// StatusService records who is no longer supported, cancels meetings and
// deletes people, in SQLite.
type StatusService struct{ db *DB }

var _ care.StatusService = (*StatusService)(nil)

// NewStatusService returns a StatusService on db.
func NewStatusService(db *DB) *StatusService { return &StatusService{db} }

// supported is the SQL condition that the person of table alias t is
// still supported: they have no status.
func supported(t string) string {
	return t + `.id NOT IN (SELECT person_id FROM person_status)`
}

// errMeetingCancelled is what a change to a cancelled meeting gets.
var errMeetingCancelled = care.Errorf(care.ELOCKED, "This meeting was cancelled. Its record can no longer change")

// FindStatus returns the person's status, nil if they are supported.
func (s *StatusService) FindStatus(ctx context.Context, personID int64) (_ *care.PersonStatus, err error) {
	defer wrap(&err, "FindStatus")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findPersonByID(ctx, tx, personID); err != nil {
		return nil, err
	}
	return findStatus(ctx, tx, personID)
}

func findStatus(ctx context.Context, tx *Tx, personID int64) (*care.PersonStatus, error) {
	st, err := scanStatus(tx.QueryRowContext(ctx, `SELECT `+statusColumns+` FROM person_status WHERE person_id = ?`, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return st, err
}

const statusColumns = `person_id, kind, date, reason, recorded_at, recorded_by`

func scanStatus(row scanner) (*care.PersonStatus, error) {
	st := &care.PersonStatus{}
	var at string
	if err := row.Scan(&st.PersonID, &st.Kind, &st.Date, &st.Reason, &at, &st.RecordedBy); err != nil {
		return nil, err
	}
	st.RecordedAt = parseTime(at)
	return st, nil
}

// findMatchStatuses fills in the status of each search result.
func findMatchStatuses(ctx context.Context, tx *Tx, matches []*care.PersonMatch) error {
	if len(matches) == 0 {
		return nil
	}
	ids := make([]int64, len(matches))
	byID := map[int64]*care.PersonMatch{}
	for i, m := range matches {
		ids[i] = m.Person.ID
		byID[m.Person.ID] = m
	}
	all, err := queryAll(ctx, tx, scanStatus, `SELECT `+statusColumns+` FROM person_status WHERE person_id IN `+idList(ids))
	for _, st := range all {
		byID[st.PersonID].Status = st
	}
	return err
}

// RecordStatus records that the person is no longer supported.
// EINVALID; care.ErrMeetingInProgress unless confirm.
func (s *StatusService) RecordStatus(ctx context.Context, st *care.PersonStatus, confirm bool) (err error) {
	defer wrap(&err, "RecordStatus")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := recordStatus(ctx, tx, st, confirm); err != nil {
		return err
	}
	return tx.Commit()
}

func recordStatus(ctx context.Context, tx *Tx, st *care.PersonStatus, confirm bool) error {
	actor, err := tx.Actor()
	if err != nil {
		return err
	}
	p, err := findPersonByID(ctx, tx, st.PersonID)
	if err != nil {
		return err
	}
	if err := st.Validate(p.DateOfBirth, tx.clock); err != nil {
		return err
	}
	if !confirm {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM meetings WHERE person_id = ? AND started_at IS NOT NULL
			AND ended_at IS NULL AND cancelled_at IS NULL`, st.PersonID).Scan(&n); err != nil {
			return err
		} else if n > 0 {
			return care.ErrMeetingInProgress
		}
	}
	before, err := findStatus(ctx, tx, st.PersonID)
	if err != nil {
		return err
	}
	if before == nil {
		before = &care.PersonStatus{}
	}
	st.RecordedAt, st.RecordedBy = tx.now, actor.Name
	if _, err := tx.ExecContext(ctx, `INSERT INTO person_status (`+statusColumns+`) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (person_id) DO UPDATE SET kind = excluded.kind, date = excluded.date, reason = excluded.reason,
			recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
		st.PersonID, st.Kind, st.Date, st.Reason, formatTime(st.RecordedAt), st.RecordedBy); err != nil {
		return err
	}
	return recordHistory(ctx, tx, st.PersonID, care.ActionStatus, statusChanges(before, st))
}

// statusChanges lists what differs between two statuses, for history.
func statusChanges(a, b *care.PersonStatus) []change {
	var out []change
	for _, f := range []struct{ field, a, b string }{
		{"status", a.Kind, b.Kind}, {"statusDate", a.Date, b.Date}, {"statusReason", a.Reason, b.Reason},
	} {
		if f.a != f.b {
			out = append(out, change{section: "person", field: f.field, before: f.a, after: f.b})
		}
	}
	return out
}

// SupportAgain re-opens the record of someone no longer supported; it
// does nothing for someone supported.
func (s *StatusService) SupportAgain(ctx context.Context, personID int64) (err error) {
	defer wrap(&err, "SupportAgain")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Actor(); err != nil {
		return err
	}
	if _, err := findPersonByID(ctx, tx, personID); err != nil {
		return err
	}
	before, err := findStatus(ctx, tx, personID)
	if err != nil || before == nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM person_status WHERE person_id = ?`, personID); err != nil {
		return err
	}
	if err := recordHistory(ctx, tx, personID, care.ActionSupportAgain, statusChanges(before, &care.PersonStatus{})); err != nil {
		return err
	}
	return tx.Commit()
}

// Retention returns the retention period in years.
func (s *StatusService) Retention(ctx context.Context) (_ int, err error) {
	defer wrap(&err, "Retention")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	return retention(ctx, tx)
}

func retention(ctx context.Context, tx *Tx) (int, error) {
	v, err := findSetting(ctx, tx, care.RetentionSettingKey)
	return care.ParseRetention(v), err
}

// DeletePerson removes the person's record entirely once the retention
// period after their discharge, death or archiving has passed.
func (s *StatusService) DeletePerson(ctx context.Context, personID int64) (err error) {
	defer wrap(&err, "DeletePerson")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deletePerson(ctx, tx, personID); err != nil {
		return err
	}
	return tx.Commit()
}

func deletePerson(ctx context.Context, tx *Tx, personID int64) error {
	actor, err := tx.Actor()
	if err != nil || actor.AccountID == 0 {
		return care.Errorf(care.ESIGNIN, "Sign in to delete a record. Records are deleted only by a signed-in account")
	}
	p, err := findPersonByID(ctx, tx, personID)
	if err != nil {
		return err
	}
	st, err := findStatus(ctx, tx, personID)
	if err != nil {
		return err
	}
	years, err := retention(ctx, tx)
	if err != nil {
		return err
	}
	if st == nil {
		return care.Errorf(care.ELOCKED, "%s is still supported, so their record cannot be deleted. Record their discharge first: the record can be deleted %d years after it", p.DisplayName(), years)
	}
	from := st.DeletableFrom(years)
	if today := tx.clock.Format(care.DateLayout); today < from {
		return care.Errorf(care.ELOCKED, "%s's record must be kept for %d years (%s). It can be deleted from %s",
			p.DisplayName(), years, strings.ToLower(st.Summary()[:1])+st.Summary()[1:], care.FormatDate(from))
	}
	removed, err := eraseRecords(ctx, tx, []int64{personID})
	if err != nil {
		return err
	}
	return audit(ctx, tx, &care.AuditEvent{Actor: actor, Action: care.AuditDeletePerson, PersonID: personID,
		Detail: fmt.Sprintf("Record deleted after the retention period of %d years; %d history rows removed and the history re-chained", years, removed)})
}

// RemoveExamplePeople removes every person the example loader added.
func (s *StatusService) RemoveExamplePeople(ctx context.Context) (_ int, err error) {
	defer wrap(&err, "RemoveExamplePeople")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	actor, err := tx.Actor()
	if err != nil {
		return 0, err
	}
	ids, err := queryAll(ctx, tx, scanID, `SELECT person_id FROM example_people ORDER BY person_id`)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	removed, err := eraseRecords(ctx, tx, ids)
	if err != nil {
		return 0, err
	}
	if err := audit(ctx, tx, &care.AuditEvent{Actor: actor, Action: care.AuditRemoveExamples,
		Detail: fmt.Sprintf("%d example people removed; %d history rows removed and the history re-chained", len(ids), removed)}); err != nil {
		return 0, err
	}
	return len(ids), tx.Commit()
}

// MarkExample records that the example loader added the person.
func (s *StatusService) MarkExample(ctx context.Context, personID int64) (err error) {
	defer wrap(&err, "MarkExample")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO example_people (person_id) SELECT id FROM people WHERE id = ?`, personID); err != nil {
		return err
	}
	return tx.Commit()
}

// CancelMeeting cancels a meeting that has not started.
func (s *StatusService) CancelMeeting(ctx context.Context, meetingID int64, reason string) (err error) {
	defer wrap(&err, "CancelMeeting")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Actor(); err != nil {
		return err
	}
	m, err := findMeetingByID(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	switch {
	case !m.CancelledAt.IsZero():
		return care.Errorf(care.ELOCKED, "This meeting was already cancelled")
	case !m.EndedAt.IsZero():
		return care.Errorf(care.ELOCKED, "This meeting has ended, so it cannot be cancelled. Its record is kept as it is")
	case !m.StartedAt.IsZero():
		return care.Errorf(care.ELOCKED, "This meeting has started, so it cannot be cancelled. End it instead")
	}
	reason, err = care.Required("reason", "Reason", "why the meeting is cancelled", reason, care.MaxCancelReasonLen)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET cancelled_at = ?, cancel_reason = ?, version = version + 1, updated_at = ?
		WHERE id = ?`, formatTime(tx.now), reason, formatTime(tx.now), meetingID); err != nil {
		return err
	}
	return tx.Commit()
}

// Deleting a person's rows. History and agreed versions are guarded by
// triggers that forbid removing them; eraseRecords lifts those triggers
// inside its own transaction only (their SQL is read from the schema and
// put back exactly, so the schema check still matches), removes every row
// that refers to the people, directly or through another row (found from
// the foreign keys, so a table added later is included), and re-chains the
// history rows after the first one removed. The audit log keeps its rows
// (they hold no personal details); the caller adds one saying who deleted
// and when. It returns how many history rows were removed.
func eraseRecords(ctx context.Context, tx *Tx, ids []int64) (int, error) {
	in := idList(ids)
	var removed int
	var first int64
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), IFNULL(MIN(id), 0) FROM history WHERE person_id IN `+in).Scan(&removed, &first); err != nil {
		return 0, err
	}
	// The outbox triggers are lifted too: the rows deleted are not changes
	// to send (see syncOutboxTriggers), and the foreign keys take the
	// person's sync rows with the rest.
	lifted, err := syncOutboxTriggers(ctx, tx)
	if err != nil {
		return 0, err
	}
	lifted = append([]string{"history_no_delete", "history_no_update", "plan_versions_locked_delete"}, lifted...)
	if err := forgetForSync(ctx, tx, in); err != nil {
		return 0, err
	}
	err = withoutTriggers(ctx, tx, lifted, func() error {
		refs, err := foreignKeys(ctx, tx)
		if err != nil {
			return err
		}
		if err := deleteRows(ctx, tx, refs, "people", `id IN `+in, nil); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM people_search WHERE rowid IN `+in); err != nil {
			return err
		}
		if first == 0 {
			return nil
		}
		return rechainHistory(ctx, tx, first)
	})
	return removed, err
}

// idList is ids as an SQL list, "(1,2,3)": they are numbers, so they
// need no quoting.
func idList(ids []int64) string {
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	return `(` + strings.Join(list, ",") + `)`
}

// fkRef is one foreign key: child.column refers to parent.to.
type fkRef struct{ child, column, parent, to string }

// foreignKeys lists every foreign key of the database's tables.
func foreignKeys(ctx context.Context, tx *Tx) ([]fkRef, error) {
	return queryAll(ctx, tx, func(row scanner) (fkRef, error) {
		var r fkRef
		err := row.Scan(&r.child, &r.column, &r.parent, &r.to)
		return r, err
	}, `SELECT t.name, f."from", f."table", IFNULL(f."to", 'id') FROM sqlite_schema t, pragma_foreign_key_list(t.name) f
		WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY t.name, f.id, f.seq`)
}

// deleteRows removes the rows of table that cond selects, after the rows
// of every table that refers to them; path guards against a cycle.
func deleteRows(ctx context.Context, tx *Tx, refs []fkRef, table, cond string, path []string) error {
	for _, p := range path {
		if p == table {
			return fmt.Errorf("foreign keys form a cycle through %s", table)
		}
	}
	path = append(path, table)
	for _, r := range refs {
		if r.parent != table {
			continue
		}
		sub := fmt.Sprintf(`%q IN (SELECT %q FROM %q WHERE %s)`, r.column, r.to, table, cond)
		if err := deleteRows(ctx, tx, refs, r.child, sub, path); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf(`DELETE FROM %q WHERE %s`, table, cond))
	if err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	return nil
}

// withoutTriggers drops the named triggers, runs fn, and creates them
// again from the SQL the schema held, all inside tx.
func withoutTriggers(ctx context.Context, tx *Tx, names []string, fn func() error) error {
	saved := make([]string, len(names))
	for i, name := range names {
		if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?`, name).Scan(&saved[i]); err != nil {
			return fmt.Errorf("trigger %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`DROP TRIGGER %q`, name)); err != nil {
			return err
		}
	}
	if err := fn(); err != nil {
		return err
	}
	for _, q := range saved {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// rechainHistory gives every history row from id on new links, chained to
// the row before it, once the rows of a deleted person are gone.
func rechainHistory(ctx context.Context, tx *Tx, from int64) error {
	var prev string
	if err := tx.QueryRowContext(ctx, `SELECT IFNULL((SELECT hash FROM history WHERE id < ? ORDER BY id DESC LIMIT 1), '')`, from).Scan(&prev); err != nil {
		return err
	}
	type link struct {
		id         int64
		prev, hash string
	}
	links, err := queryAll(ctx, tx, func(row scanner) (historyRow, error) {
		var h historyRow
		err := row.Scan(&h.id, &h.personID, &h.at, &h.accountID, &h.name, &h.role, &h.action, &h.section, &h.itemID, &h.field, &h.before, &h.after)
		return h, err
	}, `SELECT id, person_id, at, IFNULL(account_id, 0), actor_name, actor_role, action, section, IFNULL(item_id, 0), field, before, after
		FROM history WHERE id >= ? ORDER BY id`, from)
	if err != nil {
		return err
	}
	for _, h := range links {
		l := link{id: h.id, prev: prev, hash: chainHash(prev, h.canonical())}
		if _, err := tx.ExecContext(ctx, `UPDATE history SET prev_hash = ?, hash = ? WHERE id = ?`, l.prev, l.hash, l.id); err != nil {
			return err
		}
		prev = l.hash
	}
	return nil
}
