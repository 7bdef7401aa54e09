package main

import (
	"context"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/mock"
)

// TestApp_History checks that history crosses with labels and display
// values: the owner's name, pounds and pence, and what was removed.
func TestApp_History(t *testing.T) {
	rec := &care.Record{Person: &care.Person{ID: 1, GivenName: "Gosia", FamilyName: "Wiśniewska"},
		Items: map[string][]*care.Item{care.SectionContacts: {{ID: 4, Section: care.SectionContacts, Values: map[string]string{"name": "Ola"}}}}}
	records := &mock.RecordService{
		FindHistoryFn: func(context.Context, int64, int, int) ([]*care.HistoryEntry, int, error) {
			return []*care.HistoryEntry{
				{ID: 3, Action: care.ActionEdit, Section: care.SectionActions, ItemID: 9, Field: "owner", Before: "contact:4", After: "contact:5"},
				{ID: 2, Action: care.ActionEdit, Section: care.SectionBudget, Field: "amount", Before: "", After: "8640"},
				{ID: 1, Action: care.ActionCreate, Section: "person", Field: "givenName", After: "Gosia"},
			}, 3, nil
		},
		FindNamesFn: func(context.Context, int64) (*care.Names, error) {
			return &care.Names{Record: rec, Removed: map[int64]string{5: "Jan"}}, nil
		},
	}
	app := signedIn(NewApp(Services{Records: records}, "test.db", nil))
	h, err := app.History(1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if e := h.Entries[0]; e.Before != "Ola" || e.After != "Jan (removed)" || e.Field != "Who will do it" || !e.Restorable {
		t.Errorf("owner entry = %+v", e)
	}
	if e := h.Entries[1]; e.After != "£86.40" || !e.Restorable {
		t.Errorf("budget entry = %+v", e)
	}
	if e := h.Entries[2]; e.Restorable || e.Section != "Personal details" {
		t.Errorf("creation entry = %+v", e)
	}
}

func TestApp_Restore(t *testing.T) {
	var asked [2]int64
	records := &mock.RecordService{
		RestoreFn: func(ctx context.Context, personID, historyID int64) error {
			if a, _ := care.ActorFrom(ctx); a.Name != "Sam Okafor" {
				t.Errorf("actor = %+v", a)
			}
			asked = [2]int64{personID, historyID}
			if historyID == 99 {
				return care.Errorf(care.EINVALID, "This cannot be restored. The person chosen to do this is no longer in the record. Choose someone else")
			}
			return nil
		},
		FindRecordFn: func(context.Context, int64) (*care.Record, error) {
			return &care.Record{Person: &care.Person{ID: 1}}, nil
		},
	}
	app := signedIn(NewApp(Services{Records: records}, "test.db", nil))
	if _, err := app.Restore(1, 7); err != nil || asked != [2]int64{1, 7} {
		t.Fatalf("restore: %v, asked %v", err, asked)
	}
	_, err := app.Restore(1, 99)
	if got := errorJSON(t, err); got["code"] != "invalid" ||
		got["message"] != "This cannot be restored. The person chosen to do this is no longer in the record. Choose someone else" {
		t.Errorf("refused: %v", got)
	}
}
