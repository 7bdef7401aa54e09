package sqlite

import (
	"context"

	"whatmatters/internal/care"
)

// What the app does itself when a communication need or a contact is
// saved (the "act" step of the Accessible Information Standard).

// actOnNeed acts on item, just saved: a communication need or a contact
// adds what to book to the person's meetings not yet ended (a need
// recorded after the meeting was scheduled still gets booked), and a need
// for large print or easy read sets the print format (setNeededFormat).
func actOnNeed(ctx context.Context, tx *Tx, item *care.Item) error {
	if item.Section != care.SectionCommunicationNeeds && item.Section != care.SectionContacts {
		return nil
	}
	meetings, err := findMeetingList(ctx, tx, care.MeetingFilter{PersonID: item.PersonID}, -1)
	if err != nil {
		return err
	}
	rec, err := findRecord(ctx, tx, item.PersonID)
	if err != nil {
		return err
	}
	book := care.MeetingChecklist(rec)
	for _, m := range meetings {
		if err := addToChecklist(ctx, tx, m, book); err != nil {
			return err
		}
	}
	return setNeededFormat(ctx, tx, rec, item)
}

// setNeededFormat sets the format for printed plans when item is the
// person's own need for large print or easy read and the format chosen
// (in rec, the record as saved) does not meet it (care.NeededPrintFormat):
// the app makes the change itself, on the actor's behalf, kept in history
// as care.ActionAutomatic. So nobody is asked for the format a need
// already says.
func setNeededFormat(ctx context.Context, tx *Tx, rec *care.Record, item *care.Item) error {
	if item.Section != care.SectionCommunicationNeeds {
		return nil
	}
	n, ok := care.Decode(item.Section, item.Values).(care.CommunicationNeed)
	if !ok || n.ForWhom != 0 || (n.Need != care.NeedLargePrint && n.Need != care.NeedEasyRead) {
		return nil
	}
	actor, err := tx.Actor()
	if err != nil {
		return err
	}
	format := care.NeededPrintFormat(rec)
	if format == "" {
		return nil
	}
	const field = "printFormat"
	before := rec.Communication().PrintFormat
	if err := writeField(ctx, tx, item.PersonID, care.SectionCommunication, field, format, actor.Name); err != nil {
		return err
	}
	if err := recordHistory(ctx, tx, item.PersonID, care.ActionAutomatic,
		[]change{{section: care.SectionCommunication, field: field, before: before, after: format}}); err != nil {
		return err
	}
	return writeSearch(ctx, tx, item.PersonID)
}
