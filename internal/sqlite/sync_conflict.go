package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
	"whatmatters/internal/fhirsync"
)

// A conflict is a change made both here and on the server. It holds its
// unit (every later write to it waits) until a person settles it field by
// field: nothing is merged automatically, least of all the person's own
// words. Settled conflicts are kept, with who settled them and how.

// conflictUnit is what a conflict keeps of its unit.
type conflictUnit struct {
	Kind    fhir.Kind `json:"kind"`
	Person  string    `json:"person"`
	Section string    `json:"section,omitempty"`
	UUID    string    `json:"uuid,omitempty"`
	Removed bool      `json:"removed,omitempty"`
}

func (c conflictUnit) unit() fhir.Unit {
	return fhir.Unit{Kind: c.Kind, Person: c.Person, Section: c.Section, UUID: c.UUID, Removed: c.Removed}
}

// decodeValues reads a resource's unit values; nil if it cannot be read.
func decodeValues(raw []byte) map[string]string {
	if len(raw) == 0 {
		return nil
	}
	u, _, ok, err := fhir.Decode(raw)
	if err != nil || !ok {
		return nil
	}
	return unitValues(u)
}

// mineJSON is the resource ref as it would be sent now, built from the
// person's record as tx has it; if the mapping cannot build it, the unit's
// values here, as a JSON object {"values": {...}}.
func mineJSON(ctx context.Context, tx *Tx, personID int64, ref string, values map[string]string) ([]byte, error) {
	rec, err := gather(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	if rs, err := fhir.Build(rec); err == nil {
		for _, r := range rs {
			if r.Ref() == ref {
				return r.JSON, nil
			}
		}
	}
	return json.Marshal(struct {
		Values map[string]string `json:"values"`
	}{values})
}

// recordConflict keeps a conflict found pulling: theirs is res as fetched
// (its unit u), mine the values here. An open conflict on the same unit
// is brought up to date instead: one conflict per unit.
func recordConflict(ctx context.Context, tx *Tx, personID int64, key string, u fhir.Unit, o fhir.Origin, res fhir.Resource, mine map[string]string) error {
	ref := res.Ref()
	if res.Type == "" {
		ref = u.Key()
	}
	base, _, err := findState(ctx, tx, ref)
	if err != nil {
		return err
	}
	mj, err := mineJSON(ctx, tx, personID, ref, mine)
	if err != nil {
		return err
	}
	return writeConflict(ctx, tx, personID, key, u, ref, base.JSON, mj, mine, res.JSON, unitValues(u), o)
}

// Conflict records a conflict found pushing (a 412): theirs is the
// server's current resource. For a derived resource (Unit.Kind "", the
// CareTeam) there is nothing to settle: theirs becomes the base and the
// person is pending again, so the next push sends ours over it.
func (s *SyncService) Conflict(ctx context.Context, mine fhir.Resource, theirs []byte, o fhir.Origin) (err error) {
	defer wrap(&err, "Conflict")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := findPersonByUUID(ctx, tx, mine.Unit.Person)
	if err != nil {
		return err
	} else if p == nil {
		return care.Errorf(care.ENOTFOUND, "There is no record here for the person this change is about")
	}
	if mine.Unit.Kind == "" {
		// A derived resource (the CareTeam, made from the care-team
		// items, which have conflicts of their own): nothing to settle.
		// The server's version becomes the base, and the person waits to
		// be sent again, so the next push sends ours with If-Match on it.
		if err := writeState(ctx, tx, p.ID, fhirsync.State{Ref: mine.Ref(), Unit: fhir.Unit{Person: p.UUID}, VersionID: o.VersionID,
			JSON: theirs, At: o.LastUpdated}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_outbox (person_id, unit_key, at) VALUES (?, ?, ?)`, p.ID, "derived/"+mine.Ref(), formatTime(tx.now)); err != nil {
			return err
		}
		return tx.Commit()
	}
	base, _, err := findState(ctx, tx, mine.Ref())
	if err != nil {
		return err
	}
	if err := writeConflict(ctx, tx, p.ID, localKey(mine.Unit, p), mine.Unit, mine.Ref(), base.JSON, mine.JSON, unitValues(mine.Unit),
		theirs, decodeValues(theirs), o); err != nil {
		return err
	}
	return tx.Commit()
}

// writeConflict inserts a conflict, or brings the open one on key up to date.
func writeConflict(ctx context.Context, tx *Tx, personID int64, key string, u fhir.Unit, ref string, base, mine []byte, mineValues map[string]string,
	theirs []byte, theirsValues map[string]string, o fhir.Origin) error {
	unitJSON, err := json.Marshal(conflictUnit{Kind: u.Kind, Person: u.Person, Section: u.Section, UUID: u.UUID, Removed: u.Removed})
	if err != nil {
		return err
	}
	values := func(m map[string]string) string {
		if m == nil {
			m = map[string]string{}
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	changedAt := o.LastUpdated
	if changedAt.IsZero() {
		changedAt = tx.now
	}
	res, err := tx.ExecContext(ctx, `UPDATE sync_conflicts SET unit = ?, ref = ?, mine = ?, mine_values = ?, theirs = ?, theirs_values = ?,
		their_version = ?, changed_by = ?, changed_at = ? WHERE unit_key = ? AND settled_at IS NULL`,
		string(unitJSON), ref, string(mine), values(mineValues), string(theirs), values(theirsValues), o.VersionID, o.ChangedBy,
		formatTimeNano(changedAt), key)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO sync_conflicts (person_id, unit_key, unit, ref, base, mine, theirs, base_values, mine_values, theirs_values,
		their_version, changed_by, changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		personID, key, string(unitJSON), ref, string(base), string(mine), string(theirs), values(decodeValues(base)), values(mineValues),
		values(theirsValues), o.VersionID, o.ChangedBy, formatTimeNano(changedAt), formatTime(tx.now))
	return err
}

// conflictRow is a conflict as stored.
type conflictRow struct {
	fhirsync.Conflict
	unit                     conflictUnit
	base, mine, theirs       map[string]string
	theirsJSON, theirVersion string
	settledAt, settledBy     string
}

const conflictColumns = `c.id, c.person_id, c.unit_key, c.unit, c.ref, c.base_values, c.mine_values, c.theirs_values, c.theirs, c.their_version,
	c.changed_by, c.changed_at, c.created_at, IFNULL(c.settled_at, ''), c.settled_by`

func scanConflict(row scanner) (*conflictRow, error) {
	c := &conflictRow{}
	var unit, base, mine, theirs, changed, created string
	if err := row.Scan(&c.ID, &c.PersonID, &c.UnitKey, &unit, &c.Ref, &base, &mine, &theirs, &c.theirsJSON, &c.theirVersion,
		&c.ChangedBy, &changed, &created, &c.settledAt, &c.settledBy); err != nil {
		return nil, err
	}
	c.ChangedAt, c.CreatedAt = parseTimeNano(changed), parseTime(created)
	for _, x := range []struct {
		s   string
		dst any
	}{{unit, &c.unit}, {base, &c.base}, {mine, &c.mine}, {theirs, &c.theirs}} {
		if err := json.Unmarshal([]byte(x.s), x.dst); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Conflicts returns the open conflicts, oldest first, each with the fields
// that differ, labelled as the forms label them.
func (s *SyncService) Conflicts(ctx context.Context) (_ []fhirsync.Conflict, err error) {
	defer wrap(&err, "Conflicts")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := queryAll(ctx, tx, scanConflict, `SELECT `+conflictColumns+` FROM sync_conflicts c WHERE c.settled_at IS NULL ORDER BY c.id`)
	if err != nil {
		return nil, err
	}
	out := make([]fhirsync.Conflict, 0, len(rows))
	for _, c := range rows {
		if err := describeConflict(ctx, tx, c); err != nil {
			return nil, err
		}
		out = append(out, c.Conflict)
	}
	return out, nil
}

// FindConflict returns one conflict, open or settled. ENOTFOUND.
func (s *SyncService) FindConflict(ctx context.Context, id int64) (_ *fhirsync.Conflict, err error) {
	defer wrap(&err, "FindConflict")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findConflict(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return &c.Conflict, nil
}

func findConflict(ctx context.Context, tx *Tx, id int64) (*conflictRow, error) {
	c, err := scanConflict(tx.QueryRowContext(ctx, `SELECT `+conflictColumns+` FROM sync_conflicts c WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "That sync conflict no longer exists")
	} else if err != nil {
		return nil, err
	}
	return c, describeConflict(ctx, tx, c)
}

// statusLabels name a KindPerson unit's status keys.
var statusLabels = map[string]string{fhir.KeyStatus: "Status", fhir.KeyStatusDate: "Status date", fhir.KeyStatusReason: "Reason for the status"}

// conflictKeys lists the keys of a unit's values in the order its form
// shows them, then any others.
func conflictKeys(u conflictUnit, maps ...map[string]string) []string {
	var order []string
	switch u.Kind {
	case fhir.KindPerson:
		order = []string{fhir.KeyGivenName, fhir.KeyFamilyName, fhir.KeyPreferredName, fhir.KeyPronouns, fhir.KeyDateOfBirth, fhir.KeyNHSNumber}
		d := care.PersonDetails{}
		for _, f := range d.Fields() {
			order = append(order, f.Key)
		}
		order = append(order, fhir.KeyStatus, fhir.KeyStatusDate, fhir.KeyStatusReason)
	case fhir.KindMeeting:
		for _, f := range meetingFieldLabels {
			order = append(order, f.key)
		}
	default:
		if spec := care.FindSection(u.Section); spec != nil {
			for _, f := range spec.Fields {
				order = append(order, f.Key)
			}
		}
	}
	seen := map[string]bool{}
	for _, k := range order {
		seen[k] = true
	}
	var rest []string
	for _, m := range maps {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				rest = append(rest, k)
			}
		}
	}
	sort.Strings(rest)
	return append(order, rest...)
}

