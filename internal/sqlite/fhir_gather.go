package sqlite

import (
	"context"
	"strconv"
	"strings"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
)

// Gather returns everything about a person that travels, in one read:
// their details and status, every section's fields and items (oldest
// first, in the schema's order), their agreed versions (oldest first;
// without PDFs, which need the signing key: see internal/fhirexport) and
// their meetings with participants. Local ids in item values (a contact
// in forWhom, an owner, a goal, a meeting, a contribution) become the
// UUIDs of what they name, or "" if that is gone. ENOTFOUND.
func (s *SyncService) Gather(ctx context.Context, personID int64) (_ *fhir.Record, err error) {
	defer wrap(&err, "Gather")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return gather(ctx, tx, personID)
}

func gather(ctx context.Context, tx *Tx, personID int64) (*fhir.Record, error) {
	rec, err := findRecord(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	out := &fhir.Record{Person: *rec.Person, Fields: map[string]map[string]string{}}
	if out.Status, err = findStatus(ctx, tx, personID); err != nil {
		return nil, err
	}
	for section, fields := range rec.Fields {
		for key, f := range fields {
			if f.Value == "" {
				continue
			}
			if out.Fields[section] == nil {
				out.Fields[section] = map[string]string{}
			}
			out.Fields[section][key] = f.Value
		}
	}
	versions, err := findVersions(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	for i := len(versions) - 1; i >= 0; i-- {
		out.Versions = append(out.Versions, fhir.Version{PlanVersion: versions[i]})
	}
	meetings, err := findMeetingList(ctx, tx, care.MeetingFilter{PersonID: personID}, -1)
	if err != nil {
		return nil, err
	}
	uuids := map[string]map[int64]string{"item": {}, "meeting": {}, "participant": {}, "contribution": {}}
	for _, items := range rec.Items {
		for _, it := range items {
			uuids["item"][it.ID] = it.UUID
		}
	}
	for _, m := range meetings {
		uuids["meeting"][m.ID] = m.UUID
		ps, err := findParticipants(ctx, tx, m.ID)
		if err != nil {
			return nil, err
		}
		fm := &fhir.Meeting{Meeting: m, Participants: ps}
		m.Participants = ps
		for _, p := range ps {
			uuids["participant"][p.ID] = p.UUID
			if u := uuids["item"][p.SourceItemID]; p.SourceItemID != 0 && u != "" {
				if fm.Sources == nil {
					fm.Sources = map[string]string{}
				}
				fm.Sources[p.UUID] = u
			}
		}
		out.Meetings = append(out.Meetings, fm)
	}
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.uuid FROM contributions c JOIN meetings m ON m.id = c.meeting_id WHERE m.person_id = ?`, personID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var u string
		if err := rows.Scan(&id, &u); err != nil {
			rows.Close()
			return nil, err
		}
		uuids["contribution"][id] = u
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, s := range care.Schema {
		for _, it := range rec.Items[s.Key] {
			out.Items = append(out.Items, fhir.Item{Section: s.Key, UUID: it.UUID, Values: travelValues(&s, it.Values, uuids)})
		}
	}
	if out.ChangedBy, err = lastChangedBy(ctx, tx, rec.Person, uuids["item"]); err != nil {
		return nil, err
	}
	return out, nil
}

// lastChangedBy names, per unit key, who made the unit's newest change, as
// history has it: "Name (Role)" for a change made here, or the name the
// server gave for a change pulled from it (so a laptop that pulled a
// change writes the same name back, and nothing is sent again). A change
// from the server that named no one names no one.
func lastChangedBy(ctx context.Context, tx *Tx, p *care.Person, items map[int64]string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT section, IFNULL(item_id, 0), actor_name, actor_role FROM history WHERE person_id = ? ORDER BY id`, p.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var section, name, role string
		var itemID int64
		if err := rows.Scan(&section, &itemID, &name, &role); err != nil {
			return nil, err
		}
		var key string
		switch {
		case section == "person":
			key = string(fhir.KindPerson) + "/" + p.UUID
		case itemID != 0:
			if items[itemID] == "" {
				continue // removed since
			}
			key = string(fhir.KindItem) + "/" + items[itemID]
		case care.FindSection(section) != nil:
			key = (fhir.Unit{Kind: fhir.KindFields, Person: p.UUID, Section: section}).Key()
		default:
			continue // an agreement, a status: not a unit's change
		}
		switch {
		case role == care.RoleFHIRServer && name == unknownServerActor:
			out[key] = ""
		case role == care.RoleFHIRServer || role == "":
			out[key] = name
		default:
			out[key] = name + " (" + role + ")"
		}
	}
	return out, rows.Err()
}

// travelValues are an item's non-empty values with local ids in reference
// fields replaced by UUIDs.
func travelValues(s *care.SectionSpec, values map[string]string, uuids map[string]map[int64]string) map[string]string {
	out := make(map[string]string, len(values))
	for k, v := range values {
		if v == "" {
			continue
		}
		f := s.Field(k)
		if f != nil {
			switch f.Kind {
			case care.KindContactRef, care.KindGoalRef:
				v = uuidOf(uuids["item"], v)
			case care.KindRef:
				table := "meeting"
				if k == "contribution" {
					table = "contribution"
				}
				v = uuidOf(uuids[table], v)
			case care.KindOwner:
				if kind, id, ok := strings.Cut(v, ":"); ok {
					table := "item"
					if kind == care.OwnerParticipant {
						table = "participant"
					}
					if u := uuidOf(uuids[table], id); u != "" {
						v = kind + ":" + u
					} else {
						v = ""
					}
				}
			}
		}
		if v != "" {
			out[k] = v
		}
	}
	return out
}

func uuidOf(m map[int64]string, id string) string {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return ""
	}
	return m[n]
}
