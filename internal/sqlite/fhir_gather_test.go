package sqlite_test

import (
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// TestGather: a person's record as it travels, with every local id in an
// item's values turned into the UUID of what it names.
func TestGather(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	records := sqlite.NewRecordService(db)
	save := func(it *care.Item) *care.Item {
		t.Helper()
		it.PersonID = p.ID
		if err := records.SaveItem(testCtx, it); err != nil {
			t.Fatal(err)
		}
		return it
	}
	contact := save(care.NewItem(p.ID, care.Contact{Name: "Tom", Type: "family"}))
	pro := save(care.NewItem(p.ID, care.CareTeamMember{Name: "Dr Rao", Role: "gp"}))
	need := save(care.NewItem(p.ID, care.CommunicationNeed{Need: "large-print", ForWhom: contact.ID}))
	goal := save(care.NewItem(p.ID, care.Goal{Text: "Sing in the choir 🎶"}))
	act := save(care.NewItem(p.ID, care.Action{What: "Find a choir", Owner: care.Owner{Kind: care.OwnerContact, ID: contact.ID}, Goal: goal.ID}))
	act2 := save(care.NewItem(p.ID, care.Action{What: "Call the GP", Owner: care.Owner{Kind: care.OwnerProfessional, ID: pro.ID}}))
	if err := records.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
		[]care.FieldChange{{Key: "mostImportant", Value: "Music"}}); err != nil {
		t.Fatal(err)
	}
	r, err := sqlite.NewSyncService(db).Gather(testCtx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Person.UUID != p.UUID || r.Status != nil || r.Fields[care.SectionAboutMe]["mostImportant"] != "Music" || len(r.Versions) != 0 {
		t.Errorf("record %+v", r)
	}
	got := map[string]map[string]string{}
	for _, it := range r.Items {
		got[it.UUID] = it.Values
		for k, v := range it.Values {
			if v == "" {
				t.Errorf("%s: empty %s kept", it.Section, k)
			}
		}
	}
	if got[need.UUID]["forWhom"] != contact.UUID {
		t.Errorf("forWhom %q, want the contact's UUID", got[need.UUID]["forWhom"])
	}
	if got[act.UUID]["owner"] != "contact:"+contact.UUID || got[act.UUID]["goal"] != goal.UUID {
		t.Errorf("action %q", got[act.UUID])
	}
	if got[act2.UUID]["owner"] != "professional:"+pro.UUID {
		t.Errorf("action %q", got[act2.UUID])
	}
	if _, err := sqlite.NewSyncService(db).Gather(testCtx, 999); care.ErrorCode(err) != care.ENOTFOUND {
		t.Errorf("%v", err)
	}
}
