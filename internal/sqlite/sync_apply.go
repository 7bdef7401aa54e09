package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
	"whatmatters/internal/fhirsync"
)

// Apply applies a unit pulled from the server, in one transaction, unless
// a local change to the same unit is waiting in the outbox or a conflict
// on it is open: then it records a conflict (base = the resource as last
// synced, mine = what this laptop has now, theirs = the resource fetched)
// and returns conflict true. A change both sides made alike is no
// conflict: its state is kept and nothing else changes.
//
// Applied changes write history naming who changed it on the server
// (o.ChangedBy; role care.RoleFHIRServer, action care.ActionFromServer),
// keep the resource's state (for If-Match next time), and delete the
// outbox rows their own writes made, so they are not sent back.
//
// Each kind: a Patient for someone not here creates them (matched first by
// NHS number; the same number with another date of birth is a conflict,
// never a merge; a Patient without an NHS number is created if no one has
// its id); a section's fields replace what is stored; a list item is
// added or changed by UUID, its references turned from UUIDs back into
// ids here, and a removed item is removed; an agreed version is inserted
// with its snapshot's exact bytes, refused if they do not hash to its
// hash, and nothing is done if a version with that hash is here already
// (its number is the next free one if its own is taken here); a meeting's
// date, time, place, purpose, cancellation and participants are kept (its
// agenda, what was said and decisions are not pulled yet).
//
// Errors are care errors with plain messages (EINVALID for what cannot be
// recorded, ENOTFOUND for a unit of a person not here), and leave nothing
// written.
func (s *SyncService) Apply(ctx context.Context, u fhir.Unit, o fhir.Origin, res fhir.Resource) (conflict bool, err error) {
	defer wrap(&err, "Apply")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	conflict, err = s.apply(ctx, tx, u, o, res)
	if err != nil {
		return false, err
	}
	return conflict, tx.Commit()
}

