package fhir_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"testing"
	"time"

	"github.com/google/fhir/go/fhirversion"
	"github.com/google/fhir/go/jsonformat"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
)

var texts = []string{"Tea at four", "Chcę śpiewać w chórze 🎶", "שלום", "مرحبا\u200f بالعالم", "a\u202eb\u202cc", "line 1\nline 2\n\nline 4",
	"  leading and trailing  ", `<b>"quoted"</b> & \ back`, "秀英", "Siân ap Llywelyn", "🌻👩🏽‍🦳", "x"}

func randomUUID(r *rand.Rand) string {
	b := make([]byte, 16)
	r.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// randomValues are values for a section's fields, each present or not,
// of the field's kind.
func randomValues(r *rand.Rand, s *care.SectionSpec) map[string]string {
	v := map[string]string{}
	for _, f := range s.Fields {
		if r.Intn(3) == 0 {
			continue
		}
		var x string
		switch f.Kind {
		case care.KindBool:
			x = "true"
		case care.KindScale:
			x = fmt.Sprint(1 + r.Intn(10))
		case care.KindChoice:
			x = f.Choices[r.Intn(len(f.Choices))].Value
		case care.KindContactRef, care.KindGoalRef, care.KindRef:
			x = randomUUID(r)
		case care.KindOwner:
			x = []string{"person", "service", "contact:" + randomUUID(r), "professional:" + randomUUID(r), "participant:" + randomUUID(r)}[r.Intn(5)]
		case care.KindDate:
			x = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.Intn(400)).Format(care.DateLayout)
		case care.KindMoney:
			x = fmt.Sprint(r.Intn(100000))
		default:
			x = texts[r.Intn(len(texts))]
		}
		v[f.Key] = x
	}
	return v
}

// TestRoundTripRandom: records of every section and field, with hostile
// text, go through Build and Decode unchanged, and validate.
func TestRoundTripRandom(t *testing.T) {
	um, err := jsonformat.NewUnmarshaller("UTC", fhirversion.R4)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(12))
	for n := 0; n < 100; n++ {
		rec := &fhir.Record{Person: care.Person{UUID: randomUUID(r), GivenName: texts[r.Intn(len(texts))], FamilyName: texts[r.Intn(len(texts))],
			DateOfBirth: "1950-04-01", NHSNumber: []string{"", "9434765919"}[r.Intn(2)]}, Fields: map[string]map[string]string{}}
		if n%2 == 0 {
			rec.Person.PreferredName, rec.Person.Pronouns = texts[r.Intn(len(texts))], "they/them"
		}
		d := &rec.Person.Details
		for _, f := range d.Fields() {
			if r.Intn(2) == 0 {
				*f.Value = texts[r.Intn(len(texts))]
			}
		}
		if n%3 == 0 {
			rec.Status = &care.PersonStatus{Kind: []string{care.StatusDied, care.StatusDischarged, care.StatusArchived}[n%9/3], Date: "2026-05-06", Reason: "Reason " + texts[n%len(texts)]}
		}
		for i := range care.Schema {
			s := &care.Schema[i]
			if !s.List {
				rec.Fields[s.Key] = randomValues(r, s)
				continue
			}
			for k := r.Intn(3); k > 0; k-- {
				rec.Items = append(rec.Items, fhir.Item{Section: s.Key, UUID: randomUUID(r), Values: randomValues(r, s)})
			}
		}
		for k := r.Intn(3); k > 0; k-- {
			at := time.Date(2026, 11, 1+r.Intn(28), 9, r.Intn(60), r.Intn(60), r.Intn(1e9), time.UTC)
			m := &care.Meeting{UUID: randomUUID(r), Date: at.Format(care.DateLayout), Time: at.Format("15:04"), Remote: r.Intn(2) == 0,
				Purpose: care.MeetingPurposes[r.Intn(3)].Value}
			if r.Intn(2) == 0 {
				m.Place, m.Summary = texts[r.Intn(len(texts))], texts[r.Intn(len(texts))]
			}
			switch r.Intn(4) {
			case 0:
				m.StartedAt = at
			case 1:
				m.StartedAt, m.EndedAt = at, at.Add(time.Hour)
			case 2:
				m.CancelledAt, m.CancelReason = at, texts[r.Intn(len(texts))]
			}
			fm := &fhir.Meeting{Meeting: m}
			for j := r.Intn(4); j > 0; j-- {
				p := &care.Participant{UUID: randomUUID(r), Name: texts[r.Intn(len(texts))], Role: texts[r.Intn(len(texts))],
					Kind:       []string{care.ParticipantPerson, care.ParticipantContact, care.ParticipantProfessional, care.ParticipantOther}[r.Intn(4)],
					Attendance: care.Attendances[r.Intn(4)].Value, Removed: r.Intn(4) == 0}
				if p.Kind == care.ParticipantContact || p.Kind == care.ParticipantProfessional {
					if fm.Sources == nil {
						fm.Sources = map[string]string{}
					}
					fm.Sources[p.UUID] = randomUUID(r)
				}
				fm.Participants = append(fm.Participants, p)
			}
			m.Participants = fm.Participants
			rec.Meetings = append(rec.Meetings, fm)
		}
		rs, err := fhir.Build(rec)
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range rs {
			if _, err := um.Unmarshal(res.JSON); err != nil {
				t.Errorf("%s: %v\n%s", res.Ref(), err, res.JSON)
			}
			u, _, ok, err := fhir.Decode(res.JSON)
			if err != nil {
				t.Fatalf("%s: %v", res.Ref(), err)
			}
			if res.Unit.Kind == "" {
				continue
			}
			if !ok || u.Key() != res.Unit.Key() || !reflect.DeepEqual(u.Values, res.Unit.Values) {
				t.Errorf("%s (%s): ok %v\n got %q\nwant %q", res.Ref(), res.Unit.Section, ok, u.Values, res.Unit.Values)
			}
			checkUnit(t, res, u)
		}
		again, _ := fhir.Build(rec)
		for i := range rs {
			if !bytes.Equal(rs[i].JSON, again[i].JSON) {
				t.Fatal("not deterministic")
			}
		}
	}
}
