package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"whatmatters/internal/care"
)

// AgreePlan freezes the person's current draft as the next version.
// EINVALID (bad signatures, no actor, or nothing changed since the last
// version), ENOTFOUND, or what seal returns.
func (s *VersionService) AgreePlan(ctx context.Context, personID int64, sigs []care.Signature, seal care.Seal) (_ *care.PlanVersion, err error) {
	defer wrap(&err, "AgreePlan")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	v, err := agreePlan(ctx, tx, personID, sigs, seal)
	if err != nil {
		return nil, err
	}
	return v, tx.Commit()
}

// FindDraft returns the person's plan as it would be agreed now, with the
// shared decisions of their meetings (version number 0). ENOTFOUND.
func (s *VersionService) FindDraft(ctx context.Context, personID int64) (_ *care.Snapshot, err error) {
	defer wrap(&err, "FindDraft")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rec, err := findRecord(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	return draftSnapshot(ctx, tx, rec, 0)
}

// draftSnapshot freezes rec and the decisions of the person's meetings as
// version number, as of the transaction's time.
func draftSnapshot(ctx context.Context, tx *Tx, rec *care.Record, number int) (*care.Snapshot, error) {
	snap := care.NewSnapshot(rec, number, tx.now)
	meetings, err := findPlanMeetings(ctx, tx, rec.Person.ID)
	if err != nil {
		return nil, err
	}
	snap.AddMeetings(meetings)
	return snap, nil
}

// agreePlan freezes the record and the decisions of the person's meetings
// as a version, numbered after the person's last, and keeps it in history.
func agreePlan(ctx context.Context, tx *Tx, personID int64, sigs []care.Signature, seal care.Seal) (*care.PlanVersion, error) {
	actor, err := tx.Actor()
	if err != nil {
		return nil, err
	}
	if err := care.ValidateSignatures(sigs); err != nil {
		return nil, err
	}
	rec, err := findRecord(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT IFNULL(MAX(number), 0) FROM plan_versions WHERE person_id = ?`, personID).Scan(&last); err != nil {
		return nil, err
	}
	v := &care.PlanVersion{UUID: newUUID(), PersonID: personID, Number: last + 1, AgreedAt: tx.now, AgreedBy: actor, Signatures: sigs}
	snap, err := draftSnapshot(ctx, tx, rec, v.Number)
	if err != nil {
		return nil, err
	}
	if err := refuseUnchanged(ctx, tx, personID, last, snap); err != nil {
		return nil, err
	}
	if v.Snapshot, err = snap.Canonical(); err != nil {
		return nil, err
	}
	v.Hash = care.Hash(v.Snapshot)
	v.CheckCode = care.CheckCode(v.Hash)
	sigJSON, err := json.Marshal(sigs)
	if err != nil {
		return nil, err
	}
	if seal != nil {
		if err := seal(ctx, v); err != nil {
			return nil, err
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO plan_versions (uuid, person_id, number, agreed_at, agreed_by, agreed_role, snapshot, hash, check_code, signatures)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.UUID, personID, v.Number, formatTime(tx.now), actor.Name, actor.Role, string(v.Snapshot), v.Hash, v.CheckCode, string(sigJSON))
	if err != nil {
		return nil, err
	}
	if v.ID, err = res.LastInsertId(); err != nil {
		return nil, err
	}
	if err := recordHistory(ctx, tx, personID, "agree", []change{{section: "plan", field: "version", after: care.Itoa(int64(v.Number)) + " " + v.CheckCode}}); err != nil {
		return nil, err
	}
	return v, nil
}

// refuseUnchanged refuses, EINVALID, to agree snap when it says nothing
// that the person's version number last (0 for none) did not.
func refuseUnchanged(ctx context.Context, tx *Tx, personID int64, last int, snap *care.Snapshot) error {
	if last == 0 {
		return nil
	}
	var stored string
	if err := tx.QueryRowContext(ctx, `SELECT snapshot FROM plan_versions WHERE person_id = ? AND number = ?`, personID, last).Scan(&stored); err != nil {
		return err
	}
	if old, err := care.ReadSnapshot([]byte(stored)); err == nil && care.Unchanged(old, snap) {
		return care.Errorf(care.EINVALID, "Nothing has changed since version %d", last)
	}
	return nil
}

// versionColumns are what scanVersion reads, from plan_versions v. A
// version is superseded by one of the person's agreed after it.
const versionColumns = `v.id, IFNULL(v.uuid, ''), v.person_id, v.number, v.agreed_at, v.agreed_by, v.agreed_role, v.snapshot, v.hash, v.check_code, v.signatures,
	EXISTS (SELECT 1 FROM plan_versions w WHERE w.person_id = v.person_id
		AND (w.agreed_at > v.agreed_at OR (w.agreed_at = v.agreed_at AND w.number > v.number)))`

// newestFirst orders versions by when they were agreed, then by number
// (two agreed in the same second).
const newestFirst = `ORDER BY v.agreed_at DESC, v.number DESC`

func scanVersion(row scanner) (*care.PlanVersion, error) {
	v := &care.PlanVersion{}
	var at, snapshot, sigs string
	if err := row.Scan(&v.ID, &v.UUID, &v.PersonID, &v.Number, &at, &v.AgreedBy.Name, &v.AgreedBy.Role, &snapshot, &v.Hash, &v.CheckCode, &sigs, &v.Superseded); err != nil {
		return nil, err
	}
	v.AgreedAt, v.Snapshot = parseTime(at), []byte(snapshot)
	return v, json.Unmarshal([]byte(sigs), &v.Signatures)
}

// FindVersions lists a person's versions, newest first, with their copies.
func (s *VersionService) FindVersions(ctx context.Context, personID int64) (_ []*care.PlanVersion, err error) {
	defer wrap(&err, "FindVersions")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findVersions(ctx, tx, personID)
}

func findVersions(ctx context.Context, tx *Tx, personID int64) ([]*care.PlanVersion, error) {
	out, err := queryAll(ctx, tx, scanVersion, `SELECT `+versionColumns+` FROM plan_versions v WHERE v.person_id = ? `+newestFirst, personID)
	if err != nil {
		return nil, err
	}
	return out, findCopies(ctx, tx, out...)
}

// FindVersion returns the version shown as number of the person's plan (0:
// the latest agreed), with its copies. ENOTFOUND.
func (s *VersionService) FindVersion(ctx context.Context, personID int64, number int) (_ *care.PlanVersion, err error) {
	defer wrap(&err, "FindVersion")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	notFound := care.Errorf(care.ENOTFOUND, "There is no version %d of this person's plan", number)
	if number == 0 {
		notFound = care.Errorf(care.ENOTFOUND, "This person has no agreed plan yet")
	}
	return findVersion(ctx, tx, notFound, `v.person_id = ? AND (v.number = ? OR ? = 0) `+newestFirst+` LIMIT 1`, personID, number, number)
}

// FindVersionByCheckCode finds the version a printed check code belongs to,
// with its copies. ENOTFOUND.
func (s *VersionService) FindVersionByCheckCode(ctx context.Context, code string) (_ *care.PlanVersion, err error) {
	defer wrap(&err, "FindVersionByCheckCode")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	code = care.NormalizeCheckCode(code)
	notFound := care.Errorf(care.ENOTFOUND, "No agreed plan has the check code %s. Check the code on the printed plan", code)
	return findVersion(ctx, tx, notFound, `v.check_code = ?`, code)
}

// errNotAgreedHere is a version looked for by hash or UUID that is not in
// this database.
var errNotAgreedHere = care.Errorf(care.ENOTFOUND, "This plan is not one agreed on this computer")

// FindVersionByHash finds the version whose snapshot has this SHA-256,
// with its copies. ENOTFOUND.
func (s *VersionService) FindVersionByHash(ctx context.Context, hash string) (_ *care.PlanVersion, err error) {
	defer wrap(&err, "FindVersionByHash")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findVersion(ctx, tx, errNotAgreedHere, `v.hash = ? ORDER BY v.id LIMIT 1`, hash)
}

// FindVersionByUUID finds the version with this UUID, with its copies. ENOTFOUND.
func (s *VersionService) FindVersionByUUID(ctx context.Context, uuid string) (_ *care.PlanVersion, err error) {
	defer wrap(&err, "FindVersionByUUID")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findVersion(ctx, tx, errNotAgreedHere, `v.uuid = ?`, strings.ToLower(uuid))
}

// findVersion reads the first version that matches where (the rest of a
// query on plan_versions v), with its copies, or returns notFound.
func findVersion(ctx context.Context, tx *Tx, notFound error, where string, args ...any) (*care.PlanVersion, error) {
	v, err := scanVersion(tx.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM plan_versions v WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound
	} else if err != nil {
		return nil, err
	}
	return v, findCopies(ctx, tx, v)
}

// RecordCopy records who has a copy of a version. EINVALID, ENOTFOUND.
func (s *VersionService) RecordCopy(ctx context.Context, c *care.Copy) (err error) {
	defer wrap(&err, "RecordCopy")
	if c.Holder, err = care.Required("holder", "Who has the copy", "who has the copy", c.Holder, care.MaxShortText); err != nil {
		return err
	}
	if care.ChoiceLabel(care.PrintFormats, c.Format) == c.Format {
		return care.FieldError("format", "Choose the format of the copy")
	}
	if _, err := care.ParseDate("givenOn", "Date given", c.GivenOn); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertCopy(ctx, tx, c); err != nil {
		return err
	}
	return tx.Commit()
}

// insertCopy stores c, giving it its id and UUID. ENOTFOUND if there is no
// such version.
func insertCopy(ctx context.Context, tx *Tx, c *care.Copy) error {
	uuid := newUUID()
	res, err := tx.ExecContext(ctx, `INSERT INTO plan_copies (uuid, version_id, holder, format, given_on) SELECT ?, id, ?, ?, ? FROM plan_versions WHERE id = ?`,
		uuid, c.Holder, c.Format, c.GivenOn, c.VersionID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return care.Errorf(care.ENOTFOUND, "There is no such version of a plan")
	}
	c.UUID = uuid
	c.ID, err = res.LastInsertId()
	return err
}

// findCopies reads the copies of all the versions at once, in the order
// they were recorded, into each version's Copies.
func findCopies(ctx context.Context, tx *Tx, versions ...*care.PlanVersion) error {
	if len(versions) == 0 {
		return nil
	}
	byID := make(map[int64]*care.PlanVersion, len(versions))
	ids := make([]any, 0, len(versions))
	for _, v := range versions {
		byID[v.ID] = v
		ids = append(ids, v.ID)
	}
	rows, err := tx.QueryContext(ctx, `SELECT c.id, IFNULL(c.uuid, ''), c.version_id, c.holder, c.format, c.given_on,
			w.reason, w.withdrawn_at, w.withdrawn_by, w.withdrawn_role
		FROM plan_copies c LEFT JOIN plan_copy_withdrawals w ON w.copy_id = c.id
		WHERE c.version_id IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+`) ORDER BY c.id`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c := &care.Copy{}
		var reason, at, by, role sql.NullString
		if err := rows.Scan(&c.ID, &c.UUID, &c.VersionID, &c.Holder, &c.Format, &c.GivenOn, &reason, &at, &by, &role); err != nil {
			return err
		}
		if reason.Valid {
			c.Withdrawn = &care.CopyWithdrawal{Reason: reason.String, At: parseTime(at.String), By: care.Actor{Name: by.String, Role: role.String}}
		}
		v := byID[c.VersionID]
		v.Copies = append(v.Copies, c)
	}
	return rows.Err()
}