// apply is Apply inside tx.
func (s *SyncService) apply(ctx context.Context, tx *Tx, u fhir.Unit, o fhir.Origin, res fhir.Resource) (_ bool, err error) {
	var start int64
	if err := tx.QueryRowContext(ctx, `SELECT IFNULL(MAX(id), 0) FROM sync_outbox`).Scan(&start); err != nil {
		return false, err
	}
	if gone, err := deletedHere(ctx, tx, u.Person); err != nil || gone {
		return false, err // deleted here after their retention period: never brought back
	}
	actor := serverActor(tx, o.ChangedBy)
	p, err := findPersonByUUID(ctx, tx, u.Person)
	if err != nil {
		return false, err
	}
	created := false
	foreign := u.Kind == fhir.KindPerson && !ownPatient(u, res)
	if p == nil {
		if u.Kind != fhir.KindPerson {
			return false, keepOrphan(ctx, tx, u, o, res)
		}
		if foreign && nhsDigits(u.Values[fhir.KeyNHSNumber]) == "" {
			return false, nil // another system's Patient that cannot be matched: not this team's to pull
		}
		match, err := matchByNHSNumber(ctx, tx, u.Values[fhir.KeyNHSNumber])
		if err != nil {
			return false, err
		}
		if foreign && match == nil {
			// A shared server holds a region's Patients: only those already
			// recorded here are this caseload's. Others come in by import.
			return false, nil
		}
		switch {
		case match != nil && match.DateOfBirth != u.Values[fhir.KeyDateOfBirth]:
			// The same NHS number with another date of birth: shown to the
			// coordinator, never merged.
			mine, err := personValues(ctx, tx, match)
			if err != nil {
				return false, err
			}
			return true, recordConflict(ctx, tx, match.ID, "person/"+match.UUID, u, o, res, mine)
		case match != nil:
			p = match // the same person, recorded on both sides: the Patient's id now names them here
			defer func() {
				if err == nil {
					err = s.applyOrphans(ctx, tx, u.Person)
				}
			}()
		default:
			if p, err = createPulledPerson(ctx, tx, u, actor); err != nil {
				return false, err
			}
			created = true
			defer func() {
				if err == nil {
					err = s.applyOrphans(ctx, tx, u.Person)
				}
			}()
		}
	}
	key := localKey(u, p)
	if !created && u.Kind != fhir.KindVersion {
		h, err := held(ctx, tx, key)
		if err != nil {
			return false, err
		}
		w, err := waiting(ctx, tx, key)
		if err != nil {
			return false, err
		}
		if h || w {
			mine, err := localValues(ctx, tx, u, p)
			if err != nil {
				return false, err
			}
			if theirs := unitValues(u); !h && theirs != nil && sameValues(mine, theirs) {
				return false, keepAppliedState(ctx, tx, p.ID, u, o, res) // made alike on both sides
			}
			return true, recordConflict(ctx, tx, p.ID, key, u, o, res, mine)
		}
	}
	if !created {
		var err error
		switch u.Kind {
		case fhir.KindPerson:
			if foreign {
				// Another system's Patient: it fills in what is not recorded
				// here, and what differs is a conflict; nothing is replaced.
				var conflict bool
				if _, conflict, err = fillPerson(ctx, tx, p, u.Values, u, o, res, actor, care.ActionFromServer); err == nil && conflict {
					return true, nil
				}
				break
			}
			err = applyPerson(ctx, tx, p, u, actor, care.ActionFromServer)
		case fhir.KindFields:
			err = applyFields(ctx, tx, p, u, actor, care.ActionFromServer)
		case fhir.KindItem:
			err = applyItem(ctx, tx, p, u, actor, care.ActionFromServer)
		case fhir.KindVersion:
			err = applyVersion(ctx, tx, p, u, actor)
		case fhir.KindMeeting:
			err = applyMeeting(ctx, tx, p, u, actor)
		default:
			err = care.Errorf(care.EINVALID, "The FHIR server sent something this app does not keep")
		}
		if err != nil {
			return false, err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_outbox WHERE id > ?`, start); err != nil {
		return false, err
	}
	return false, keepAppliedState(ctx, tx, p.ID, u, o, res)
}

// keepOrphan keeps a resource pulled for a person not on this laptop yet,
// to apply once they are (applyOrphans); ENOTFOUND if it cannot be kept.
func keepOrphan(ctx context.Context, tx *Tx, u fhir.Unit, o fhir.Origin, res fhir.Resource) error {
	if res.ID == "" || res.Type == "" || len(res.JSON) == 0 || u.Person == "" {
		return care.Errorf(care.ENOTFOUND, "The FHIR server sent a change to the record of someone not on this laptop yet")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_orphans (ref, person_uuid, json, version_id, changed_by, last_updated, at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (ref) DO UPDATE SET person_uuid = excluded.person_uuid, json = excluded.json, version_id = excluded.version_id,
			changed_by = excluded.changed_by, last_updated = excluded.last_updated, at = excluded.at`,
		res.Ref(), u.Person, string(res.JSON), o.VersionID, o.ChangedBy, formatTimeNano(o.LastUpdated), formatTime(tx.now))
	return err
}

// applyOrphans applies, in tx, the resources kept for the person with the
// UUID (as the server names them) now that they are here.
func (s *SyncService) applyOrphans(ctx context.Context, tx *Tx, personUUID string) error {
	type orphan struct {
		ref, js string
		o       fhir.Origin
	}
	all, err := queryAll(ctx, tx, func(row scanner) (orphan, error) {
		var x orphan
		var at string
		err := row.Scan(&x.ref, &x.js, &x.o.VersionID, &x.o.ChangedBy, &at)
		x.o.LastUpdated = parseTimeNano(at)
		return x, err
	}, `SELECT ref, json, version_id, changed_by, last_updated FROM sync_orphans WHERE person_uuid = ? ORDER BY ref`, personUUID)
	if err != nil || len(all) == 0 {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_orphans WHERE person_uuid = ?`, personUUID); err != nil {
		return err
	}
	for _, x := range all {
		u, _, ok, err := fhir.Decode([]byte(x.js))
		if err != nil || !ok || u.Kind == fhir.KindPerson {
			continue
		}
		typ, id, _ := strings.Cut(x.ref, "/")
		if _, err := s.apply(ctx, tx, u, x.o, fhir.Resource{Type: typ, ID: id, JSON: []byte(x.js)}); err != nil {
			return err
		}
	}
	return nil
}

// keepAppliedState keeps the resource as fetched as the server's state.
func keepAppliedState(ctx context.Context, tx *Tx, personID int64, u fhir.Unit, o fhir.Origin, res fhir.Resource) error {
	if res.ID == "" || res.Type == "" {
		return nil
	}
	unit := u
	unit.Values, unit.Version, unit.Meeting = nil, nil, nil
	return writeState(ctx, tx, personID, fhirsync.State{Ref: res.Ref(), Unit: unit, VersionID: o.VersionID, JSON: res.JSON, At: o.LastUpdated})
}

// localKey is the key the outbox names the unit by here: a person matched
// by NHS number has their own UUID here, not the Patient's.
func localKey(u fhir.Unit, p *care.Person) string {
	switch u.Kind {
	case fhir.KindPerson:
		return "person/" + p.UUID
	case fhir.KindFields:
		return "fields/" + p.UUID + "/" + u.Section
	}
	return u.Key()
}

// sameValues reports whether a and b hold the same values, an empty value
// being the same as none.
func sameValues(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

// cleanPulled checks values pulled for a section as the form checks them,
// except that a date which had to be in the future when it was set (a
// review date) is kept once it has passed.
func cleanPulled(spec *care.SectionSpec, values map[string]string) (map[string]string, error) {
	out, err := spec.CleanValues(values, time.Time{})
	if err != nil {
		return nil, cannotRecord(strings.ToLower(spec.Title[:1])+spec.Title[1:], err)
	}
	return out, nil
}

// applyFields makes a section's fields what the values say.
func applyFields(ctx context.Context, tx *Tx, p *care.Person, u fhir.Unit, actor care.Actor, action string) error {
	spec := care.FindSection(u.Section)
	if spec == nil || spec.List {
		return care.Errorf(care.EINVALID, "The FHIR server sent a section this app does not keep")
	}
	values, err := cleanPulled(spec, u.Values)
	if err != nil {
		return err
	}
	fields, err := findFields(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	var kept []change
	for _, f := range spec.Fields {
		old := fields[spec.Key][f.Key].Value
		if values[f.Key] == old {
			continue
		}
		if err := writeField(ctx, tx, p.ID, spec.Key, f.Key, values[f.Key], actor.Name); err != nil {
			return err
		}
		kept = append(kept, change{section: spec.Key, field: f.Key, before: old, after: values[f.Key]})
	}
	if len(kept) == 0 {
		return nil
	}
	if err := recordHistoryAs(ctx, tx, p.ID, actor, action, kept); err != nil {
		return err
	}
	return writeSearch(ctx, tx, p.ID)
}

// findItemByUUID reads the item with the UUID; nil if there is none.
func findItemByUUID(ctx context.Context, tx *Tx, uuid string) (*care.Item, error) {
	it, err := scanItem(tx.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM record_items WHERE uuid = ?`, uuid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return it, err
}

// applyItem adds, changes or removes a list item.
func applyItem(ctx context.Context, tx *Tx, p *care.Person, u fhir.Unit, actor care.Actor, action string) error {
	spec := care.FindSection(u.Section)
	if spec == nil || !spec.List {
		return care.Errorf(care.EINVALID, "The FHIR server sent a list this app does not keep")
	}
	if !validUUID(u.UUID) {
		return care.Errorf(care.EINVALID, "The FHIR server sent an entry without an id this app can use. Nothing has been changed")
	}
	old, err := findItemByUUID(ctx, tx, u.UUID)
	if err != nil {
		return err
	}
	if old != nil && (old.PersonID != p.ID || old.Section != u.Section) {
		return care.Errorf(care.EINVALID, "The FHIR server sent an entry that belongs elsewhere in this laptop's records. Nothing has been changed")
	}
	if u.Removed {
		if old == nil {
			return nil
		}
		rec, err := findRecord(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if rec.CheckRemove(old.ID) != nil {
			return nil // something here still depends on it: kept, and sent back as it is
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM record_items WHERE id = ?`, old.ID); err != nil {
			return err
		}
		return recordHistoryAs(ctx, tx, p.ID, actor, action, itemChanges(spec, old.ID, old.Values, nil))
	}
	local, err := toLocalRefs(ctx, tx, spec, u.Values)
	if err != nil {
		return err
	}
	values, err := cleanPulled(spec, local)
	if err != nil {
		return err
	}
	before := map[string]string{}
	var id int64
	if old != nil {
		before, id = old.Values, old.ID
	}
	kept := itemChanges(spec, id, before, values)
	if len(kept) == 0 {
		return nil
	}
	data, err := json.Marshal(values)
	if err != nil {
		return err
	}
	if old == nil {
		if id, err = insert(ctx, tx, `INSERT INTO record_items (uuid, person_id, section, data, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
			u.UUID, p.ID, u.Section, string(data), formatTime(tx.now), formatTime(tx.now)); err != nil {
			return err
		}
		for i := range kept {
			kept[i].itemID = id
		}
		if err := resolveWaitingRefs(ctx, tx, p.ID, u.UUID, actor); err != nil {
			return err
		}
	} else if _, err := tx.ExecContext(ctx, `UPDATE record_items SET data = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		string(data), formatTime(tx.now), id); err != nil {
		return err
	}
	if err := recordHistoryAs(ctx, tx, p.ID, actor, action, kept); err != nil {
		return err
	}
	return writeSearch(ctx, tx, p.ID)
}

// applyVersion records an agreed version from the server, exactly as agreed.
func applyVersion(ctx context.Context, tx *Tx, p *care.Person, u fhir.Unit, actor care.Actor) error {
	if u.Version == nil || u.Version.PlanVersion == nil || len(u.Version.Snapshot) == 0 {
		return care.Errorf(care.EINVALID, "The FHIR server sent an agreed plan without the plan itself. Nothing has been changed")
	}
	v := u.Version.PlanVersion
	if care.Hash(v.Snapshot) != v.Hash {
		return care.Errorf(care.EINVALID, "The FHIR server sent an agreed plan that does not match its fingerprint (SHA-256), so it may have been changed on the way. It has not been recorded")
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM plan_versions WHERE hash = ?`, v.Hash).Scan(&n); err != nil || n > 0 {
		return err // the same version arriving twice is one version
	}
	uuid := v.UUID
	if validUUID(uuid) {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM plan_versions WHERE uuid = ?`, uuid).Scan(&n); err != nil {
			return err
		} else if n > 0 {
			uuid = newUUID()
		}
	} else {
		uuid = newUUID()
	}
	number := v.Number
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM plan_versions WHERE person_id = ? AND number = ?`, p.ID, number).Scan(&n); err != nil {
		return err
	}
	if number <= 0 || n > 0 {
		if err := tx.QueryRowContext(ctx, `SELECT IFNULL(MAX(number), 0) + 1 FROM plan_versions WHERE person_id = ?`, p.ID).Scan(&number); err != nil {
			return err
		}
	}
	sigs := v.Signatures
	if sigs == nil {
		sigs = []care.Signature{}
	}
	sigJSON, err := json.Marshal(sigs)
	if err != nil {
		return err
	}
	at := v.AgreedAt
	if at.IsZero() {
		at = tx.now
	}
	code := care.CheckCode(v.Hash)
	id, err := insert(ctx, tx, `INSERT INTO plan_versions (uuid, person_id, number, agreed_at, agreed_by, agreed_role, snapshot, hash, check_code, signatures)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, uuid, p.ID, number, formatTime(at), v.AgreedBy.Name, v.AgreedBy.Role,
		string(v.Snapshot), v.Hash, code, string(sigJSON))
	if err != nil {
		return err
	}
	for _, c := range v.Copies {
		if !validUUID(c.UUID) {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_copies (uuid, version_id, holder, format, given_on)
			SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM plan_copies WHERE uuid = ?)`,
			c.UUID, id, c.Holder, c.Format, c.GivenOn, c.UUID); err != nil {
			return err
		}
	}
	return recordHistoryAs(ctx, tx, p.ID, actor, care.ActionFromServer,
		[]change{{section: "plan", field: "version", after: care.Itoa(int64(number)) + " " + code}})
}

// applyMeeting records a meeting's date, time, place, purpose and
// cancellation, and its participants, from the server.
func applyMeeting(ctx context.Context, tx *Tx, p *care.Person, u fhir.Unit, actor care.Actor) error {
	if u.Meeting == nil || u.Meeting.Meeting == nil {
		return care.Errorf(care.EINVALID, "The FHIR server sent a meeting without its details. Nothing has been changed")
	}
	m := u.Meeting.Meeting
	if !validUUID(u.UUID) {
		return care.Errorf(care.EINVALID, "The FHIR server sent a meeting without an id this app can use. Nothing has been changed")
	}
	checked := *m
	if err := checked.Validate(tx.clock); err != nil {
		return cannotRecord("a meeting", err)
	}
	if len([]rune(m.CancelReason)) > care.MaxShortText {
		return care.Errorf(care.EINVALID, "The FHIR server sent a meeting with more text than this app keeps. Nothing has been changed")
	}
	m = &checked
	cancelled := m.CancelledAt
	if u.Removed && cancelled.IsZero() {
		cancelled = tx.now
	}
	row := []any{m.Date, m.Time, m.Place, m.Remote, m.Purpose, m.PersonAbsentReason, nullTime(m.StartedAt), nullTime(m.EndedAt),
		nullTime(cancelled), m.CancelReason}
	var meetingID int64
	var same bool
	err := tx.QueryRowContext(ctx, `SELECT id, date IS ? AND time IS ? AND place IS ? AND remote IS ? AND purpose IS ? AND person_absent_reason IS ?
		AND started_at IS ? AND ended_at IS ? AND cancelled_at IS ? AND cancel_reason IS ?
		FROM meetings WHERE uuid = ? AND person_id = ?`, append(row, u.UUID, p.ID)...).Scan(&meetingID, &same)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if meetingID, err = insert(ctx, tx, `INSERT INTO meetings (date, time, place, remote, purpose, person_absent_reason,
			started_at, ended_at, cancelled_at, cancel_reason, uuid, person_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			append(row, u.UUID, p.ID, formatTime(tx.now), formatTime(tx.now))...); err != nil {
			return err
		}
	case err != nil:
		return err
	case !same:
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET date = ?, time = ?, place = ?, remote = ?, purpose = ?, person_absent_reason = ?,
			started_at = ?, ended_at = ?, cancelled_at = ?, cancel_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			append(row, formatTime(tx.now), meetingID)...); err != nil {
			return err
		}
	}
	if err := resolveWaitingRefs(ctx, tx, p.ID, u.UUID, actor); err != nil {
		return err
	}
	for _, pt := range u.Meeting.Participants {
		if !validUUID(pt.UUID) {
			continue
		}
		var removed any
		if pt.Removed {
			removed = formatTime(tx.now)
		}
		var source any
		if id, err := idOfUUID(ctx, tx, "record_items", u.Meeting.Sources[pt.UUID]); err != nil {
			return err
		} else if id != "" {
			source = id
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO participants (uuid, meeting_id, name, role, kind, source_item, attendance, removed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, role = excluded.role, kind = excluded.kind,
				source_item = excluded.source_item, attendance = excluded.attendance,
				removed_at = CASE WHEN excluded.removed_at IS NULL THEN NULL ELSE IFNULL(participants.removed_at, excluded.removed_at) END
			WHERE participants.meeting_id = excluded.meeting_id
				AND (participants.name, participants.role, participants.kind, participants.source_item IS excluded.source_item,
					participants.attendance, participants.removed_at IS NULL)
				IS NOT (excluded.name, excluded.role, excluded.kind, 1, excluded.attendance, excluded.removed_at IS NULL)`,
			pt.UUID, meetingID, pt.Name, pt.Role, pt.Kind, source, pt.Attendance, removed); err != nil {
			return err
		}
		if err := resolveWaitingRefs(ctx, tx, p.ID, pt.UUID, actor); err != nil {
			return err
		}
	}
	return nil
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

// localValues are the unit's values on this laptop now, as a unit holds
// them (references by UUID); nil for what has none here.
func localValues(ctx context.Context, tx *Tx, u fhir.Unit, p *care.Person) (map[string]string, error) {
	switch u.Kind {
	case fhir.KindPerson:
		return personValues(ctx, tx, p)
	case fhir.KindFields:
		fields, err := findFields(ctx, tx, p.ID)
		if err != nil {
			return nil, err
		}
		out := map[string]string{}
		for k, f := range fields[u.Section] {
			if f.Value != "" {
				out[k] = f.Value
			}
		}
		return out, nil
	case fhir.KindItem:
		it, err := findItemByUUID(ctx, tx, u.UUID)
		if err != nil || it == nil {
			return nil, err
		}
		spec := care.FindSection(it.Section)
		if spec == nil {
			return it.Values, nil
		}
		return toUUIDRefs(ctx, tx, spec, it.Values)
	case fhir.KindMeeting:
		m, err := findMeetingByUUID(ctx, tx, p.ID, u.UUID)
		if err != nil || m == nil {
			return nil, err
		}
		return meetingValues(m, false), nil
	}
	return nil, nil
}
