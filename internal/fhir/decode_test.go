package fhir_test

import (
	"errors"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
)

// A Patient from a GP system: no extensions of ours, several names,
// telecom, an address in lines.
const gpPatient = `{"resourceType":"Patient","id":"9000000009","meta":{"versionId":"3","lastUpdated":"2026-11-30T10:15:00.123+00:00",
 "author":{"display":"Dr A Smith"}},
 "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"943 476 5919"}],
 "name":[{"use":"old","family":"Jones","given":["Jane"]},{"use":"official","family":"Smith","given":["Jane","Mary"],"prefix":["Mrs"]},
  {"use":"nickname","given":["Janey"]}],
 "gender":"female","birthDate":"1950-04-01",
 "telecom":[{"system":"email","value":"jane@example.com"},{"system":"phone","value":"01632 960 001","use":"home"}],
 "address":[{"use":"work","line":["1 Work St"]},{"use":"home","line":["1 High Street","Flat 2"],"city":"Leeds","postalCode":"LS1 1AA"}],
 "generalPractitioner":[{"display":"The Surgery","identifier":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"A81001"}}]}`

func TestDecodeGPPatient(t *testing.T) {
	u, o, ok, err := fhir.Decode([]byte(gpPatient))
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	want := map[string]string{"givenName": "Jane Mary", "familyName": "Smith", "preferredName": "Janey", "dateOfBirth": "1950-04-01",
		"nhsNumber": "9434765919", "email": "jane@example.com", "phone": "01632 960 001", "address": "1 High Street\nFlat 2\nLeeds",
		"postcode": "LS1 1AA", "gpName": "The Surgery", "gpOdsCode": "A81001"}
	if u.Kind != fhir.KindPerson || u.Person != "9000000009" || len(u.Values) != len(want) {
		t.Errorf("unit %+v", u)
	}
	for k, v := range want {
		if u.Values[k] != v {
			t.Errorf("%s = %q, want %q", k, u.Values[k], v)
		}
	}
	if o.VersionID != "3" || o.LastUpdated.UTC().Format("15:04:05.000") != "10:15:00.123" || o.ChangedBy != "Dr A Smith" {
		t.Errorf("origin %+v", o)
	}
	// No NHS number at all is allowed: the store decides.
	u, _, ok, err = fhir.Decode([]byte(`{"resourceType":"Patient","id":"p1","name":[{"family":"Smith"}],"deceasedDateTime":"2026-01-02T10:00:00Z"}`))
	if err != nil || !ok || u.Values["nhsNumber"] != "" || u.Values["familyName"] != "Smith" || u.Values["status"] != "died" || u.Values["statusDate"] != "2026-01-02" {
		t.Errorf("%+v %v", u, err)
	}
}

func TestDecodeOthers(t *testing.T) {
	for _, raw := range []string{
		`{"resourceType":"Observation","id":"o1","status":"final","code":{"text":"x"}}`,
		`{"resourceType":"CareTeam","id":"c1"}`,
		`{"resourceType":"CarePlan","id":"c1","status":"active","intent":"plan","subject":{"reference":"Patient/p"}}`,
		`{"resourceType":"Provenance","id":"c1"}`,
		`{"resourceType":"Practitioner","id":"c1"}`,
		`{"resourceType":"PractitionerRole","id":"c1"}`,
		`{"resourceType":"DocumentReference","id":"d1","status":"current","content":[]}`,
		`{"resourceType":"QuestionnaireResponse","id":"q1","status":"completed","questionnaire":"http://example.org/q"}`,
		`{"resourceType":"Encounter","id":"e1","status":"planned","class":{"code":"AMB"}}`,
		// Another system's Flag, Goal, Consent for the same patient: not ours.
		`{"resourceType":"Flag","id":"f1","status":"active","code":{"text":"Violent"},"subject":{"reference":"Patient/p1"}}`,
		`{"resourceType":"Goal","id":"g1","lifecycleStatus":"active","description":{"text":"HbA1c < 48"},"subject":{"reference":"Patient/p1"}}`,
		`{"resourceType":"Consent","id":"c1","status":"active","patient":{"reference":"Patient/p1"},"identifier":[{"system":"urn:ietf:rfc:3986","value":"urn:uuid:other"}]}`,
		`{"resourceType":"Task","id":"t1","status":"ready","intent":"order","for":{"reference":"Patient/p1"}}`,
	} {
		if _, _, ok, err := fhir.Decode([]byte(raw)); ok || err != nil {
			t.Errorf("%s: ok %v, %v", raw, ok, err)
		}
	}
}