// describeConflict fills in the person's name, what the conflict is about
// and the fields that differ.
func describeConflict(ctx context.Context, tx *Tx, c *conflictRow) error {
	p, err := findPersonByID(ctx, tx, c.PersonID)
	if err != nil {
		return err
	}
	c.PersonName = p.DisplayName()
	section := c.unit.Section
	switch c.unit.Kind {
	case fhir.KindPerson:
		section = "person"
	case fhir.KindMeeting:
		section = "meeting"
	}
	c.Fields = nil
	for _, k := range conflictKeys(c.unit, c.mine, c.theirs) {
		if c.mine[k] == c.theirs[k] {
			continue
		}
		f := fhirsync.ConflictField{Key: k, Label: fieldLabel(section, k)}
		if f.Base, err = shownValue(ctx, tx, section, k, c.base[k]); err != nil {
			return err
		}
		if f.Mine, err = shownValue(ctx, tx, section, k, c.mine[k]); err != nil {
			return err
		}
		if f.Theirs, err = shownValue(ctx, tx, section, k, c.theirs[k]); err != nil {
			return err
		}
		c.Fields = append(c.Fields, f)
	}
	c.What = conflictWhat(c)
	return nil
}

// fieldLabel is the label the form gives the field.
func fieldLabel(section, key string) string {
	if section == "meeting" {
		return meetingLabel(key)
	}
	if section == "person" {
		if l := statusLabels[key]; l != "" {
			return l
		}
	}
	if l := (care.HistoryEntry{Section: section, Field: key}).Labelled().Field; l != "" {
		return l
	}
	return key
}

