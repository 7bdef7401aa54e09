package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
	"whatmatters/internal/fhirsync"
	"whatmatters/internal/sqlite"
)

// syncTriggers names the outbox triggers of migration 0017.
func syncTriggers(tb testing.TB, db *sqlite.DB) []string {
	tb.Helper()
	names, err := db.SyncTriggersForTest()
	if err != nil {
		tb.Fatal(err)
	}
	if len(names) == 0 {
		tb.Fatal("no outbox triggers")
	}
	return names
}

// outbox lists the unit keys of the outbox rows, oldest first.
func outbox(tb testing.TB, db *sqlite.DB) []string {
	tb.Helper()
	rows, err := openRaw(tb, db.Path).Query(`SELECT unit_key FROM sync_outbox ORDER BY id`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			tb.Fatal(err)
		}
		out = append(out, k)
	}
	return out
}

// count counts the rows a query selects, read apart from the store.
func count(tb testing.TB, db *sqlite.DB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := openRaw(tb, db.Path).QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// mustSent empties the outbox, as a push that worked does.
func mustSent(tb testing.TB, db *sqlite.DB) {
	tb.Helper()
	s := sqlite.NewSyncService(db)
	pending, err := s.PendingPeople(testCtx, 1000)
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range pending {
		if err := s.Pushed(testCtx, p.PersonID, p.UpTo, nil); err != nil {
			tb.Fatal(err)
		}
	}
}

// origin is who changed it on the server, as a server says.
var origin = fhir.Origin{VersionID: "2", LastUpdated: time.Date(2026, 11, 21, 9, 0, 0, 123e6, time.UTC), ChangedBy: "Dr Amir Khan"}

func resource(typ, id string) fhir.Resource {
	return fhir.Resource{Type: typ, ID: id, JSON: []byte(`{"resourceType":"` + typ + `","id":"` + id +
		`","identifier":[{"system":"urn:ietf:rfc:3986","value":"urn:uuid:` + id + `"}]}`)}
}

func aboutMe(p *care.Person, words string) fhir.Unit {
	return fhir.Unit{Kind: fhir.KindFields, Person: p.UUID, Section: care.SectionAboutMe, UUID: p.UUID,
		Values: map[string]string{"mostImportant": words}}
}

func TestSync_OutboxInTheSameTransaction(t *testing.T) {
	db := MustOpenDB(t)
	p := MustCreatePerson(t, db, zoe())
	if got := outbox(t, db); len(got) != 1 || got[0] != "person/"+p.UUID {
		t.Fatalf("after create: %v", got)
	}
	mustSent(t, db)
	rec := sqlite.NewRecordService(db)
	want := func(what string, keys ...string) {
		t.Helper()
		got := outbox(t, db)
		for _, k := range keys {
			found := false
			for _, g := range got {
				found = found || g == k
			}
			if !found {
				t.Errorf("%s: no outbox row %s in %v", what, k, got)
			}
		}
		if len(keys) == 0 && len(got) != 0 {
			t.Errorf("%s: outbox %v, want none", what, got)
		}
		mustSent(t, db)
	}

	phone := "01632 960 001"
	if _, err := sqlite.NewPersonService(db).UpdatePerson(testCtx, p.ID, care.PersonUpdate{Version: 1, Details: &care.PersonDetails{Phone: phone}}); err != nil {
		t.Fatal(err)
	}
	want("details", "person/"+p.UUID)
	if err := rec.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{{Key: "mostImportant", Value: "My garden"}}); err != nil {
		t.Fatal(err)
	}
	want("fields", "fields/"+p.UUID+"/aboutMe")
	it := MustSaveItem(t, db, p, care.SectionContacts, map[string]string{"name": "Ola", "type": "family"})
	want("item", "item/"+it.UUID)
	if err := rec.RemoveItem(testCtx, p.ID, it.ID, it.Version); err != nil {
		t.Fatal(err)
	}
	want("removed item", "item/"+it.UUID)
	m := MustCreateMeeting(t, db, p.ID)
	want("meeting", "meeting/"+m.UUID)
	MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "Back to the allotment"})
	mustSent(t, db)
	v, err := sqlite.NewVersionService(db).AgreePlan(testCtx, p.ID, agreed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want("version", "version/"+v.UUID)
	st := sqlite.NewStatusService(db)
	if err := st.RecordStatus(testCtx, &care.PersonStatus{PersonID: p.ID, Kind: care.StatusDischarged, Date: "2026-11-01", Reason: "Moved away"}, true); err != nil {
		t.Fatal(err)
	}
	want("status", "person/"+p.UUID)
	if err := st.SupportAgain(testCtx, p.ID); err != nil {
		t.Fatal(err)
	}
	want("support again", "person/"+p.UUID)

	t.Run("RolledBack", func(t *testing.T) {
		raw := openRaw(t, db.Path)
		tx, err := raw.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`UPDATE people SET pronouns = 'they/them' WHERE id = ?`, p.ID); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM sync_outbox`).Scan(&n); err != nil || n != 1 {
			t.Errorf("inside the transaction: %d rows, %v", n, err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		want("rolled back")
	})

	t.Run("Status", func(t *testing.T) {
		s := sqlite.NewSyncService(db)
		MustSaveItem(t, db, p, care.SectionStrengths, map[string]string{"text": "Patient"})
		if _, err := sqlite.NewPersonService(db).UpdatePerson(testCtx, p.ID, care.PersonUpdate{Version: 2, Details: &care.PersonDetails{Phone: "01632 960 002"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := sqlite.NewPersonService(db).UpdatePerson(testCtx, p.ID, care.PersonUpdate{Version: 3, Details: &care.PersonDetails{Phone: "01632 960 003"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.Finished(testCtx, now, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.Finished(testCtx, now.Add(time.Minute), care.Errorf(care.EINVALID, "Could not reach the FHIR server")); err != nil {
			t.Fatal(err)
		}
		got, err := s.Status(testCtx)
		if err != nil {
			t.Fatal(err)
		}
		if got.Waiting != 2 || !got.LastSynced.Equal(now) || got.LastError != "Could not reach the FHIR server" || got.Conflicts != 0 {
			t.Errorf("status = %+v", got)
		}
	})
}

func TestSync_Cursor(t *testing.T) {
	s := sqlite.NewSyncService(MustOpenDB(t))
	if at, err := s.Cursor(testCtx, "Patient"); err != nil || !at.IsZero() {
		t.Fatalf("cursor = %v, %v", at, err)
	}
	at := time.Date(2026, 11, 21, 9, 0, 0, 123456e3, time.UTC)
	if err := s.SetCursor(testCtx, "Patient", at); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Cursor(testCtx, "Patient"); err != nil || !got.Equal(at) {
		t.Errorf("cursor = %v, %v", got, err)
	}
}

func TestSync_ApplyFields(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	conflict, err := s.Apply(testCtx, aboutMe(p, "My garden"), origin, resource("QuestionnaireResponse", "q1"))
	if err != nil || conflict {
		t.Fatalf("apply: %v, %v", conflict, err)
	}
	if got := outbox(t, db); len(got) != 0 {
		t.Errorf("outbox after apply = %v", got)
	}
	rec, _ := sqlite.NewRecordService(db).FindRecord(testCtx, p.ID)
	if got := rec.Fields[care.SectionAboutMe]["mostImportant"].Value; got != "My garden" {
		t.Errorf("about me = %q", got)
	}
	h, _, _ := sqlite.NewRecordService(db).FindHistory(testCtx, p.ID, 0, 1)
	if len(h) != 1 || h[0].Action != care.ActionFromServer || h[0].Actor.Name != "Dr Amir Khan" || h[0].Actor.Role != care.RoleFHIRServer || h[0].After != "My garden" {
		t.Errorf("history = %+v", h[0])
	}
	states, err := s.States(testCtx, p.UUID)
	if st := states["QuestionnaireResponse/q1"]; err != nil || st.VersionID != "2" || st.Unit.Kind != fhir.KindFields || !st.At.Equal(origin.LastUpdated) {
		t.Errorf("states = %+v, %v", states, err)
	}
	if r, err := sqlite.NewAuditService(db).VerifyIntegrity(testCtx); err != nil || len(r.Problems) != 0 {
		t.Errorf("integrity: %+v, %v", r, err)
	}

	t.Run("ForSomeoneNotHereYet", func(t *testing.T) {
		id := "4b1e7c1e-0000-4000-8000-000000000001"
		u := aboutMe(&care.Person{UUID: id}, "My dog")
		raw, err := fhir.Build(&fhir.Record{Person: care.Person{UUID: id, GivenName: "Ann", FamilyName: "Lee", DateOfBirth: "1950-01-01"},
			Fields: map[string]map[string]string{care.SectionAboutMe: u.Values}})
		if err != nil {
			t.Fatal(err)
		}
		var qr fhir.Resource
		for _, r := range raw {
			if r.Unit.Kind == fhir.KindFields {
				qr = r
			}
		}
		if conflict, err := s.Apply(testCtx, qr.Unit, origin, qr); err != nil || conflict {
			t.Fatalf("apply before the person: %v, %v", conflict, err)
		}
		_, err = s.Apply(testCtx, u, origin, fhir.Resource{})
		wantCode(t, err, care.ENOTFOUND, "")
		// Their details arrive: what came first is applied.
		if _, err := s.Apply(testCtx, raw[0].Unit, origin, raw[0]); err != nil {
			t.Fatal(err)
		}
		var pid int64
		if err := openRaw(t, db.Path).QueryRow(`SELECT id FROM people WHERE uuid = ?`, id).Scan(&pid); err != nil {
			t.Fatal(err)
		}
		r, _ := sqlite.NewRecordService(db).FindRecord(testCtx, pid)
		if got := r.Fields[care.SectionAboutMe]["mostImportant"].Value; got != "My dog" {
			t.Errorf("about me = %q", got)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM sync_orphans`); n != 0 {
			t.Errorf("orphans left: %d", n)
		}
		if out := outbox(t, db); len(out) != 0 {
			t.Errorf("outbox = %v", out)
		}
	})
}

