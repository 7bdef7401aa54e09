package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"whatmatters/internal/care"
)

var _ care.VersionService = (*VersionService)(nil)

// VersionService keeps agreed plan versions in SQLite.
type VersionService struct {
	db *DB
}

// NewVersionService returns a VersionService on db.
func NewVersionService(db *DB) *VersionService { return &VersionService{db: db} }

// errLocked is what any write to an agreed version gets.
var errLocked = care.Errorf(care.ELOCKED, "This version of the plan was agreed and signed. It can never change: start a review to make a new version")

// lockedErr turns the database's refusal (a trigger) into ELOCKED.
func lockedErr(err error) error {
	if err != nil && strings.Contains(err.Error(), "locked: an agreed plan version") {
		return errLocked
	}
	return err
}

// AgreePlan freezes the person's current draft as the next version.
func (s *VersionService) AgreePlan(ctx context.Context, personID int64, sigs []care.Signature, seal care.Seal) (*care.PlanVersion, error) {
	actor, ok := care.ActorFrom(ctx)
	if !ok {
		return nil, care.ErrNoActor
	}
	if err := care.ValidateSignatures(sigs); err != nil {
		return nil, err
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rec, err := findRecord(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT IFNULL(MAX(number), 0) FROM plan_versions WHERE person_id = ?`, personID).Scan(&last); err != nil {
		return nil, err
	}
	now := s.db.now()
	v := &care.PlanVersion{UUID: newUUID(), PersonID: personID, Number: last + 1, AgreedAt: now, AgreedBy: actor, Signatures: sigs}
	snap := care.NewSnapshot(rec, v.Number, now)
	meetings, err := findPlanMeetings(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	snap.AddMeetings(meetings)
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
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.UUID, personID, v.Number, formatTime(now), actor.Name, actor.Role, string(v.Snapshot), v.Hash, v.CheckCode, string(sigJSON))
	if err != nil {
		return nil, err
	}
	if v.ID, err = res.LastInsertId(); err != nil {
		return nil, err
	}
	if err := s.db.recordHistory(ctx, tx, personID, "agree", []change{{section: "plan", field: "version", after: care.Itoa(int64(v.Number)) + " " + v.CheckCode}}); err != nil {
		return nil, err
	}
	return v, tx.Commit()
}

const versionColumns = `v.id, IFNULL(v.uuid, ''), v.person_id, v.number, v.agreed_at, v.agreed_by, v.agreed_role, v.snapshot, v.hash, v.check_code, v.signatures,
	EXISTS (SELECT 1 FROM plan_versions w WHERE w.person_id = v.person_id AND w.number > v.number)`

func scanVersion(row interface{ Scan(...any) error }) (*care.PlanVersion, error) {
	v := &care.PlanVersion{}
	var at, snapshot, sigs string
	if err := row.Scan(&v.ID, &v.UUID, &v.PersonID, &v.Number, &at, &v.AgreedBy.Name, &v.AgreedBy.Role, &snapshot, &v.Hash, &v.CheckCode, &sigs, &v.Superseded); err != nil {
		return nil, err
	}
	v.AgreedAt, v.Snapshot = parseTime(at), []byte(snapshot)
	return v, json.Unmarshal([]byte(sigs), &v.Signatures)
}

// FindVersions lists a person's versions, newest first.
func (s *VersionService) FindVersions(ctx context.Context, personID int64) ([]*care.PlanVersion, error) {
	rows, err := s.db.rdb.QueryContext(ctx, `SELECT `+versionColumns+` FROM plan_versions v WHERE v.person_id = ? ORDER BY v.number DESC`, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*care.PlanVersion
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// FindVersion returns one version (number 0: the latest). ENOTFOUND.
func (s *VersionService) FindVersion(ctx context.Context, personID int64, number int) (*care.PlanVersion, error) {
	v, err := scanVersion(s.db.rdb.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM plan_versions v
		WHERE v.person_id = ? AND (v.number = ? OR ? = 0) ORDER BY v.number DESC LIMIT 1`, personID, number, number))
	if errors.Is(err, sql.ErrNoRows) {
		if number == 0 {
			return nil, care.Errorf(care.ENOTFOUND, "This person has no agreed plan yet")
		}
		return nil, care.Errorf(care.ENOTFOUND, "There is no version %d of this person's plan", number)
	}
	return v, err
}