// TestDecodeHostile: bad input gives EINVALID with a plain message that
// never repeats what was sent.
func TestDecodeHostile(t *testing.T) {
	secret := "Zyxwvut"
	huge := strings.Repeat("🌻", 1<<20)
	for name, raw := range map[string]string{
		"empty":           ``,
		"truncated":       `{"resourceType":"Patient","id":"p1","name":[{"family":"` + secret,
		"not an object":   `["Patient"]`,
		"string":          `"Patient"`,
		"no type":         `{"id":"p1"}`,
		"type not text":   `{"resourceType":7,"id":"p1"}`,
		"odd type":        `{"resourceType":"Pa tient/` + secret + `","id":"p1"}`,
		"no id":           `{"resourceType":"Patient"}`,
		"bad id":          `{"resourceType":"Patient","id":"` + secret + ` ✓"}`,
		"id too long":     `{"resourceType":"Patient","id":"` + strings.Repeat("a", 65) + `"}`,
		"name not list":   `{"resourceType":"Patient","id":"p1","name":{"family":"` + secret + `"}}`,
		"given numbers":   `{"resourceType":"Patient","id":"p1","name":[{"given":[1,2]}]}`,
		"family number":   `{"resourceType":"Patient","id":"p1","name":[{"family":12}]}`,
		"bad NHS number":  `{"resourceType":"Patient","id":"p1","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765918"}]}`,
		"NHS letters":     `{"resourceType":"Patient","id":"p1","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"` + secret + `"}]}`,
		"bad lastUpdated": `{"resourceType":"Patient","id":"p1","meta":{"lastUpdated":"` + secret + `"}}`,
		"ext not list":    `{"resourceType":"Patient","id":"p1","extension":{"url":"x"}}`,
		"goal no subject": `{"resourceType":"Goal","id":"g1","identifier":[{"system":"urn:ietf:rfc:3986","value":"urn:uuid:g1"}],"lifecycleStatus":"active","description":{"text":"` + secret + `"}}`,
		"goal subject GP": `{"resourceType":"Goal","id":"g1","identifier":[{"system":"urn:ietf:rfc:3986","value":"urn:uuid:g1"}],"lifecycleStatus":"active","description":{"text":"x"},"subject":{"reference":"Group/1"}}`,
		"two objects":     `{"resourceType":"Patient","id":"p1"}{"resourceType":"Patient","id":"p2"}`,
		"doc bad hash": `{"resourceType":"DocumentReference","id":"d1","status":"current","identifier":[{"system":"https://whatmatters.app/fhir/plan-hash","value":"00"}],
			"subject":{"reference":"Patient/p1"},"content":[{"attachment":{"contentType":"application/json","data":"e30="}}]}`,
		"doc not base64": `{"resourceType":"DocumentReference","id":"d1","status":"current","identifier":[{"system":"https://whatmatters.app/fhir/plan-hash","value":"00"}],
			"subject":{"reference":"Patient/p1"},"content":[{"attachment":{"contentType":"application/json","data":"` + secret + `!!"}}]}`,
		"doc no snapshot": `{"resourceType":"DocumentReference","id":"d1","status":"current","identifier":[{"system":"https://whatmatters.app/fhir/plan-hash","value":"00"}],
			"subject":{"reference":"Patient/p1"},"content":[]}`,
		"huge": `{"resourceType":"Patient","id":"p1","name":` + huge + `}`,
		"deep": strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
	} {
		t.Run(name, func(t *testing.T) {
			_, _, ok, err := fhir.Decode([]byte(raw))
			var e *care.Error
			if ok || !errors.As(err, &e) || e.Code != care.EINVALID {
				t.Fatalf("ok %v, %v", ok, err)
			}
			if strings.Contains(e.Message, secret) || strings.Contains(e.Message, "🌻") || len(e.Message) > 200 {
				t.Errorf("message %q", e.Message)
			}
			if !strings.HasPrefix(e.Message, "The FHIR ") {
				t.Errorf("message %q", e.Message)
			}
		})
	}
}

// TestDecodeKeepsText: emoji, right-to-left text, bidi controls and long
// text come back exactly as they went.
func TestDecodeKeepsText(t *testing.T) {
	texts := []string{"🌻 sunflowers 👩🏽‍🦳", "שלום עולם", "مرحبا\u200f بالعالم", "a\u202eb\u202cc", "line 1\nline 2\n\n\tindented",
		strings.Repeat("long ", 20000), `quotes " and \ and <b>html</b> & ampersands`}
	for _, s := range texts {
		r := &fhir.Record{Person: care.Person{UUID: "0b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6d", GivenName: s, FamilyName: "X"},
			Fields: map[string]map[string]string{care.SectionAboutMe: {"mostImportant": s, "supportedBy": s}},
			Items: []fhir.Item{{Section: care.SectionGoals, UUID: "1b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6d", Values: map[string]string{"text": s, "why": s}},
				{Section: care.SectionContacts, UUID: "2b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6d", Values: map[string]string{"name": s, "carerNeeds": s, "address": s}}}}
		rs, err := fhir.Build(r)
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range rs {
			u, _, ok, err := fhir.Decode(res.JSON)
			if err != nil || !ok {
				t.Fatalf("%s: %v %v", res.Ref(), ok, err)
			}
			for k, v := range res.Unit.Values {
				if u.Values[k] != v {
					t.Errorf("%s %s changed", res.Ref(), k)
				}
			}
		}
	}
}

