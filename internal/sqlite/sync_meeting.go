package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
)

// A meeting's arrangements, as a conflict shows them field by field (a
// meeting unit has no Values of its own: it carries the meeting).
var meetingFieldLabels = []struct{ key, label string }{
	{"date", "Meeting date"}, {"time", "Meeting time"}, {"place", "Place"}, {"remote", "By phone or video"},
	{"purpose", "Purpose of the meeting"}, {"personAbsentReason", "Why the person is not taking part"},
	{"cancelled", "Cancelled"}, {"cancelReason", "Why it was cancelled"},
}

// meetingValues are a meeting's arrangements as values; removed says it
// was cancelled.
func meetingValues(m *care.Meeting, removed bool) map[string]string {
	if m == nil {
		return nil
	}
	v := map[string]string{"date": m.Date, "time": m.Time, "place": m.Place, "purpose": m.Purpose,
		"personAbsentReason": m.PersonAbsentReason, "cancelReason": m.CancelReason}
	if m.Remote {
		v["remote"] = "true"
	}
	if removed || !m.CancelledAt.IsZero() {
		v["cancelled"] = "true"
	}
	for k, x := range v {
		if x == "" {
			delete(v, k)
		}
	}
	return v
}

// unitValues are a unit's values, a meeting's made from its arrangements.
func unitValues(u fhir.Unit) map[string]string {
	if u.Kind == fhir.KindMeeting && u.Meeting != nil {
		return meetingValues(u.Meeting.Meeting, u.Removed)
	}
	return u.Values
}

// findMeetingByUUID reads the person's meeting with the UUID; nil if none.
func findMeetingByUUID(ctx context.Context, tx *Tx, personID int64, uuid string) (*care.Meeting, error) {
	m, err := scanMeeting(tx.QueryRowContext(ctx, `SELECT `+meetingColumns+` FROM meetings m WHERE m.uuid = ? AND m.person_id = ?`, uuid, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return m, err
}

// meetingLabel is the label of a meeting's value.
func meetingLabel(key string) string {
	for _, f := range meetingFieldLabels {
		if f.key == key {
			return f.label
		}
	}
	return key
}

// shownMeetingValue is a meeting's value as a person reads it.
func shownMeetingValue(key, v string) string {
	switch {
	case v == "":
		return ""
	case key == "date":
		return care.FormatDate(v)
	case key == "purpose":
		return care.ChoiceLabel(care.MeetingPurposes, v)
	case key == "remote" || key == "cancelled":
		return "Yes"
	}
	return v
}

// settleMeeting makes the meeting's arrangements the values chosen.
func settleMeeting(ctx context.Context, tx *Tx, p *care.Person, u fhir.Unit, actor care.Actor) error {
	m, err := findMeetingByUUID(ctx, tx, p.ID, u.UUID)
	if err != nil || m == nil {
		return err
	}
	v := u.Values
	next := *m
	next.Date, next.Time, next.Place, next.Purpose = v["date"], v["time"], v["place"], v["purpose"]
	next.Remote, next.PersonAbsentReason, next.CancelReason = v["remote"] == "true", v["personAbsentReason"], v["cancelReason"]
	switch {
	case v["cancelled"] == "" && !next.CancelledAt.IsZero():
		next.CancelledAt = m.CancelledAt // a cancellation is not undone by settling: the meeting stays cancelled
	case v["cancelled"] != "" && next.CancelledAt.IsZero():
		next.CancelledAt = tx.now
	}
	return applyMeeting(ctx, tx, p, fhir.Unit{Kind: fhir.KindMeeting, Person: u.Person, UUID: u.UUID,
		Meeting: &fhir.Meeting{Meeting: &next}}, actor)
}