func TestSync_ApplyConflictOnAWaitingChange(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	rec := sqlite.NewRecordService(db)
	if err := rec.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{{Key: "mostImportant", Value: "My cat"}}); err != nil {
		t.Fatal(err)
	}
	res := resource("QuestionnaireResponse", "q1")
	conflict, err := s.Apply(testCtx, aboutMe(p, "My garden"), origin, res)
	if err != nil || !conflict {
		t.Fatalf("apply: %v, %v", conflict, err)
	}
	r, _ := rec.FindRecord(testCtx, p.ID)
	if got := r.Fields[care.SectionAboutMe]["mostImportant"].Value; got != "My cat" {
		t.Errorf("the person's own words were overwritten: %q", got)
	}
	key := "fields/" + p.UUID + "/aboutMe"
	if h, err := s.Held(testCtx, key); err != nil || !h {
		t.Errorf("held = %v, %v", h, err)
	}
	// Held changes wait: the person is not pending, and a push keeps them.
	if pending, _ := s.PendingPeople(testCtx, 10); len(pending) != 0 {
		t.Errorf("pending = %+v", pending)
	}
	if err := s.Pushed(testCtx, p.ID, 1<<40, nil); err != nil {
		t.Fatal(err)
	}
	if got := outbox(t, db); len(got) != 1 || got[0] != key {
		t.Errorf("outbox = %v", got)
	}
	// Pulling again brings the one conflict up to date.
	o2 := origin
	o2.VersionID = "3"
	if conflict, err := s.Apply(testCtx, aboutMe(p, "My garden and my bees"), o2, res); err != nil || !conflict {
		t.Fatalf("apply again: %v, %v", conflict, err)
	}
	all, err := s.Conflicts(testCtx)
	if err != nil || len(all) != 1 {
		t.Fatalf("conflicts = %+v, %v", all, err)
	}
	c := all[0]
	if c.PersonName != "Zo Ó'Brien-Łukasiewicz" || c.What != "About me" || c.ChangedBy != "Dr Amir Khan" || c.Ref != "QuestionnaireResponse/q1" ||
		len(c.Fields) != 1 || c.Fields[0] != (fhirsync.ConflictField{Key: "mostImportant", Label: "What is most important to me", Mine: "My cat", Theirs: "My garden and my bees"}) {
		t.Errorf("conflict = %+v", c)
	}
	if st, _ := s.Status(testCtx); st.Conflicts != 1 || st.Waiting != 1 {
		t.Errorf("status = %+v", st)
	}

	t.Run("SettleNeedsEveryField", func(t *testing.T) {
		wantCode(t, s.SettleConflict(testCtx, c.ID, nil), care.EINVALID, "mostImportant")
		wantCode(t, s.SettleConflict(testCtx, c.ID, map[string]string{"mostImportant": "both"}), care.EINVALID, "mostImportant")
		wantCode(t, s.SettleConflict(context.Background(), c.ID, map[string]string{"mostImportant": fhirsync.TakeTheirs}), care.EINVALID, "")
	})

	if err := s.SettleConflict(testCtx, c.ID, map[string]string{"mostImportant": fhirsync.TakeTheirs}); err != nil {
		t.Fatal(err)
	}
	r, _ = rec.FindRecord(testCtx, p.ID)
	if got := r.Fields[care.SectionAboutMe]["mostImportant"].Value; got != "My garden and my bees" {
		t.Errorf("after settling: %q", got)
	}
	h, _, _ := rec.FindHistory(testCtx, p.ID, 0, 1)
	if h[0].Action != care.ActionSettleConflict || h[0].Actor.Name != "Sam Okafor" {
		t.Errorf("history = %+v", h[0])
	}
	if held, _ := s.Held(testCtx, key); held {
		t.Error("still held")
	}
	states, _ := s.States(testCtx, p.UUID)
	if st := states["QuestionnaireResponse/q1"]; st.VersionID != "3" {
		t.Errorf("base version = %q, want theirs", st.VersionID)
	}
	if pending, _ := s.PendingPeople(testCtx, 10); len(pending) != 1 {
		t.Errorf("pending after settling = %+v", pending)
	}
	wantCode(t, s.SettleConflict(testCtx, c.ID, map[string]string{"mostImportant": fhirsync.KeepMine}), care.ECONFLICT, "")
	if got, err := s.FindConflict(testCtx, c.ID); err != nil || got.ID != c.ID {
		t.Errorf("settled conflict kept: %+v, %v", got, err)
	}
	if got, _ := s.Conflicts(testCtx); len(got) != 0 {
		t.Errorf("open conflicts = %+v", got)
	}
	_, err = s.FindConflict(testCtx, 999)
	wantCode(t, err, care.ENOTFOUND, "")
}