// shownValue is a value as the record shows it: references named (from
// their UUIDs), dates and choices in words.
func shownValue(ctx context.Context, tx *Tx, section, key, v string) (string, error) {
	if section == "meeting" {
		return shownMeetingValue(key, v), nil
	}
	if v == "" || section == "person" {
		return (&care.Names{}).Display(section, key, v), nil
	}
	spec := care.FindSection(section)
	if spec == nil || spec.Field(key) == nil {
		return v, nil
	}
	f := spec.Field(key)
	switch f.Kind {
	case care.KindContactRef, care.KindGoalRef:
		return itemTitleByUUID(ctx, tx, v, "Something no longer in the record")
	case care.KindOwner:
		kind, uuid, ok := strings.Cut(v, ":")
		if !ok {
			return (&care.Names{}).Display(section, key, v), nil
		}
		if kind == care.OwnerParticipant {
			var name string
			err := tx.QueryRowContext(ctx, `SELECT name FROM participants WHERE uuid = ?`, uuid).Scan(&name)
			if errors.Is(err, sql.ErrNoRows) {
				return "Someone from a meeting", nil
			}
			return name, err
		}
		return itemTitleByUUID(ctx, tx, uuid, "Someone no longer in the record")
	case care.KindRef:
		return "", nil
	}
	return (&care.Names{}).Display(section, key, v), nil
}

// itemTitleByUUID is what the item with the UUID is called: its first field.
func itemTitleByUUID(ctx context.Context, tx *Tx, uuid, gone string) (string, error) {
	it, err := findItemByUUID(ctx, tx, uuid)
	if err != nil || it == nil {
		return gone, err
	}
	if spec := care.FindSection(it.Section); spec != nil && len(spec.Fields) > 0 {
		return it.Values[spec.Fields[0].Key], nil
	}
	return gone, nil
}

