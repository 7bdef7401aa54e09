package sqlite_test

import (
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// gosia is the example: she lives alone, and her door is slow.
func gosiaDetails() care.PersonDetails {
	return care.PersonDetails{Address: "Flat 4, 12 Mill Lane\nRiverside", Postcode: "rv1 2ab", Phone: "01632 960 321",
		PreferredContact: "letter", GPName: "Riverside Surgery", GPPhone: "01632 960 000", GPODSCode: "a81001",
		LivesAlone: "yes", AccessNotes: "Knock loudly and wait: she is hard of hearing", Gender: "Woman", Religion: "Roman Catholic"}
}

func TestPersonService_Details(t *testing.T) {
	db := MustOpenDB(t)
	s := sqlite.NewPersonService(db)
	p := zoe()
	p.Details = gosiaDetails()
	MustCreatePerson(t, db, care.Person{GivenName: "Derek", FamilyName: "Johnson", DateOfBirth: "1962-08-09",
		Details: care.PersonDetails{Postcode: "SW1A 1AA", Phone: "07700 900 982"}})
	if err := s.CreatePerson(testCtx, &p); err != nil {
		t.Fatal(err)
	}

	t.Run("Stored", func(t *testing.T) {
		got, err := s.FindPersonByID(testCtx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Details.Postcode != "RV1 2AB" || got.Details.GPODSCode != "A81001" || got.Details != p.Details {
			t.Errorf("details = %+v, want %+v", got.Details, p.Details)
		}
	})

	t.Run("Search", func(t *testing.T) {
		checkSearches(t, s, []searchTest{
			{"RV1 2AB", []int64{p.ID}}, {"rv12ab", []int64{p.ID}}, {"rv1", []int64{p.ID}},
			{"01632960321", []int64{p.ID}}, {"01632 960 321", []int64{p.ID}}, {"01632 960", []int64{p.ID}},
			{"RV1 2AC", nil}, {"SW1A1AA", []int64{1}},
		}, true)
	})

	t.Run("Update", func(t *testing.T) {
		d := p.Details
		d.Postcode, d.LivesAlone, d.LivesWith = "SW1A 2AA", "no", "Her son, Piotr"
		got, err := s.UpdatePerson(testCtx, p.ID, care.PersonUpdate{Details: &d, Version: p.Version})
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != p.Version+1 || got.Details.LivesWith != "Her son, Piotr" {
			t.Errorf("after update %+v", got)
		}
		checkSearches(t, s, []searchTest{{"RV1 2AB", nil}, {"sw1a 2aa", []int64{p.ID}}}, true)
		history, _, err := sqlite.NewRecordService(db).FindHistory(testCtx, p.ID, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var fields []string
		for _, h := range history {
			if h.Action == care.ActionEdit {
				fields = append(fields, h.Field+": "+h.Before+" > "+h.After)
			}
		}
		want := []string{"livesWith:  > Her son, Piotr", "livesAlone: yes > no", "postcode: RV1 2AB > SW1A 2AA"}
		if len(fields) != len(want) {
			t.Fatalf("history %q, want %q", fields, want)
		}
		for i := range want {
			if fields[i] != want[i] {
				t.Errorf("history %q, want %q", fields, want)
			}
		}
		again, err := s.UpdatePerson(testCtx, p.ID, care.PersonUpdate{Details: &d, Version: got.Version})
		if err != nil || again.Version != got.Version {
			t.Errorf("the same details again: version %d, %v; want %d kept", again.Version, err, got.Version)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		bad := care.PersonDetails{Postcode: "SW1", GPODSCode: "A"}
		_, err := s.UpdatePerson(testCtx, p.ID, care.PersonUpdate{Details: &bad, Version: p.Version + 1})
		if errs := care.FieldErrors(err); len(errs) != 2 || errs[0].Field != "postcode" || errs[1].Field != "gpOdsCode" {
			t.Errorf("err = %v", err)
		}
	})
}
