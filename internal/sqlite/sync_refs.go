package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
)

// The tables a reference field's UUID names a row of.
func refTable(kind care.FieldKind, key string) string {
	switch kind {
	case care.KindContactRef, care.KindGoalRef:
		return "record_items"
	case care.KindRef:
		if key == "contribution" {
			return "contributions"
		}
		return "meetings"
	}
	return ""
}

// toLocalRefs turns the UUIDs in an item's reference fields into the ids
// of the rows they name here ("contact:<uuid>" into "contact:12"). A UUID
// of nothing here (a contact since removed) becomes "": as the record
// shows a reference to something removed.
func toLocalRefs(ctx context.Context, tx *Tx, spec *care.SectionSpec, values map[string]string) (map[string]string, error) {
	return swapRefs(spec, values, func(table, uuid string) (string, error) { return idOfUUID(ctx, tx, table, uuid) })
}

// toUUIDRefs is toLocalRefs the other way: ids here into UUIDs; a
// reference to nothing is left out.
func toUUIDRefs(ctx context.Context, tx *Tx, spec *care.SectionSpec, values map[string]string) (map[string]string, error) {
	out, err := swapRefs(spec, values, func(table, id string) (string, error) { return uuidOfID(ctx, tx, table, id) })
	for k, v := range out {
		if v == "" {
			delete(out, k)
		}
	}
	return out, err
}

// swapRefs returns a copy of values with each reference field's value
// turned by swap (given the table it names a row of): ids into UUIDs, or
// back. An owner keeps its kind ("contact:" + what swap gives).
func swapRefs(spec *care.SectionSpec, values map[string]string, swap func(table, v string) (string, error)) (map[string]string, error) {
	out := make(map[string]string, len(values))
	for k, v := range values {
		out[k] = v
	}
	for _, f := range spec.Fields {
		v := values[f.Key]
		if v == "" {
			continue
		}
		var err error
		switch f.Kind {
		case care.KindOwner:
			kind, ref, ok := strings.Cut(v, ":")
			if !ok {
				continue // "person", "service"
			}
			table := "record_items"
			if kind == care.OwnerParticipant {
				table = "participants"
			}
			var to string
			if to, err = swap(table, ref); to == "" {
				out[f.Key] = ""
			} else {
				out[f.Key] = kind + ":" + to
			}
		case care.KindContactRef, care.KindGoalRef, care.KindRef:
			out[f.Key], err = swap(refTable(f.Kind, f.Key), v)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// idOfUUID returns the id, as text, of the table's row with the UUID; "" if none.
func idOfUUID(ctx context.Context, tx *Tx, table, uuid string) (string, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT CAST(id AS TEXT) FROM "`+table+`" WHERE uuid = ?`, uuid).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}

// uuidOfID returns the UUID of the table's row with the id (as text); "" if none.
func uuidOfID(ctx context.Context, tx *Tx, table, id string) (string, error) {
	var uuid string
	err := tx.QueryRowContext(ctx, `SELECT IFNULL(uuid, '') FROM "`+table+`" WHERE id = CAST(? AS INTEGER)`, id).Scan(&uuid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return uuid, err
}

// resolveWaitingRefs fills in the references to uuid, just arrived, of
// items pulled before it (a communication need for a contact pulled after
// it, an action for a meeting): each had the reference left empty, and its
// resource as pulled, in its sync state, still names it. Only an empty
// reference is filled; a choice made here is never changed.
func resolveWaitingRefs(ctx context.Context, tx *Tx, personID int64, uuid string, actor care.Actor) error {
	docs, err := queryAll(ctx, tx, func(row scanner) (string, error) {
		var js string
		err := row.Scan(&js)
		return js, err
	}, `SELECT json FROM sync_state WHERE person_id = ? AND unit_kind = ? AND instr(json, ?) > 0`, personID, string(fhir.KindItem), uuid)
	if err != nil {
		return err
	}
	for _, js := range docs {
		u, _, ok, err := fhir.Decode([]byte(js))
		if err != nil || !ok || u.Kind != fhir.KindItem {
			continue
		}
		it, err := findItemByUUID(ctx, tx, u.UUID)
		if err != nil {
			return err
		} else if it == nil || it.PersonID != personID {
			continue
		}
		spec := care.FindSection(it.Section)
		if spec == nil {
			continue
		}
		local, err := toLocalRefs(ctx, tx, spec, u.Values)
		if err != nil {
			return err
		}
		next := map[string]string{}
		for k, v := range it.Values {
			next[k] = v
		}
		for _, f := range spec.Fields {
			switch f.Kind {
			case care.KindOwner, care.KindContactRef, care.KindGoalRef, care.KindRef:
				if next[f.Key] == "" && local[f.Key] != "" {
					next[f.Key] = local[f.Key]
				}
			}
		}
		kept := itemChanges(spec, it.ID, it.Values, next)
		if len(kept) == 0 {
			continue
		}
		data, err := json.Marshal(next)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE record_items SET data = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			string(data), formatTime(tx.now), it.ID); err != nil {
			return err
		}
		if err := recordHistoryAs(ctx, tx, personID, actor, care.ActionFromServer, kept); err != nil {
			return err
		}
	}
	return nil
}