func TestSync_ApplyTheSameChangeIsNoConflict(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	if err := sqlite.NewRecordService(db).SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{{Key: "mostImportant", Value: "My garden"}}); err != nil {
		t.Fatal(err)
	}
	if conflict, err := s.Apply(testCtx, aboutMe(p, "My garden"), origin, resource("QuestionnaireResponse", "q1")); err != nil || conflict {
		t.Fatalf("apply: %v, %v", conflict, err)
	}
	if states, _ := s.States(testCtx, p.UUID); states["QuestionnaireResponse/q1"].VersionID != "2" {
		t.Errorf("states = %+v", states)
	}
}

func TestSync_ApplyPerson(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	values := func(dob, nhs, phone string) map[string]string {
		return map[string]string{fhir.KeyGivenName: "Zoë", fhir.KeyFamilyName: "Ó'Brien-Łukasiewicz", fhir.KeyPreferredName: "Zo",
			fhir.KeyPronouns: "she/her", fhir.KeyDateOfBirth: dob, fhir.KeyNHSNumber: nhs, "phone": phone}
	}

	t.Run("Update", func(t *testing.T) {
		u := fhir.Unit{Kind: fhir.KindPerson, Person: p.UUID, UUID: p.UUID, Values: values("1950-04-01", "9434765919", "01632 960 001")}
		if conflict, err := s.Apply(testCtx, u, origin, resource("Patient", p.UUID)); err != nil || conflict {
			t.Fatalf("apply: %v, %v", conflict, err)
		}
		got, _ := sqlite.NewPersonService(db).FindPersonByID(testCtx, p.ID)
		if got.Details.Phone != "01632 960 001" || got.Version != 2 {
			t.Errorf("person = %+v", got)
		}
		if out := outbox(t, db); len(out) != 0 {
			t.Errorf("outbox = %v", out)
		}
	})

	t.Run("SameNHSNumberOtherDateOfBirth", func(t *testing.T) {
		other := "0f5c1e2a-1111-4111-8111-111111111111"
		u := fhir.Unit{Kind: fhir.KindPerson, Person: other, UUID: other, Values: values("1951-04-01", "9434765919", "")}
		conflict, err := s.Apply(testCtx, u, origin, resource("Patient", other))
		if err != nil || !conflict {
			t.Fatalf("apply: %v, %v", conflict, err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM people`); n != 1 {
			t.Errorf("people = %d: merged or added", n)
		}
		all, _ := s.Conflicts(testCtx)
		if len(all) != 1 || all[0].PersonID != p.ID || all[0].What != "Personal details" {
			t.Fatalf("conflicts = %+v", all)
		}
		var labels []string
		for _, f := range all[0].Fields {
			labels = append(labels, f.Label+": "+f.Mine+" / "+f.Theirs)
		}
		if got := strings.Join(labels, "\n"); got != "Date of birth: 1 April 1950 / 1 April 1951\nPhone number: 01632 960 001 / " {
			t.Errorf("fields =\n%s", got)
		}
		// What the server has for them waits for the conflict to be settled.
		words := aboutMe(&care.Person{UUID: other}, "Sunday calls with my sister")
		if conflict, err := s.Apply(testCtx, words, origin, fhir.Resource{Type: "QuestionnaireResponse", ID: "q9",
			JSON: mustBuildFields(t, other, words.Values)}); err != nil || conflict {
			t.Fatalf("apply words: %v, %v", conflict, err)
		}
		// Settled field by field: the date of birth here is right, the phone number is theirs.
		if err := s.SettleConflict(testCtx, all[0].ID, map[string]string{fhir.KeyDateOfBirth: fhirsync.KeepMine, "phone": fhirsync.TakeTheirs}); err != nil {
			t.Fatal(err)
		}
		got, _ := sqlite.NewPersonService(db).FindPersonByID(testCtx, p.ID)
		if got.DateOfBirth != "1950-04-01" || got.Details.Phone != "" || got.UUID != p.UUID {
			t.Errorf("person = %+v", got)
		}
		r, _ := sqlite.NewRecordService(db).FindRecord(testCtx, p.ID)
		if got := r.Fields[care.SectionAboutMe]["mostImportant"].Value; got != "Sunday calls with my sister" {
			t.Errorf("about me after settling = %q", got)
		}
	})

	t.Run("NewWithoutNHSNumber", func(t *testing.T) {
		id := "2a7d3f00-2222-4222-8222-222222222222"
		u := fhir.Unit{Kind: fhir.KindPerson, Person: id, UUID: id, Values: map[string]string{fhir.KeyGivenName: "Derek 🙂", fhir.KeyFamilyName: "Johnson",
			fhir.KeyDateOfBirth: "1962-08-09", fhir.KeyStatus: care.StatusDischarged, fhir.KeyStatusDate: "2026-11-01", fhir.KeyStatusReason: "Moved away"}}
		if conflict, err := s.Apply(testCtx, u, origin, resource("Patient", id)); err != nil || conflict {
			t.Fatalf("apply: %v, %v", conflict, err)
		}
		var pid int64
		if err := openRaw(t, db.Path).QueryRow(`SELECT id FROM people WHERE uuid = ?`, id).Scan(&pid); err != nil {
			t.Fatal(err)
		}
		st, _ := sqlite.NewStatusService(db).FindStatus(testCtx, pid)
		if st == nil || st.Kind != care.StatusDischarged || st.RecordedBy != "Dr Amir Khan" {
			t.Errorf("status = %+v", st)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM sync_outbox WHERE person_id = ?`, pid); n != 0 {
			t.Errorf("outbox rows for the person pulled = %d", n)
		}
	})

	t.Run("AtomicOnFailure", func(t *testing.T) {
		id := "3b8e4a11-3333-4333-8333-333333333333"
		before, outboxRows := count(t, db, `SELECT COUNT(*) FROM history`), count(t, db, `SELECT COUNT(*) FROM sync_outbox`)
		// The status is dated before the person was born: refused after the person's row was written.
		u := fhir.Unit{Kind: fhir.KindPerson, Person: id, UUID: id, Values: map[string]string{fhir.KeyGivenName: "Ann", fhir.KeyFamilyName: "Lee",
			fhir.KeyDateOfBirth: "1962-08-09", fhir.KeyStatus: care.StatusDied, fhir.KeyStatusDate: "1900-01-01"}}
		_, err := s.Apply(testCtx, u, origin, resource("Patient", id))
		wantCode(t, err, care.EINVALID, "")
		for q, want := range map[string]int{`SELECT COUNT(*) FROM people WHERE uuid = '` + id + `'`: 0, `SELECT COUNT(*) FROM history`: before,
			`SELECT COUNT(*) FROM sync_state WHERE ref = 'Patient/` + id + `'`: 0, `SELECT COUNT(*) FROM sync_outbox`: outboxRows} {
			if n := count(t, db, q); n != want {
				t.Errorf("%s = %d, want %d", q, n, want)
			}
		}
	})
}

func TestSync_ApplyHostileText(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	words := "Mój ogród 🌷👩🏽‍🦳 \u202eتحذير\u202c مرحبا\n\n<script>alert(1)</script> '; DROP TABLE people; --"
	if _, err := s.Apply(testCtx, aboutMe(p, words), origin, resource("QuestionnaireResponse", "q1")); err != nil {
		t.Fatal(err)
	}
	want, _ := care.FindSection(care.SectionAboutMe).CleanValues(map[string]string{"mostImportant": words}, now)
	r, _ := sqlite.NewRecordService(db).FindRecord(testCtx, p.ID)
	if got := r.Fields[care.SectionAboutMe]["mostImportant"].Value; got != want["mostImportant"] || !strings.Contains(got, "🌷👩🏽‍🦳") {
		t.Errorf("stored %q, want %q", got, want["mostImportant"])
	}
	huge := strings.Repeat("ż", 100*1024)
	_, err := s.Apply(testCtx, aboutMe(p, huge), origin, resource("QuestionnaireResponse", "q1"))
	wantCode(t, err, care.EINVALID, "")
	if !strings.Contains(care.ErrorMessage(err), "Nothing has been changed") {
		t.Errorf("message = %q", care.ErrorMessage(err))
	}
	r, _ = sqlite.NewRecordService(db).FindRecord(testCtx, p.ID)
	if got := r.Fields[care.SectionAboutMe]["mostImportant"].Value; got != want["mostImportant"] {
		t.Error("a refused change was written")
	}
	id := "5d0a6c33-5555-4555-8555-555555555555"
	u := fhir.Unit{Kind: fhir.KindItem, Person: p.UUID, Section: care.SectionContacts, UUID: id,
		Values: map[string]string{"name": strings.Repeat("👪", 101), "type": "family"}}
	_, err = s.Apply(testCtx, u, origin, resource("RelatedPerson", id))
	wantCode(t, err, care.EINVALID, "")
	if n := count(t, db, `SELECT COUNT(*) FROM record_items`); n != 0 {
		t.Errorf("items = %d", n)
	}
}

func TestSync_ApplyItems(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	contact := "6e1b7d44-6666-4666-8666-666666666666"
	action := "7f2c8e55-7777-4777-8777-777777777777"
	apply := func(u fhir.Unit, typ string) {
		t.Helper()
		if conflict, err := s.Apply(testCtx, u, origin, resource(typ, u.UUID)); err != nil || conflict {
			t.Fatalf("apply %s: %v, %v", u.UUID, conflict, err)
		}
	}
	apply(fhir.Unit{Kind: fhir.KindItem, Person: p.UUID, Section: care.SectionContacts, UUID: contact,
		Values: map[string]string{"name": "Ola Nowak", "type": "family", "isCarer": "true"}}, "RelatedPerson")
	apply(fhir.Unit{Kind: fhir.KindItem, Person: p.UUID, Section: care.SectionActions, UUID: action,
		Values: map[string]string{"what": "Book the allotment", "owner": "contact:" + contact, "byWhen": "2026-12-01"}}, "Task")
	r, _ := sqlite.NewRecordService(db).FindRecord(testCtx, p.ID)
	if len(r.Items[care.SectionContacts]) != 1 || len(r.Items[care.SectionActions]) != 1 {
		t.Fatalf("items = %+v", r.Items)
	}
	c, a := r.Items[care.SectionContacts][0], r.Items[care.SectionActions][0]
	if c.UUID != contact || a.Values["owner"] != "contact:"+care.Itoa(c.ID) {
		t.Errorf("contact %+v, action %+v", c, a)
	}
	if out := outbox(t, db); len(out) != 0 {
		t.Errorf("outbox = %v", out)
	}
	// Changed on the server while changed here: a conflict, shown by name.
	if err := sqlite.NewRecordService(db).SaveItem(testCtx, &care.Item{ID: c.ID, PersonID: p.ID, Section: care.SectionContacts, Version: c.Version,
		Values: map[string]string{"name": "Ola Nowak", "type": "family", "phone": "07700 900 982"}}); err != nil {
		t.Fatal(err)
	}
	conflict, err := s.Apply(testCtx, fhir.Unit{Kind: fhir.KindItem, Person: p.UUID, Section: care.SectionContacts, UUID: contact,
		Values: map[string]string{"name": "Ola Nowak", "type": "carer", "isCarer": "true"}}, origin, resource("RelatedPerson", contact))
	if err != nil || !conflict {
		t.Fatalf("apply: %v, %v", conflict, err)
	}
	all, _ := s.Conflicts(testCtx)
	var fields []string
	for _, f := range all[0].Fields {
		fields = append(fields, f.Label+": "+f.Mine+" / "+f.Theirs)
	}
	if all[0].What != "Contact: Ola Nowak" || strings.Join(fields, "\n") != "Type of contact: Family / Carer\nPhone number: 07700 900 982 / \nThey are a carer:  / Yes" {
		t.Errorf("conflict %q:\n%s", all[0].What, strings.Join(fields, "\n"))
	}
	// Removed on the server, with nothing waiting here: removed here too.
	apply(fhir.Unit{Kind: fhir.KindItem, Person: p.UUID, Section: care.SectionActions, UUID: action, Removed: true,
		Values: map[string]string{"what": "Book the allotment"}}, "Task")
	r, _ = sqlite.NewRecordService(db).FindRecord(testCtx, p.ID)
	if len(r.Items[care.SectionActions]) != 0 {
		t.Errorf("actions = %+v", r.Items[care.SectionActions])
	}
}

func TestSync_ApplyVersion(t *testing.T) {
	// A version agreed on one laptop...
	there, q := MustOpenWithZoe(t)
	MustSaveItem(t, there, q, care.SectionGoals, map[string]string{"text": "Back to the allotment"})
	v, err := sqlite.NewVersionService(there).AgreePlan(testCtx, q.ID, agreed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// ...arrives on another, where the same person has a version 1 of their own.
	db := MustOpenDB(t)
	s := sqlite.NewSyncService(db)
	u := fhir.Unit{Kind: fhir.KindPerson, Person: q.UUID, UUID: q.UUID, Values: map[string]string{fhir.KeyGivenName: "Zoë",
		fhir.KeyFamilyName: "Smith", fhir.KeyDateOfBirth: "1950-04-01", fhir.KeyNHSNumber: "9434765919"}}
	if _, err := s.Apply(testCtx, u, origin, resource("Patient", q.UUID)); err != nil {
		t.Fatal(err)
	}
	var pid int64
	if err := openRaw(t, db.Path).QueryRow(`SELECT id FROM people WHERE uuid = ?`, q.UUID).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	p, _ := sqlite.NewPersonService(db).FindPersonByID(testCtx, pid)
	MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "See my sister"})
	if _, err := sqlite.NewVersionService(db).AgreePlan(testCtx, pid, agreed(), nil); err != nil {
		t.Fatal(err)
	}
	vu := fhir.Unit{Kind: fhir.KindVersion, Person: q.UUID, UUID: v.UUID, Version: &fhir.Version{PlanVersion: v}}

	t.Run("HashMismatch", func(t *testing.T) {
		bad := *v
		bad.Snapshot = append([]byte(nil), v.Snapshot...)
		bad.Snapshot[len(bad.Snapshot)-2] ^= 1
		_, err := s.Apply(testCtx, fhir.Unit{Kind: fhir.KindVersion, Person: q.UUID, UUID: v.UUID, Version: &fhir.Version{PlanVersion: &bad}}, origin, resource("DocumentReference", "d1"))
		wantCode(t, err, care.EINVALID, "")
		if n := count(t, db, `SELECT COUNT(*) FROM plan_versions`); n != 1 {
			t.Errorf("versions = %d", n)
		}
	})

	for i := range 2 {
		if conflict, err := s.Apply(testCtx, vu, origin, resource("DocumentReference", "d1")); err != nil || conflict {
			t.Fatalf("apply %d: %v, %v", i, conflict, err)
		}
	}
	vs, _ := sqlite.NewVersionService(db).FindVersions(testCtx, pid)
	if len(vs) != 2 {
		t.Fatalf("versions = %d, want 2: the same version arriving twice is one", len(vs))
	}
	var got *care.PlanVersion
	for _, x := range vs {
		if x.Hash == v.Hash {
			got = x
		}
	}
	if got == nil || string(got.Snapshot) != string(v.Snapshot) || got.Number != 2 || got.CheckCode != v.CheckCode || got.UUID != v.UUID {
		t.Errorf("version = %+v", got)
	}
	if out := outbox(t, db); len(out) != 2 { // the person's own version 1 and goal, not what was pulled
		t.Errorf("outbox = %v", out)
	}
}

