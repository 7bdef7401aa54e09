package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
	"whatmatters/internal/fhirsync"
)

// What the SyncService keeps (migration 0017): the outbox, written by
// triggers in the same transaction as every change to a table whose rows
// travel; the state of each resource as the server last had it; conflicts;
// a cursor per resource type; and a log of sync attempts. Gather, which
// reads a person's record for the mapping, is in fhir_gather.go; Apply in
// sync_apply.go; conflicts in sync_conflict.go; import in sync_import.go.

var _ fhirsync.Store = (*SyncService)(nil)

// PendingPeople returns up to limit people with changes in the outbox,
// oldest change first, with the highest outbox row id seen for each.
// Changes to a unit held by an open conflict are left out: they wait
// until it is settled.
func (s *SyncService) PendingPeople(ctx context.Context, limit int) (_ []fhirsync.Pending, err error) {
	defer wrap(&err, "PendingPeople")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if limit <= 0 {
		limit = 100
	}
	return queryAll(ctx, tx, func(row scanner) (fhirsync.Pending, error) {
		var p fhirsync.Pending
		var first int64
		err := row.Scan(&p.PersonID, &p.PersonUUID, &p.UpTo, &first)
		return p, err
	}, `SELECT o.person_id, p.uuid, MAX(o.id), MIN(o.id) FROM sync_outbox o JOIN people p ON p.id = o.person_id
		WHERE `+notHeld("o")+` GROUP BY o.person_id ORDER BY MIN(o.id) LIMIT ?`, limit)
}

// notHeld is the SQL condition that outbox row alias t's unit has no open
// conflict.
func notHeld(t string) string {
	return t + `.unit_key NOT IN (SELECT unit_key FROM sync_conflicts WHERE settled_at IS NULL)`
}

// States returns what was last sent to or received from the server for
// each of a person's resources, keyed by Resource.Ref().
func (s *SyncService) States(ctx context.Context, personUUID string) (_ map[string]fhirsync.State, err error) {
	defer wrap(&err, "States")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	all, err := queryAll(ctx, tx, scanState, `SELECT `+stateColumns+` FROM sync_state WHERE person_uuid = ?`, personUUID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]fhirsync.State, len(all))
	for _, st := range all {
		out[st.Ref] = st
	}
	return out, nil
}

const stateColumns = `ref, person_uuid, unit_kind, unit_section, unit_uuid, version_id, json, at`

func scanState(row scanner) (fhirsync.State, error) {
	var st fhirsync.State
	var kind, js, at string
	if err := row.Scan(&st.Ref, &st.Unit.Person, &kind, &st.Unit.Section, &st.Unit.UUID, &st.VersionID, &js, &at); err != nil {
		return st, err
	}
	st.Unit.Kind, st.JSON, st.At = fhir.Kind(kind), []byte(js), parseTimeNano(at)
	return st, nil
}

// findState reads the state of one resource; ok false if it was never synced.
func findState(ctx context.Context, tx *Tx, ref string) (fhirsync.State, bool, error) {
	st, err := scanState(tx.QueryRowContext(ctx, `SELECT `+stateColumns+` FROM sync_state WHERE ref = ?`, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return st, false, nil
	}
	return st, err == nil, err
}

// writeState keeps the server's state of one resource, for a person here.
func writeState(ctx context.Context, tx *Tx, personID int64, st fhirsync.State) error {
	key := ""
	if st.Unit.Kind != "" {
		key = st.Unit.Key()
	}
	at := st.At
	if at.IsZero() {
		at = tx.now
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_state (ref, person_id, person_uuid, unit_key, unit_kind, unit_section, unit_uuid, version_id, json, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (ref) DO UPDATE SET person_id = excluded.person_id, person_uuid = excluded.person_uuid, unit_key = excluded.unit_key,
			unit_kind = excluded.unit_kind, unit_section = excluded.unit_section, unit_uuid = excluded.unit_uuid,
			version_id = excluded.version_id, json = excluded.json, at = excluded.at`,
		st.Ref, personID, st.Unit.Person, key, string(st.Unit.Kind), st.Unit.Section, st.Unit.UUID, st.VersionID, string(st.JSON), formatTimeNano(at))
	return err
}

// Pushed records the server's answer for resources sent, and deletes the
// person's outbox rows up to upTo, except those of units an open conflict
// holds, in one transaction.
func (s *SyncService) Pushed(ctx context.Context, personID, upTo int64, sent []fhirsync.State) (err error) {
	defer wrap(&err, "Pushed")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := findPersonByID(ctx, tx, personID)
	if err != nil {
		return err
	}
	for _, st := range sent {
		if st.Ref == "" {
			return care.Errorf(care.EINVALID, "A resource sent has no reference")
		}
		if st.Unit.Person == "" {
			st.Unit.Person = p.UUID
		}
		if err := writeState(ctx, tx, personID, st); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_outbox WHERE person_id = ? AND id <= ? AND `+notHeld("sync_outbox"), personID, upTo); err != nil {
		return err
	}
	return tx.Commit()
}

// Held reports whether a unit has an open conflict.
func (s *SyncService) Held(ctx context.Context, unitKey string) (_ bool, err error) {
	defer wrap(&err, "Held")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	return held(ctx, tx, unitKey)
}

func held(ctx context.Context, tx *Tx, unitKey string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sync_conflicts WHERE unit_key = ? AND settled_at IS NULL)`, unitKey).Scan(&n)
	return n == 1, err
}

// waiting reports whether a local change to the unit is in the outbox.
func waiting(ctx context.Context, tx *Tx, unitKey string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE unit_key = ?)`, unitKey).Scan(&n)
	return n == 1, err
}

