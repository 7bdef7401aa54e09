package sqlite_test

import (
	"context"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/sqlite"
)

func TestStatusService_DischargeAndSupportAgain(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewStatusService(db)
	people := sqlite.NewPersonService(db)
	found := func(include bool) int {
		t.Helper()
		_, n, err := people.SearchPeople(testCtx, care.PersonFilter{Query: "zoe", IncludeInactive: include})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, tt := range []struct {
		name  string
		st    care.PersonStatus
		field string
	}{
		{"Future", care.PersonStatus{Kind: care.StatusDischarged, Date: "2027-01-01", Reason: "Moved"}, "date"},
		{"BeforeBirth", care.PersonStatus{Kind: care.StatusDischarged, Date: "1900-01-01", Reason: "Moved"}, "date"},
		{"NoReason", care.PersonStatus{Kind: care.StatusDischarged, Date: "2026-11-01", Reason: " "}, "reason"},
		{"NoKind", care.PersonStatus{Kind: "gone", Date: "2026-11-01"}, "kind"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.st.PersonID = p.ID
			wantCode(t, s.RecordStatus(testCtx, &tt.st, false), care.EINVALID, tt.field)
		})
	}
	if found(false) != 1 {
		t.Fatal("Zoe not found before discharge")
	}
	m := MustCreateMeeting(t, db, p.ID)
	if err := sqlite.NewMeetingService(db).StartMeeting(testCtx, m.ID); err != nil {
		t.Fatal(err)
	}
	st := &care.PersonStatus{PersonID: p.ID, Kind: care.StatusDischarged, Date: "2026-11-01", Reason: "Moved away"}
	wantCode(t, s.RecordStatus(testCtx, st, false), care.ECONFLICT, "confirm")
	if err := s.RecordStatus(testCtx, st, true); err != nil {
		t.Fatal(err)
	}
	if found(false) != 0 || found(true) != 1 {
		t.Errorf("search after discharge: %d without, %d with", found(false), found(true))
	}
	matches, _, _ := people.SearchPeople(testCtx, care.PersonFilter{IncludeInactive: true})
	if len(matches) != 1 || matches[0].Status == nil || matches[0].Status.Summary() != "Discharged on 1 November 2026" {
		t.Errorf("status in search = %+v", matches[0].Status)
	}
	d, err := sqlite.NewDashboardService(db).FindDashboard(testCtx, "2026-11-21")
	if err != nil || len(d.Meetings) != 0 {
		t.Errorf("dashboard meetings after discharge = %d, %v", len(d.Meetings), err)
	}
	wantCode(t, s.DeletePerson(testCtx, p.ID), care.ESIGNIN, "")
	err = s.DeletePerson(mustSignedIn(t, db), p.ID)
	wantCode(t, err, care.ELOCKED, "")
	if msg := care.ErrorMessage(err); msg != "Zoe Smith's record must be kept for 8 years (discharged on 1 November 2026). It can be deleted from 1 November 2034" {
		t.Logf("message: %s", msg)
	}
	if err := s.SupportAgain(testCtx, p.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindStatus(testCtx, p.ID); got != nil || found(false) != 1 {
		t.Errorf("after support again: %+v, found %d", got, found(false))
	}
}

func TestStatusService_CancelMeeting(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewStatusService(db)
	ms := sqlite.NewMeetingService(db)
	m := MustCreateMeeting(t, db, p.ID)
	wantCode(t, s.CancelMeeting(testCtx, m.ID, ""), care.EINVALID, "reason")
	if err := s.CancelMeeting(testCtx, m.ID, "Zoe is in hospital"); err != nil {
		t.Fatal(err)
	}
	got, _ := ms.FindMeetingByID(testCtx, m.ID)
	if got.CancelledAt.IsZero() || got.CancelReason != "Zoe is in hospital" {
		t.Errorf("cancelled = %v %q", got.CancelledAt, got.CancelReason)
	}
	wantCode(t, ms.StartMeeting(testCtx, m.ID), care.ELOCKED, "")
	ended := MustCreateMeeting(t, db, p.ID)
	if err := ms.StartMeeting(testCtx, ended.ID); err != nil {
		t.Fatal(err)
	}
	if err := ms.EndMeeting(testCtx, ended.ID, "", "Done"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.CancelMeeting(testCtx, ended.ID, "Mistake"), care.ELOCKED, "")
}

func TestStatusService_DeleteAndRemoveExamples(t *testing.T) {
	db := MustOpenDB(t)
	s := sqlite.NewStatusService(db)
	if n, err := demo.Seed(context.Background(), demo.Services{People: sqlite.NewPersonService(db),
		Records: sqlite.NewRecordService(db), Versions: sqlite.NewVersionService(db), Examples: s}, now); err != nil || n != 5 {
		t.Fatalf("seed: %d, %v", n, err)
	}
	// A real person, recorded after the examples, discharged long ago.
	p := MustCreatePerson(t, db, zoe())
	MustSaveItem(t, db, p, care.SectionContacts, map[string]string{"name": "Ola", "type": "family"})
	MustCreateMeeting(t, db, p.ID)
	if err := s.RecordStatus(testCtx, &care.PersonStatus{PersonID: p.ID, Kind: care.StatusDied, Date: "2016-01-01"}, false); err != nil {
		t.Fatal(err)
	}
	signed := mustSignedIn(t, db)
	if err := s.DeletePerson(signed, p.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.SupportAgain(testCtx, p.ID), care.ENOTFOUND, "")
	audit := sqlite.NewAuditService(db)
	check := func() {
		t.Helper()
		r, err := audit.VerifyIntegrity(testCtx)
		if err != nil || len(r.Problems) != 0 {
			t.Fatalf("integrity: %+v, %v", r, err)
		}
	}
	check()
	// History written after a deletion chains on.
	q := MustCreatePerson(t, db, care.Person{GivenName: "Ann", FamilyName: "Lee", DateOfBirth: "1950-01-01"})
	check()
	n, err := s.RemoveExamplePeople(testCtx)
	if err != nil || n != 5 {
		t.Fatalf("removed %d, %v", n, err)
	}
	check()
	_, total, _ := sqlite.NewPersonService(db).SearchPeople(testCtx, care.PersonFilter{IncludeInactive: true})
	if total != 1 {
		t.Errorf("people left = %d, want Ann only", total)
	}
	if _, err := sqlite.NewPersonService(db).FindPersonByID(testCtx, q.ID); err != nil {
		t.Error(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.VerifyFile(testCtx, db.Path); err != nil {
		t.Errorf("VerifyFile after deleting: %v", err)
	}
}

// mustSignedIn makes an account and returns a context acting as it.
func mustSignedIn(t *testing.T, db *sqlite.DB) context.Context {
	t.Helper()
	a := &care.Account{Name: "Sam Okafor", Role: "Care coordinator"}
	if err := sqlite.NewAccountService(db).CreateAccount(testCtx, a, care.AccountSlots{KeySlot: "k", RecoverySlot: "r"}); err != nil {
		t.Fatal(err)
	}
	return care.WithActor(context.Background(), a.Actor())
}