// conflictWhat says in words what the conflict is about: "About me",
// "Contact: Anna Nowak".
func conflictWhat(c *conflictRow) string {
	switch c.unit.Kind {
	case fhir.KindPerson:
		return "Personal details"
	case fhir.KindVersion:
		return "An agreed plan"
	case fhir.KindMeeting:
		return "A meeting"
	}
	spec := care.FindSection(c.unit.Section)
	if spec == nil {
		return c.unit.Section
	}
	if !spec.List {
		return spec.Title
	}
	name := spec.ItemName
	if name != "" {
		name = strings.ToUpper(name[:1]) + name[1:]
	}
	title := ""
	if len(spec.Fields) > 0 {
		if title = c.mine[spec.Fields[0].Key]; title == "" {
			title = c.theirs[spec.Fields[0].Key]
		}
	}
	if title == "" {
		return name
	}
	return name + ": " + title
}

// SettleConflict settles a conflict with a choice, KeepMine or TakeTheirs,
// for every field that differs (EINVALID with an error per field missing
// one). The values chosen are applied here as an edit (history: "settled a
// sync conflict", by whoever is signed in), the server's version becomes
// the base, so the next sync sends the result with If-Match on it, and an
// outbox row makes sure it is sent. The unit is no longer held; the
// conflict is kept, marked settled. ENOTFOUND; ECONFLICT if settled already.
func (s *SyncService) SettleConflict(ctx context.Context, id int64, choices map[string]string) (err error) {
	defer wrap(&err, "SettleConflict")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	actor, err := tx.Actor()
	if err != nil {
		return err
	}
	c, err := findConflict(ctx, tx, id)
	if err != nil {
		return err
	}
	if c.settledAt != "" {
		return care.Errorf(care.ECONFLICT, "This conflict was already settled by %s", c.settledBy)
	}
	result := map[string]string{}
	for k, v := range c.mine {
		result[k] = v
	}
	var errs []error
	kept := map[string]string{}
	for _, f := range c.Fields {
		switch choices[f.Key] {
		case fhirsync.KeepMine:
		case fhirsync.TakeTheirs:
			if v := c.theirs[f.Key]; v != "" {
				result[f.Key] = v
			} else {
				delete(result, f.Key)
			}
		default:
			errs = append(errs, care.FieldError(f.Key, "Choose whether to keep what this laptop has or take what the server has for "+lowerFirstWord(f.Label)))
			continue
		}
		kept[f.Key] = choices[f.Key]
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	p, err := findPersonByID(ctx, tx, c.PersonID)
	if err != nil {
		return err
	}
	u := c.unit.unit()
	u.Values = result
	u.Removed = false
	switch u.Kind {
	case fhir.KindPerson:
		err = applyPerson(ctx, tx, p, u, actor, care.ActionSettleConflict)
	case fhir.KindFields:
		err = applyFields(ctx, tx, p, u, actor, care.ActionSettleConflict)
	case fhir.KindItem:
		err = applyItem(ctx, tx, p, u, actor, care.ActionSettleConflict)
	case fhir.KindMeeting:
		err = settleMeeting(ctx, tx, p, u, actor)
	}
	if err != nil {
		return err
	}
	st := fhirsync.State{Ref: c.Ref, Unit: c.unit.unit(), VersionID: c.theirVersion, JSON: []byte(c.theirsJSON), At: c.ChangedAt}
	if strings.Contains(c.Ref, "/") && c.theirVersion != "" {
		if err := writeState(ctx, tx, p.ID, st); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_outbox (person_id, unit_key, at) VALUES (?, ?, ?)`, p.ID, c.UnitKey, formatTime(tx.now)); err != nil {
		return err
	}
	if u.Kind == fhir.KindPerson && u.Person != p.UUID {
		// A Patient matched by NHS number: what came for them while the
		// conflict was open is theirs here now.
		if err := s.applyOrphans(ctx, tx, u.Person); err != nil {
			return err
		}
	}
	choiceJSON, err := json.Marshal(kept)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sync_conflicts SET settled_at = ?, settled_by = ?, choices = ? WHERE id = ?`,
		formatTime(tx.now), actor.Name, string(choiceJSON), id); err != nil {
		return err
	}
	return tx.Commit()
}

// lowerFirstWord lowers the first letter of a label, unless it starts an
// abbreviation ("NHS number").
func lowerFirstWord(s string) string {
	if len(s) < 2 || strings.ToUpper(s[:2]) == s[:2] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