// Cursor returns the server's lastUpdated of the newest resource of the
// type pulled; zero if none was.
func (s *SyncService) Cursor(ctx context.Context, resourceType string) (_ time.Time, err error) {
	defer wrap(&err, "Cursor")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return time.Time{}, err
	}
	defer tx.Rollback()
	var at string
	err = tx.QueryRowContext(ctx, `SELECT at FROM sync_cursor WHERE resource_type = ?`, resourceType).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return parseTimeNano(at), err
}

// SetCursor keeps the server's lastUpdated of the newest resource of the
// type pulled.
func (s *SyncService) SetCursor(ctx context.Context, resourceType string, at time.Time) (err error) {
	defer wrap(&err, "SetCursor")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_cursor (resource_type, at) VALUES (?, ?)
		ON CONFLICT (resource_type) DO UPDATE SET at = excluded.at`, resourceType, formatTimeNano(at)); err != nil {
		return err
	}
	return tx.Commit()
}

// syncLogKept is how many sync attempts the log keeps.
const syncLogKept = 100

// Finished records the end of a sync attempt (err nil for success): its
// plain message is what the header shows as the last error.
func (s *SyncService) Finished(ctx context.Context, at time.Time, syncErr error) (err error) {
	defer wrap(&err, "Finished")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	msg := ""
	if syncErr != nil {
		if msg = care.ErrorMessage(syncErr); msg == "" {
			msg = "The sync did not finish"
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_log (at, error) VALUES (?, ?)`, formatTimeNano(at), msg); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_log WHERE id <= (SELECT MAX(id) FROM sync_log) - ?`, syncLogKept); err != nil {
		return err
	}
	return tx.Commit()
}

// Status says what the header shows: the changes waiting (the units
// changed, however many times each, that the server has not had yet), when
// a sync last worked, the last attempt's error and the open conflicts.
// Configured and Server are the caller's to fill in.
func (s *SyncService) Status(ctx context.Context) (_ fhirsync.Status, err error) {
	defer wrap(&err, "Status")
	var st fhirsync.Status
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return st, err
	}
	defer tx.Rollback()
	var last, lastErr string
	if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(DISTINCT unit_key) FROM sync_outbox),
			IFNULL((SELECT at FROM sync_log WHERE error = '' ORDER BY id DESC LIMIT 1), ''),
			IFNULL((SELECT error FROM sync_log ORDER BY id DESC LIMIT 1), ''),
			(SELECT COUNT(*) FROM sync_conflicts WHERE settled_at IS NULL)`).Scan(&st.Waiting, &last, &lastErr, &st.Conflicts); err != nil {
		return st, err
	}
	st.LastSynced, st.LastError = parseTimeNano(last), lastErr
	return st, nil
}

// findPersonByUUID reads the person with the UUID, or the person here a
// Patient with that id was matched to (by NHS number, see applyPerson);
// nil if there is neither.
func findPersonByUUID(ctx context.Context, tx *Tx, uuid string) (*care.Person, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM people WHERE uuid = ?
		UNION ALL SELECT person_id FROM sync_state WHERE ref = ? LIMIT 1`, uuid, "Patient/"+uuid).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return findPersonByID(ctx, tx, id)
}

// syncOutboxTriggers names the outbox triggers (migration 0017), which
// eraseRecords lifts while it deletes a whole record: what it removes are
// not changes for the server. (The server keeps its copy under its own
// retention rules; it already has the status that made the record
// deletable, sent when it was recorded, as a Patient no longer active.)
func syncOutboxTriggers(ctx context.Context, tx *Tx) ([]string, error) {
	return queryAll(ctx, tx, func(row scanner) (string, error) {
		var name string
		err := row.Scan(&name)
		return name, err
	}, `SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync\_outbox\_%' ESCAPE '\' ORDER BY name`)
}

func formatTimeNano(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTimeNano(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// serverActor is who history names for a change pulled from the server:
// who made it there, as the server says, with the role saying where it
// came from, and the account here that ran the sync.
// unknownServerActor is who history says made a change pulled from the
// server when the server did not say.
const unknownServerActor = "Someone on the FHIR server"

func serverActor(tx *Tx, changedBy string) care.Actor {
	name := strings.TrimSpace(changedBy)
	if name == "" {
		name = unknownServerActor
	}
	a := care.Actor{Name: truncateRunes(name, care.MaxNameLen), Role: care.RoleFHIRServer}
	if local, err := tx.Actor(); err == nil {
		a.AccountID = local.AccountID
	}
	return a
}

// truncateRunes cuts s to at most n characters.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// forgetForSync notes, as eraseRecords deletes the records of the people
// in the SQL list in, their UUIDs (and those of Patients matched to them)
// as deleted, so no pull brings them back, and drops what was pulled for
// them and not yet applied. Their outbox, state and conflict rows go with
// their records (foreign keys).
func forgetForSync(ctx context.Context, tx *Tx, in string) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO sync_deleted (person_uuid, at)
		SELECT uuid, ? FROM people WHERE id IN `+in+` AND uuid IS NOT NULL
		UNION SELECT person_uuid, ? FROM sync_state WHERE person_id IN `+in+` AND unit_kind = ?`,
		formatTime(tx.now), formatTime(tx.now), string(fhir.KindPerson)); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM sync_orphans WHERE person_uuid IN (SELECT person_uuid FROM sync_deleted)`)
	return err
}

// deletedHere reports whether the person with the UUID had their record
// deleted here.
func deletedHere(ctx context.Context, tx *Tx, uuid string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sync_deleted WHERE person_uuid = ?)`, uuid).Scan(&n)
	return n == 1, err
}