func TestSync_ApplyMeeting(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	id := "8a3d9f66-8888-4888-8888-888888888888"
	m := &fhir.Meeting{Meeting: &care.Meeting{UUID: id, Date: "2026-12-03", Time: "14:00", Place: "Riverside clinic", Purpose: "review"},
		Participants: []*care.Participant{{UUID: "9b4e0a77-9999-4999-8999-999999999999", Name: "Ola Nowak", Kind: "contact", Attendance: "in-person"}}}
	u := fhir.Unit{Kind: fhir.KindMeeting, Person: p.UUID, UUID: id, Meeting: m}
	for range 2 {
		if _, err := s.Apply(testCtx, u, origin, resource("Encounter", id)); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := sqlite.NewMeetingService(db).FindMeetings(testCtx, care.MeetingFilter{PersonID: p.ID})
	if err != nil || len(ms) != 1 {
		t.Fatalf("meetings = %+v, %v", ms, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM participants WHERE name = 'Ola Nowak'`); n != 1 {
		t.Errorf("participants = %d", n)
	}
	u.Removed = true
	if _, err := s.Apply(testCtx, u, origin, resource("Encounter", id)); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM meetings WHERE cancelled_at IS NOT NULL`); n != 1 {
		t.Errorf("cancelled = %d", n)
	}
	if out := outbox(t, db); len(out) != 0 {
		t.Errorf("outbox = %v", out)
	}
}

func TestSync_DeletePersonWithSyncRows(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewSyncService(db)
	if err := sqlite.NewRecordService(db).SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{{Key: "mostImportant", Value: "My cat"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Pushed(testCtx, p.ID, 0, []fhirsync.State{{Ref: "Patient/" + p.UUID, Unit: fhir.Unit{Kind: fhir.KindPerson, Person: p.UUID, UUID: p.UUID}, VersionID: "1", JSON: []byte(`{}`)}}); err != nil {
		t.Fatal(err)
	}
	if conflict, err := s.Apply(testCtx, aboutMe(p, "My garden"), origin, resource("QuestionnaireResponse", "q1")); err != nil || !conflict {
		t.Fatalf("apply: %v, %v", conflict, err)
	}
	st := sqlite.NewStatusService(db)
	if err := st.RecordStatus(testCtx, &care.PersonStatus{PersonID: p.ID, Kind: care.StatusDied, Date: "2016-01-01"}, false); err != nil {
		t.Fatal(err)
	}
	other := MustCreatePerson(t, db, care.Person{GivenName: "Ann", FamilyName: "Lee", DateOfBirth: "1950-01-01"})
	if err := st.DeletePerson(mustSignedIn(t, db), p.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"sync_outbox", "sync_state", "sync_conflicts"} {
		if n := count(t, db, `SELECT COUNT(*) FROM `+table+` WHERE person_id = ?`, p.ID); n != 0 {
			t.Errorf("%s rows left for the person deleted: %d", table, n)
		}
	}
	if pending, err := s.PendingPeople(testCtx, 10); err != nil || len(pending) != 1 || pending[0].PersonID != other.ID {
		t.Errorf("pending = %+v, %v", pending, err)
	}
	if got, err := s.Conflicts(testCtx); err != nil || len(got) != 0 {
		t.Errorf("conflicts = %+v, %v", got, err)
	}
	// A pull never brings them back.
	u := fhir.Unit{Kind: fhir.KindPerson, Person: p.UUID, UUID: p.UUID, Values: map[string]string{fhir.KeyGivenName: "Zoë", fhir.KeyFamilyName: "Smith", fhir.KeyDateOfBirth: "1950-04-01"}}
	if conflict, err := s.Apply(testCtx, u, origin, resource("Patient", p.UUID)); err != nil || conflict {
		t.Errorf("apply after deletion: %v, %v", conflict, err)
	}
	if conflict, err := s.Apply(testCtx, aboutMe(p, "x"), origin, resource("QuestionnaireResponse", "q1")); err != nil || conflict {
		t.Errorf("apply after deletion: %v, %v", conflict, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM people WHERE uuid = ?`, p.UUID); n != 0 {
		t.Error("the person deleted was brought back")
	}
	if n := count(t, db, `SELECT COUNT(*) FROM sync_orphans`); n != 0 {
		t.Errorf("orphans = %d", n)
	}
	if n := len(syncTriggers(t, db)); n == 0 {
		t.Error("the outbox triggers were not put back")
	}
	if r, err := sqlite.NewAuditService(db).VerifyIntegrity(testCtx); err != nil || len(r.Problems) != 0 {
		t.Errorf("integrity: %+v, %v", r, err)
	}
	var fk sql.NullString
	if err := openRaw(t, db.Path).QueryRow(`SELECT "table" FROM pragma_foreign_key_check`).Scan(&fk); err != sql.ErrNoRows {
		t.Errorf("foreign key check: %v %v", fk, err)
	}
}

// TestSync_RoundTripBetweenLaptops sends every example person from one
// laptop to another as a server would (Build, then Decode of each
// resource, then Apply), and checks the second laptop then builds the
// very same resources: nothing lost, nothing added, and applying it all
// again changes nothing.
func TestSync_RoundTripBetweenLaptops(t *testing.T) {
	there := MustOpenDB(t)
	MustSeed(t, there)
	from := sqlite.NewSyncService(there)
	db := MustOpenDB(t)
	s := sqlite.NewSyncService(db)
	pending, err := from.PendingPeople(testCtx, 100)
	if err != nil || len(pending) != 5 {
		t.Fatalf("pending = %d, %v", len(pending), err)
	}
	built := map[string][]fhir.Resource{}
	for _, p := range pending {
		rec, err := from.Gather(testCtx, p.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := fhir.Build(rec)
		if err != nil {
			t.Fatal(err)
		}
		built[p.PersonUUID] = rs
	}
	applyAll := func() {
		t.Helper()
		for _, rs := range built {
			for _, r := range rs {
				u, o, ok, err := fhir.Decode(r.JSON)
				if err != nil {
					t.Fatalf("decode %s: %v", r.Ref(), err)
				}
				if !ok {
					continue
				}
				// Who changed it comes with the resource, as pulling finds it.
				o.VersionID, o.LastUpdated = origin.VersionID, origin.LastUpdated
				if conflict, err := s.Apply(testCtx, u, o, r); err != nil || conflict {
					t.Fatalf("apply %s: %v, %v", r.Ref(), conflict, err)
				}
			}
		}
	}
	applyAll()
	if out := outbox(t, db); len(out) != 0 {
		t.Errorf("outbox after pulling = %d rows", len(out))
	}
	history := count(t, db, `SELECT COUNT(*) FROM history`)
	for uuid, want := range built {
		var id int64
		if err := openRaw(t, db.Path).QueryRow(`SELECT id FROM people WHERE uuid = ?`, uuid).Scan(&id); err != nil {
			t.Fatalf("person %s not pulled: %v", uuid, err)
		}
		rec, err := s.Gather(testCtx, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fhir.Build(rec)
		if err != nil {
			t.Fatal(err)
		}
		byRef := map[string]string{}
		for _, r := range got {
			byRef[r.Ref()] = string(r.JSON)
		}
		for _, r := range want {
			if g, ok := byRef[r.Ref()]; !ok {
				t.Errorf("%s: not built on the second laptop", r.Ref())
			} else if g != string(r.JSON) {
				t.Errorf("%s differs:\n got %s\nwant %s", r.Ref(), g, r.JSON)
			}
			delete(byRef, r.Ref())
		}
		for ref := range byRef {
			t.Errorf("%s: built only on the second laptop", ref)
		}
	}
	applyAll()
	if n := count(t, db, `SELECT COUNT(*) FROM history`); n != history {
		t.Errorf("applying again wrote %d history rows", n-history)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM plan_versions`); n != count(t, there, `SELECT COUNT(*) FROM plan_versions`) {
		t.Errorf("versions = %d", n)
	}
}

// gpPatient is a Patient as a GP system exports it.
func gpPatient(id, nhs, given, family, dob, phone string) string {
	ident := ""
	if nhs != "" {
		ident = `"identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"` + nhs + `"}],`
	}
	tel := ""
	if phone != "" {
		tel = `"telecom":[{"system":"phone","value":"` + phone + `","use":"home"}],`
	}
	return `{"resourceType":"Patient","id":"` + id + `",` + ident + tel + `"name":[{"use":"official","family":"` + family + `","given":["` + given + `"]}],` +
		`"gender":"female","birthDate":"` + dob + `","address":[{"use":"home","line":["1 High Street"],"city":"Leeds","postalCode":"LS1 1AA"}]}`
}

func TestSync_ImportPatient(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewSyncService(db)
	rec := sqlite.NewRecordService(db)
	if err := rec.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{{Key: "mostImportant", Value: "My garden"}}); err != nil {
		t.Fatal(err)
	}
	bundle := `{"resourceType":"Bundle","type":"collection","entry":[` +
		`{"resource":` + gpPatient("gp-1", "9434765919", "Zoë", "Ó'Brien-Łukasiewicz", "1950-04-01", "") + `},` +
		`{"resource":` + gpPatient("gp-2", "", "Derek", "Johnson", "1962-08-09", "0113 496 0000") + `},` +
		`{"resource":` + gpPatient("gp-3", "4010232137", "Ann", "Lee", "1950-01-01", "") + `},` +
		`{"resource":{"resourceType":"Observation","id":"o1"}},` +
		`{"resource":` + gpPatient("gp-4", "", "Bad", "Date", "2999-01-01", "") + `}]}`
	res, err := s.ImportPatient(testCtx, []byte(bundle))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ip := range res.People {
		got = append(got, ip.Name+": "+ip.Outcome+map[bool]string{true: " not traced"}[ip.NotTraced])
	}
	want := "Zoë Ó'Brien-Łukasiewicz: matched\nDerek Johnson: created not traced\nAnn Lee: created\nBad Date: refused"
	if strings.Join(got, "\n") != want || res.Skipped != 1 {
		t.Errorf("import =\n%s\nskipped %d", strings.Join(got, "\n"), res.Skipped)
	}
	if res.People[0].Filled != 2 { // address and postcode
		t.Errorf("filled = %d", res.People[0].Filled)
	}
	zoe, _ := sqlite.NewPersonService(db).FindPersonByID(testCtx, p.ID)
	if zoe.Details.Postcode != "LS1 1AA" || zoe.UUID != p.UUID {
		t.Errorf("zoe = %+v", zoe)
	}
	r, _ := rec.FindRecord(testCtx, p.ID)
	if r.Fields[care.SectionAboutMe]["mostImportant"].Value != "My garden" {
		t.Error("the person's own words changed")
	}

	t.Run("Again", func(t *testing.T) {
		res, err := s.ImportPatient(testCtx, []byte(bundle))
		if err != nil {
			t.Fatal(err)
		}
		if res.Count(sqlite.ImportMatched) != 2 || res.Count(sqlite.ImportCreated) != 0 || res.Count(sqlite.ImportRefused) != 2 {
			t.Errorf("again: %+v", res.People)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM people`); n != 3 {
			t.Errorf("people = %d", n)
		}
	})

	t.Run("DateOfBirthDiffers", func(t *testing.T) {
		res, err := s.ImportPatient(testCtx, []byte(gpPatient("gp-1", "9434765919", "Zoë", "Ó'Brien-Łukasiewicz", "1950-04-02", "")))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.People) != 1 || res.People[0].Outcome != sqlite.ImportConflict || !strings.Contains(res.People[0].Message, "born 1 April 1950; the file says born 2 April 1950") {
			t.Fatalf("import = %+v", res.People)
		}
		all, _ := s.Conflicts(testCtx)
		if len(all) != 1 || len(all[0].Fields) != 1 || all[0].Fields[0].Label != "Date of birth" {
			t.Fatalf("conflicts = %+v", all)
		}
		if err := s.SettleConflict(testCtx, all[0].ID, map[string]string{fhir.KeyDateOfBirth: fhirsync.KeepMine}); err != nil {
			t.Fatal(err)
		}
		if states, _ := s.States(testCtx, p.UUID); len(states) != 0 {
			t.Errorf("an import made server state: %+v", states)
		}
	})

	t.Run("DetailsDiffer", func(t *testing.T) {
		res, err := s.ImportPatient(testCtx, []byte(gpPatient("gp-3", "4010232137", "Anne", "Lee", "1950-01-01", "0113 496 0001")))
		if err != nil || res.People[0].Outcome != sqlite.ImportConflict || res.People[0].Filled != 1 {
			t.Fatalf("import = %+v, %v", res.People, err)
		}
		all, _ := s.Conflicts(testCtx)
		if len(all) != 1 || len(all[0].Fields) != 1 || all[0].Fields[0] != (fhirsync.ConflictField{Key: "givenName", Label: "Given name", Mine: "Ann", Theirs: "Anne"}) {
			t.Fatalf("conflicts = %+v", all)
		}
	})

	t.Run("Bad", func(t *testing.T) {
		for _, raw := range []string{`not json`, `{"resourceType":"Observation"}`, `{"resourceType":"Bundle","entry":[]}`} {
			_, err := s.ImportPatient(testCtx, []byte(raw))
			wantCode(t, err, care.EINVALID, "")
		}
		_, err := s.ImportPatient(context.Background(), []byte(gpPatient("gp-9", "", "X", "Y", "1960-01-01", "")))
		if !errors.Is(err, care.ErrNoActor) {
			t.Errorf("without an actor: %v", err)
		}
	})
}

// mustBuildFields is the About me resource the mapping builds for values.
func mustBuildFields(tb testing.TB, personUUID string, values map[string]string) []byte {
	tb.Helper()
	rs, err := fhir.Build(&fhir.Record{Person: care.Person{UUID: personUUID, GivenName: "Ann", FamilyName: "Lee", DateOfBirth: "1950-01-01"},
		Fields: map[string]map[string]string{care.SectionAboutMe: values}})
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rs {
		if r.Unit.Kind == fhir.KindFields {
			return r.JSON
		}
	}
	tb.Fatal("no About me built")
	return nil
}

func TestSync_ConflictOnADerivedResource(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	team := fhir.Resource{Type: "CareTeam", ID: "c1", JSON: []byte(`{"resourceType":"CareTeam","id":"c1"}`), Unit: fhir.Unit{Person: p.UUID}}
	if err := s.Conflict(testCtx, team, []byte(`{"resourceType":"CareTeam","id":"c1","name":"theirs"}`), fhir.Origin{VersionID: "7"}); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.Conflicts(testCtx); len(all) != 0 {
		t.Errorf("conflicts = %+v", all)
	}
	states, _ := s.States(testCtx, p.UUID)
	if states["CareTeam/c1"].VersionID != "7" {
		t.Errorf("states = %+v", states)
	}
	if pending, _ := s.PendingPeople(testCtx, 10); len(pending) != 1 {
		t.Errorf("pending = %+v", pending)
	}
}

func TestSync_MeetingConflict(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	m := MustCreateMeeting(t, db, p.ID)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	place, clock := "The library", "11:30"
	if _, err := sqlite.NewMeetingService(db).UpdateMeeting(testCtx, m.ID, care.MeetingUpdate{Time: &clock, Version: m.Version}); err != nil {
		t.Fatal(err)
	}
	theirs := *m
	theirs.Place, theirs.Purpose = place, "review"
	u := fhir.Unit{Kind: fhir.KindMeeting, Person: p.UUID, UUID: m.UUID, Meeting: &fhir.Meeting{Meeting: &theirs}}
	if conflict, err := s.Apply(testCtx, u, origin, resource("Encounter", m.UUID)); err != nil || !conflict {
		t.Fatalf("apply: %v, %v", conflict, err)
	}
	all, _ := s.Conflicts(testCtx)
	var fields []string
	for _, f := range all[0].Fields {
		fields = append(fields, f.Label+": "+f.Mine+" / "+f.Theirs)
	}
	if all[0].What != "A meeting" || strings.Join(fields, "\n") != "Meeting time: 11:30 / 10:00\nPlace: Riverside clinic / The library\nPurpose of the meeting: First plan / Review" {
		t.Errorf("conflict %q:\n%s", all[0].What, strings.Join(fields, "\n"))
	}
	if err := s.SettleConflict(testCtx, all[0].ID, map[string]string{"time": fhirsync.KeepMine, "place": fhirsync.TakeTheirs, "purpose": fhirsync.TakeTheirs}); err != nil {
		t.Fatal(err)
	}
	got, _ := sqlite.NewMeetingService(db).FindMeetingByID(testCtx, m.ID)
	if got.Time != "11:30" || got.Place != "The library" || got.Purpose != "review" {
		t.Errorf("meeting = %+v", got)
	}
}

// TestSync_ApplyAnotherSystemsPatient pulls Patients a GP system wrote on
// the shared server: matched by NHS number they fill in what is not
// recorded and never replace what is; Patients nobody here has recorded
// are skipped.
func TestSync_ApplyAnotherSystemsPatient(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	mustSent(t, db)
	s := sqlite.NewSyncService(db)
	pull := func(raw string) (bool, error) {
		t.Helper()
		u, o, ok, err := fhir.Decode([]byte(raw))
		if err != nil || !ok {
			t.Fatalf("decode: %v %v", ok, err)
		}
		o.VersionID = "1"
		return s.Apply(testCtx, u, o, fhir.Resource{Type: "Patient", ID: u.Person, JSON: []byte(raw)})
	}
	if _, err := sqlite.NewPersonService(db).UpdatePerson(testCtx, p.ID, care.PersonUpdate{Version: 1, Details: &care.PersonDetails{AccessNotes: "Key safe by the door"}}); err != nil {
		t.Fatal(err)
	}
	mustSent(t, db)
	conflict, err := pull(gpPatient("gp-1", "9434765919", "Zoë", "Ó'Brien-Łukasiewicz", "1950-04-01", ""))
	if err != nil || conflict {
		t.Fatalf("matched: %v, %v", conflict, err)
	}
	got, _ := sqlite.NewPersonService(db).FindPersonByID(testCtx, p.ID)
	if got.Details.Postcode != "LS1 1AA" || got.Details.AccessNotes != "Key safe by the door" || got.PreferredName != "Zo" {
		t.Errorf("zoe = %+v", got)
	}
	if states, _ := s.States(testCtx, p.UUID); len(states) != 0 {
		t.Errorf("another system's Patient in this person's states (it would be retired): %+v", states)
	}
	// A change there to something recorded here is a conflict, not a change.
	conflict, err = pull(gpPatient("gp-1", "9434765919", "Zoe", "Ó'Brien-Łukasiewicz", "1950-04-01", ""))
	if err != nil || !conflict {
		t.Fatalf("differs: %v, %v", conflict, err)
	}
	if got, _ := sqlite.NewPersonService(db).FindPersonByID(testCtx, p.ID); got.GivenName != "Zoë" {
		t.Errorf("given name replaced: %q", got.GivenName)
	}
	all, _ := s.Conflicts(testCtx)
	if len(all) != 1 || len(all[0].Fields) != 1 || all[0].Fields[0].Label != "Given name" {
		t.Fatalf("conflicts = %+v", all)
	}
	if err := s.SettleConflict(testCtx, all[0].ID, map[string]string{"givenName": fhirsync.KeepMine}); err != nil {
		t.Fatal(err)
	}
	if states, _ := s.States(testCtx, p.UUID); len(states) != 0 {
		t.Errorf("settling put another system's Patient in this person's states: %+v", states)
	}

	// Patients nobody here has recorded are not this caseload's: a shared
	// server holds a region's. They are skipped, with or without an NHS
	// number, and come in only by import.
	for _, raw := range []string{gpPatient("gp-3", "4010232137", "Ann", "Lee", "1950-01-01", ""), gpPatient("gp-2", "", "Anna", "Nowak", "1950-03-04", "")} {
		if conflict, err = pull(raw); err != nil || conflict {
			t.Fatalf("unrecorded: %v, %v", conflict, err)
		}
	}
	if n := count(t, db, `SELECT COUNT(*) FROM people`); n != 1 {
		t.Errorf("people = %d", n)
	}
}
