package fhir_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/fhir/go/fhirversion"
	"github.com/google/fhir/go/jsonformat"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/fhir"
	"whatmatters/internal/sqlite"
)

// examples is every example person's record, gathered through the real
// store: the examples as seeded, the first with a planned meeting (a
// contact and a professional taking part) and a cancelled one, and one
// person discharged.
func examples(tb testing.TB) []*fhir.Record {
	tb.Helper()
	ctx := care.WithActor(context.Background(), care.Actor{Name: "Sam Okafor", Role: "Care coordinator"})
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "fhir.db"))
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	people, records, meetings := sqlite.NewPersonService(db), sqlite.NewRecordService(db), sqlite.NewMeetingService(db)
	status := sqlite.NewStatusService(db)
	if _, err := demo.Seed(ctx, demo.Services{People: people, Records: records, Versions: sqlite.NewVersionService(db), Examples: status}, time.Now()); err != nil {
		tb.Fatal(err)
	}
	found, _, err := people.SearchPeople(ctx, care.PersonFilter{IncludeInactive: true, Limit: 100})
	if err != nil || len(found) == 0 {
		tb.Fatal(len(found), err)
	}
	first := found[0].Person.ID
	rec, err := records.FindRecord(ctx, first)
	if err != nil {
		tb.Fatal(err)
	}
	m := &care.Meeting{PersonID: first, Date: time.Now().AddDate(0, 0, 7).Format(care.DateLayout), Time: "10:30",
		Place: "Riverside Surgery, room 2", Purpose: "review"}
	if err := meetings.CreateMeeting(ctx, m); err != nil {
		tb.Fatal(err)
	}
	for _, p := range []*care.Participant{
		{MeetingID: m.ID, Name: rec.Items[care.SectionContacts][0].Values["name"], Role: "Daughter", Kind: care.ParticipantContact,
			SourceItemID: rec.Items[care.SectionContacts][0].ID, Attendance: "invited"},
		{MeetingID: m.ID, Name: rec.Items[care.SectionCareTeam][0].Values["name"], Role: "GP", Kind: care.ParticipantProfessional,
			SourceItemID: rec.Items[care.SectionCareTeam][0].ID, Attendance: "apologies"},
		{MeetingID: m.ID, Name: "Jo Bloggs", Role: "Advocate", Kind: care.ParticipantOther, Attendance: "remote"},
	} {
		if err := meetings.SaveParticipant(ctx, p); err != nil {
			tb.Fatal(err)
		}
	}
	cancelled := &care.Meeting{PersonID: first, Date: time.Now().AddDate(0, 0, 14).Format(care.DateLayout), Time: "14:00", Remote: true, Purpose: "crisis"}
	if err := meetings.CreateMeeting(ctx, cancelled); err != nil {
		tb.Fatal(err)
	}
	if err := status.CancelMeeting(ctx, cancelled.ID, "Gosia is in hospital 🏥"); err != nil {
		tb.Fatal(err)
	}
	last := found[len(found)-1].Person
	if err := status.RecordStatus(ctx, &care.PersonStatus{PersonID: last.ID, Kind: care.StatusDischarged,
		Date: time.Now().Format(care.DateLayout), Reason: "Moved out of the area"}, true); err != nil {
		tb.Fatal(err)
	}
	sync := sqlite.NewSyncService(db)
	var out []*fhir.Record
	for _, f := range found {
		r, err := sync.Gather(ctx, f.Person.ID)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func build(tb testing.TB, r *fhir.Record) []fhir.Resource {
	tb.Helper()
	rs, err := fhir.Build(r)
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

// TestRoundTrip: Decode(Build(r)) gives back every unit exactly, for every
// example person, and Build is deterministic.
func TestRoundTrip(t *testing.T) {
	recs := examples(t)
	if len(recs) < 5 {
		t.Fatalf("%d example people", len(recs))
	}
	kinds := map[fhir.Kind]int{}
	types := map[string]int{}
	for _, r := range recs {
		rs := build(t, r)
		again := build(t, r)
		if len(rs) != len(again) {
			t.Fatal("Build is not deterministic")
		}
		for i := range rs {
			if !bytes.Equal(rs[i].JSON, again[i].JSON) {
				t.Fatalf("%s: Build is not deterministic", rs[i].Ref())
			}
		}
		if rs[0].Type != "Patient" {
			t.Errorf("first resource is %s", rs[0].Type)
		}
		seen := map[string]bool{}
		for _, res := range rs {
			types[res.Type]++
			if seen[res.Ref()] {
				t.Errorf("%s built twice", res.Ref())
			}
			seen[res.Ref()] = true
			u, o, ok, err := fhir.Decode(res.JSON)
			if err != nil {
				t.Fatalf("%s: %v", res.Ref(), err)
			}
			if o.VersionID != "" || !o.LastUpdated.IsZero() {
				t.Errorf("%s: origin %+v from a resource never sent", res.Ref(), o)
			}
			if want := r.ChangedBy[res.Unit.Key()]; res.Unit.Kind != fhir.KindVersion && res.Unit.Kind != fhir.KindMeeting && o.ChangedBy != want {
				t.Errorf("%s: changed by %q, want %q", res.Ref(), o.ChangedBy, want)
			}
			if res.Unit.Kind == "" || (res.Type != "DocumentReference" && res.Unit.Kind == fhir.KindVersion) {
				if ok {
					t.Errorf("%s: a derived resource decoded as %s", res.Ref(), u.Key())
				}
				continue
			}
			if !ok {
				t.Errorf("%s: not decoded", res.Ref())
				continue
			}
			kinds[u.Kind]++
			checkUnit(t, res, u)
			if res.CreateOnly || res.Unit.Kind == fhir.KindMeeting {
				if _, err := fhir.Retired(res); res.CreateOnly && err == nil {
					t.Errorf("%s: a create-only resource retired", res.Ref())
				}
				continue
			}
			// Retired, it reads back as the same unit, removed.
			ret, err := fhir.Retired(res)
			if err != nil {
				t.Fatal(err)
			}
			u, _, ok, err = fhir.Decode(ret.JSON)
			if err != nil || !ok || !u.Removed || !ret.Unit.Removed {
				t.Fatalf("retired %s: %v %v %+v", res.Ref(), ok, err, u)
			}
			checkUnit(t, ret, u)
		}
	}
	for _, k := range []fhir.Kind{fhir.KindPerson, fhir.KindFields, fhir.KindItem, fhir.KindVersion, fhir.KindMeeting} {
		if kinds[k] == 0 {
			t.Errorf("no %s unit in the examples", k)
		}
	}
	for _, typ := range []string{"Patient", "RelatedPerson", "Practitioner", "PractitionerRole", "CareTeam", "CarePlan", "Goal",
		"Task", "Flag", "QuestionnaireResponse", "Consent", "DocumentReference", "Provenance", "Encounter"} {
		if types[typ] == 0 {
			t.Errorf("no %s built for the examples", typ)
		}
	}
}

func checkUnit(t *testing.T, res fhir.Resource, u fhir.Unit) {
	t.Helper()
	want := res.Unit
	if u.Kind != want.Kind || u.Person != want.Person || u.Section != want.Section || u.UUID != want.UUID || u.Removed != want.Removed {
		t.Errorf("%s: decoded %s %s/%s/%s removed %v, want %s %s/%s/%s removed %v", res.Ref(), u.Kind, u.Person, u.Section, u.UUID, u.Removed,
			want.Kind, want.Person, want.Section, want.UUID, want.Removed)
	}
	if u.Key() != want.Key() {
		t.Errorf("%s: key %s, want %s", res.Ref(), u.Key(), want.Key())
	}
	if want.Values != nil || u.Values != nil {
		if !reflect.DeepEqual(u.Values, want.Values) {
			t.Errorf("%s: values\n got %q\nwant %q", res.Ref(), u.Values, want.Values)
		}
	}
	switch want.Kind {
	case fhir.KindVersion:
		g, w := u.Version, want.Version
		if g == nil || !bytes.Equal(g.Snapshot, w.Snapshot) || g.Hash != w.Hash || g.UUID != w.UUID || g.Number != w.Number ||
			!g.AgreedAt.Equal(w.AgreedAt) || g.AgreedBy.Name != w.AgreedBy.Name || g.AgreedBy.Role != w.AgreedBy.Role ||
			g.CheckCode != w.CheckCode || g.Superseded != w.Superseded || !reflect.DeepEqual(g.Signatures, w.Signatures) ||
			!bytes.Equal(g.PDF, w.PDF) || g.PDFFormat != w.PDFFormat && len(w.PDF) > 0 {
			t.Errorf("%s: version not read back exactly", res.Ref())
		}
	case fhir.KindMeeting:
		g, w := u.Meeting, want.Meeting
		if g == nil {
			t.Fatalf("%s: no meeting", res.Ref())
		}
		gm, wm := *g.Meeting, *w.Meeting
		if gm.UUID != wm.UUID || gm.Date != wm.Date || gm.Time != wm.Time || gm.Place != wm.Place || gm.Remote != wm.Remote ||
			gm.Purpose != wm.Purpose || gm.PersonAbsentReason != wm.PersonAbsentReason || gm.CancelReason != wm.CancelReason ||
			gm.Summary != wm.Summary || !gm.StartedAt.Equal(wm.StartedAt) || !gm.EndedAt.Equal(wm.EndedAt) || !gm.CancelledAt.Equal(wm.CancelledAt) {
			t.Errorf("%s: meeting\n got %+v\nwant %+v", res.Ref(), gm, wm)
		}
		if len(g.Participants) != len(w.Participants) {
			t.Fatalf("%s: %d participants, want %d", res.Ref(), len(g.Participants), len(w.Participants))
		}
		for i, p := range g.Participants {
			q := w.Participants[i]
			if p.UUID != q.UUID || p.Name != q.Name || p.Role != q.Role || p.Kind != q.Kind || p.Attendance != q.Attendance || p.Removed != q.Removed {
				t.Errorf("%s: participant %d\n got %+v\nwant %+v", res.Ref(), i, p, q)
			}
		}
		if !reflect.DeepEqual(g.Sources, w.Sources) {
			t.Errorf("%s: sources %v, want %v", res.Ref(), g.Sources, w.Sources)
		}
	}
}

// TestGatherUUIDs: local ids never leave the laptop.
func TestGatherUUIDs(t *testing.T) {
	for _, r := range examples(t) {
		for _, it := range r.Items {
			for k, v := range it.Values {
				f := care.FindSection(it.Section).Field(k)
				if f == nil {
					continue
				}
				switch f.Kind {
				case care.KindRef, care.KindGoalRef, care.KindContactRef:
					if len(v) != 36 {
						t.Errorf("%s %s = %q: not a UUID", it.Section, k, v)
					}
				case care.KindOwner:
					if _, id, ok := strings.Cut(v, ":"); ok && len(id) != 36 {
						t.Errorf("owner %q: not a UUID", v)
					}
				}
			}
		}
	}
}

// TestValidateGoogleFHIR: every resource of every example person, and the
// bundle, pass github.com/google/fhir/go's R4 unmarshaller with validation.
func TestValidateGoogleFHIR(t *testing.T) {
	um, err := jsonformat.NewUnmarshaller("UTC", fhirversion.R4)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range examples(t) {
		rs := build(t, r)
		for _, res := range rs {
			if _, err := um.Unmarshal(res.JSON); err != nil {
				t.Errorf("%s: %v\n%s", res.Ref(), err, res.JSON)
			}
			n++
			if res.Unit.Kind == fhir.KindItem || res.Unit.Kind == fhir.KindFields || res.Unit.Kind == fhir.KindPerson {
				ret, err := fhir.Retired(res)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := um.Unmarshal(ret.JSON); err != nil {
					t.Errorf("retired %s: %v", res.Ref(), err)
				}
			}
		}
		b, err := fhir.Bundle(rs)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := um.Unmarshal(b); err != nil {
			t.Errorf("bundle: %v", err)
		}
	}
	t.Logf("%d resources valid", n)
}

// TestPatientProfile: UK Core, the NHS number with its verification status.
func TestPatientProfile(t *testing.T) {
	r := examples(t)[0]
	var p struct {
		Meta       struct{ Profile []string }
		Identifier []struct {
			System, Value string
			Extension     []struct {
				URL                  string
				ValueCodeableConcept struct {
					Coding []struct{ System, Code string }
				}
			}
		}
	}
	if err := json.Unmarshal(build(t, r)[0].JSON, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Meta.Profile) != 1 || p.Meta.Profile[0] != "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient" {
		t.Errorf("profile %v", p.Meta.Profile)
	}
	id := p.Identifier[0]
	if id.System != "https://fhir.nhs.uk/Id/nhs-number" || id.Value != r.Person.NHSNumber || len(id.Extension) != 1 ||
		id.Extension[0].URL != "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus" ||
		id.Extension[0].ValueCodeableConcept.Coding[0].Code != "02" {
		t.Errorf("NHS number identifier %+v", id)
	}
}

// TestVersionsChain: each CarePlan replaces the one before; the newest is
// active; the DocumentReference carries our SHA-256.
func TestVersionsChain(t *testing.T) {
	var r *fhir.Record
	for _, x := range examples(t) {
		if r == nil || len(x.Versions) > len(r.Versions) {
			r = x
		}
	}
	if len(r.Versions) < 2 {
		t.Fatalf("%d versions", len(r.Versions))
	}
	var plans []map[string]any
	for _, res := range build(t, r) {
		if res.Type == "CarePlan" {
			var m map[string]any
			json.Unmarshal(res.JSON, &m)
			plans = append(plans, m)
			if !res.CreateOnly || !strings.HasPrefix(res.Identifier, fhir.PlanHashSystem+"|") || res.Condition != "identifier="+res.Identifier {
				t.Errorf("CarePlan %v not create-only by hash", res.Identifier)
			}
		}
		if res.Type == "Provenance" && (!res.CreateOnly || res.Identifier != "" || !strings.HasPrefix(res.Condition, "target=CarePlan/")) {
			t.Errorf("Provenance created on %q %q", res.Identifier, res.Condition)
		}
	}
	if plans[0]["status"] != "revoked" || plans[len(plans)-1]["status"] != "active" {
		t.Errorf("statuses %v %v", plans[0]["status"], plans[len(plans)-1]["status"])
	}
	rep, _ := plans[1]["replaces"].([]any)
	if len(rep) != 1 || rep[0].(map[string]any)["reference"] != "CarePlan/"+plans[0]["id"].(string) {
		t.Errorf("replaces %v", plans[1]["replaces"])
	}
}
