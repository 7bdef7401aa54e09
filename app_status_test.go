package main

import (
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/testenv"
)

func TestApp_PersonStatus(t *testing.T) {
	app, _ := realApp(t, testenv.SeededCopy(t), t.TempDir())
	examples := people(t, app)
	p, err := app.CreatePerson(dto.PersonInput{GivenName: "Anna", FamilyName: "Nowak", DateOfBirth: "1946-03-14"})
	if err != nil {
		t.Fatal(err)
	}
	if e := apiError(t, func() error {
		_, err := app.RecordPersonStatus(p.ID, dto.PersonStatusInput{Kind: care.StatusDischarged, Date: "2000-01-01"})
		return err
	}()); e.Code != care.EINVALID || e.Field != "reason" {
		t.Errorf("no reason: %+v", e)
	}
	st, err := app.RecordPersonStatus(p.ID, dto.PersonStatusInput{Kind: care.StatusDischarged, Date: "2000-01-01", Reason: "Moved away"})
	if err != nil || st.Supported || st.DeletableFrom != "2008-01-01" || st.RetentionYears != 8 {
		t.Fatalf("discharged: %+v, %v", st, err)
	}
	if people(t, app) != examples {
		t.Error("a discharged person is still listed")
	}
	found, err := app.SearchPeopleIncluding("Anna", 0, true)
	if err != nil || found.Total != 1 || found.People[0].Status != "Discharged on 1 January 2000" {
		t.Errorf("including: %+v, %v", found, err)
	}
	if _, err := app.SetRetentionYears("0"); apiError(t, err).Field != "retentionYears" {
		t.Errorf("0 years: %v", err)
	}
	if n, err := app.SetRetentionYears(" 30 "); err != nil || n != 30 {
		t.Fatalf("30 years: %d, %v", n, err)
	}
	if e := apiError(t, app.DeletePerson(p.ID)); e.Code != care.ELOCKED {
		t.Errorf("inside 30 years: %+v", e)
	}
	if _, err := app.SetRetentionYears("8"); err != nil {
		t.Fatal(err)
	}
	if err := app.DeletePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	if found, _ := app.SearchPeopleIncluding("", 0, true); found.Total != examples {
		t.Errorf("after deleting, %d people", found.Total)
	}
	if n, err := app.RemoveExamplePeople(); err != nil || n != examples {
		t.Errorf("removed %d example people, %v", n, err)
	}
	report := app.s.Audit
	r, err := report.VerifyIntegrity(app.ctx)
	if err != nil || len(r.Problems) != 0 {
		t.Errorf("integrity after deleting: %+v, %v", r, err)
	}
}