func TestBuildRefuses(t *testing.T) {
	for _, r := range []*fhir.Record{nil, {}, {Person: care.Person{UUID: "bad id!"}},
		{Person: care.Person{UUID: "0b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6d"}, Items: []fhir.Item{{Section: care.SectionGoals}}}} {
		if _, err := fhir.Build(r); care.ErrorCode(err) != care.EINVALID {
			t.Errorf("%v", err)
		}
	}
}

func TestRetired(t *testing.T) {
	r := &fhir.Record{Person: care.Person{UUID: "0b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6d", FamilyName: "X"},
		Items: []fhir.Item{{Section: care.SectionGoals, UUID: "1b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6d", Values: map[string]string{"text": "t", "status": "in-progress"}}}}
	rs, err := fhir.Build(r)
	if err != nil {
		t.Fatal(err)
	}
	ret, err := fhir.Retired(rs[1])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ret.JSON), `"lifecycleStatus":"cancelled"`) || !ret.Unit.Removed {
		t.Errorf("%s", ret.JSON)
	}
	u, _, ok, err := fhir.Decode(ret.JSON)
	if err != nil || !ok || !u.Removed || u.Values["status"] != "in-progress" || u.Values["text"] != "t" {
		t.Errorf("%+v %v", u, err)
	}
	again, _ := fhir.Retired(ret)
	if string(again.JSON) != string(ret.JSON) {
		t.Error("retiring twice changes it")
	}
}

// FuzzDecode: Decode never panics, and fails only with EINVALID.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(gpPatient))
	f.Add([]byte(`{"resourceType":"Goal","id":"g","subject":{"reference":"Patient/p"},"extension":[{"url":"https://whatmatters.app/fhir/StructureDefinition/goals-importance","valueInteger":1e400}]}`))
	f.Add([]byte(`{"resourceType":"Encounter","id":"e","subject":{"reference":"Patient/p"},"extension":[{"url":"https://whatmatters.app/fhir/StructureDefinition/meeting-date","valueString":"x"}],"participant":[{}]}`))
	f.Add([]byte(`{"resourceType":"Task","id":"t","for":{"reference":"Patient/p"},"restriction":{"period":[]}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		_, _, _, err := fhir.Decode(raw)
		if err != nil && care.ErrorCode(err) != care.EINVALID {
			t.Fatalf("%v", err)
		}
	})
}

// TestBuildVersions: a format-1 snapshot (agreed before plans were typed)
// builds too, and a snapshot changed outside the app is refused.
func TestBuildVersions(t *testing.T) {
	snap := []byte(`{"version":1,"agreedAt":"2025-01-02T10:00:00Z","person":{"id":1,"givenName":"Derek","familyName":"Johnson","preferredName":"","pronouns":"","dateOfBirth":"1962-08-09","nhsNumber":""},` +
		`"sections":{"actions":{"items":[{"id":"5","what":"Ring the surgery","owner":"contact:4","byWhen":"2025-02-01","status":"in-progress"}]},` +
		`"contacts":{"items":[{"id":"4","name":"Pat","type":"friend"}]},"goals":{"items":[{"id":"3","text":"Walk to the shop"}]}}}`)
	v := &care.PlanVersion{UUID: "3b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6d", Number: 1, Snapshot: snap, Hash: care.Hash(snap)}
	r := &fhir.Record{Person: care.Person{UUID: "0b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6d", FamilyName: "Johnson"}, Versions: []fhir.Version{{PlanVersion: v}}}
	rs, err := fhir.Build(r)
	if err != nil {
		t.Fatal(err)
	}
	var plan string
	for _, res := range rs {
		if res.Type == "CarePlan" {
			plan = string(res.JSON)
		}
	}
	if !strings.Contains(plan, `"description":"Ring the surgery"`) || !strings.Contains(plan, `"performer":[{"display":"Pat"}]`) ||
		!strings.Contains(plan, `"scheduledPeriod":{"end":"2025-02-01"}`) || !strings.Contains(plan, `"status":"in-progress"`) {
		t.Errorf("CarePlan %s", plan)
	}
	v.Snapshot = append([]byte(nil), snap...)
	v.Snapshot[3] = 'V'
	if _, err := fhir.Build(r); care.ErrorCode(err) != care.ECONFLICT {
		t.Errorf("%v", err)
	}
}