// FindVersionByCheckCode finds the version a printed check code belongs to.
func (s *VersionService) FindVersionByCheckCode(ctx context.Context, code string) (*care.PlanVersion, error) {
	v, err := scanVersion(s.db.rdb.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM plan_versions v WHERE v.check_code = ?`, care.NormalizeCheckCode(code)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "No agreed plan has the check code %s. Check the code on the printed plan", care.NormalizeCheckCode(code))
	}
	return v, err
}

// FindVersionByHash finds the version whose snapshot has this SHA-256. ENOTFOUND.
func (s *VersionService) FindVersionByHash(ctx context.Context, hash string) (*care.PlanVersion, error) {
	v, err := scanVersion(s.db.rdb.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM plan_versions v WHERE v.hash = ? ORDER BY v.id LIMIT 1`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "This plan is not one agreed on this computer")
	}
	return v, err
}

// FindVersionByUUID finds the version with this UUID. ENOTFOUND.
func (s *VersionService) FindVersionByUUID(ctx context.Context, uuid string) (*care.PlanVersion, error) {
	v, err := scanVersion(s.db.rdb.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM plan_versions v WHERE v.uuid = ?`, strings.ToLower(uuid)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "This plan is not one agreed on this computer")
	}
	return v, err
}

// AddSignature is always refused: signatures are bound to the hash when the
// version is agreed. ENOTFOUND, else ELOCKED.
func (s *VersionService) AddSignature(ctx context.Context, versionID int64, sig care.Signature) error {
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var sigs string
	if err := tx.QueryRowContext(ctx, `SELECT signatures FROM plan_versions WHERE id = ?`, versionID).Scan(&sigs); errors.Is(err, sql.ErrNoRows) {
		return care.Errorf(care.ENOTFOUND, "There is no such version of a plan")
	} else if err != nil {
		return err
	}
	// The database refuses too: the version is locked by a trigger.
	_, err = tx.ExecContext(ctx, `UPDATE plan_versions SET signatures = ? WHERE id = ?`, sigs, versionID)
	return lockedErr(err)
}

// RecordCopy records who has a copy of a version. EINVALID, ENOTFOUND.
func (s *VersionService) RecordCopy(ctx context.Context, c *care.Copy) error {
	var err error
	if c.Holder, err = care.Required("holder", "Who has the copy", "who has the copy", c.Holder, care.MaxShortText); err != nil {
		return err
	}
	if care.ChoiceLabel(care.PrintFormats, c.Format) == c.Format {
		return care.FieldError("format", "Choose the format of the copy")
	}
	if _, err := care.ParseDate("givenOn", "Date given", c.GivenOn); err != nil {
		return err
	}
	uuid := newUUID()
	res, err := s.db.wdb.ExecContext(ctx, `INSERT INTO plan_copies (uuid, version_id, holder, format, given_on) SELECT ?, id, ?, ?, ? FROM plan_versions WHERE id = ?`,
		uuid, c.Holder, c.Format, c.GivenOn, c.VersionID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return care.Errorf(care.ENOTFOUND, "There is no such version of a plan")
	}
	c.UUID = uuid
	c.ID, err = res.LastInsertId()
	return err
}

// FindCopies lists who has a copy of a version.
func (s *VersionService) FindCopies(ctx context.Context, versionID int64) ([]*care.Copy, error) {
	rows, err := s.db.rdb.QueryContext(ctx, `SELECT id, IFNULL(uuid, ''), holder, format, given_on FROM plan_copies WHERE version_id = ? ORDER BY id`, versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*care.Copy
	for rows.Next() {
		c := &care.Copy{VersionID: versionID}
		if err := rows.Scan(&c.ID, &c.UUID, &c.Holder, &c.Format, &c.GivenOn); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
