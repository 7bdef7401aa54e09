package fhirexport_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
	"whatmatters/internal/fhirexport"
)

type gatherer struct{ r *fhir.Record }

func (g gatherer) Gather(ctx context.Context, id int64) (*fhir.Record, error) {
	if g.r == nil {
		return nil, care.Errorf(care.ENOTFOUND, "no such person")
	}
	return g.r, nil
}

type renderer struct {
	err      error
	rendered []int
}

func (r *renderer) Render(ctx context.Context, personID int64, number int, format string) ([]byte, *care.PlanVersion, string, error) {
	if r.err != nil {
		return nil, nil, "", r.err
	}
	r.rendered = append(r.rendered, number)
	return []byte("%PDF-1.7 version " + care.Itoa(int64(number))), nil, "easy-read", nil
}

func record() *fhir.Record {
	snap := []byte(`{"format":2,"version":1,"agreedAt":"2026-11-01T10:00:00Z","person":{"id":1,"givenName":"Siân","familyName":"Llywelyn","preferredName":"","pronouns":"","dateOfBirth":"1950-04-01","nhsNumber":""},"plan":{}}`)
	v := &care.PlanVersion{UUID: "0b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6e", Number: 1, AgreedAt: time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC),
		AgreedBy: care.Actor{Name: "Sam Okafor", Role: "Care coordinator"}, Snapshot: snap, Hash: care.Hash(snap)}
	v.CheckCode = care.CheckCode(v.Hash)
	return &fhir.Record{Person: care.Person{UUID: "0b8f7f3e-6b2a-4e2b-9c7e-2f1d3a4b5c6d", GivenName: "Siân", FamilyName: "Llywelyn"},
		Versions: []fhir.Version{{PlanVersion: v}}}
}

func TestMake(t *testing.T) {
	plans := &renderer{}
	x, err := fhirexport.Make(context.Background(), gatherer{record()}, plans, 1)
	if err != nil {
		t.Fatal(err)
	}
	if x.Resources != 4 || x.Versions != 1 || len(plans.rendered) != 1 || x.Name != "Siân Llywelyn FHIR record.json" {
		t.Errorf("%+v %v", x, plans.rendered)
	}
	if !strings.Contains(string(x.Bundle), `"contentType":"application/pdf"`) || !strings.Contains(string(x.Bundle), `"valueString":"easy-read"`) {
		t.Error("the version's PDF is not in the bundle")
	}
	if !json.Valid(x.Bundle) {
		t.Error("not JSON")
	}
	if d := fhirexport.AuditDetail(x); d != "FHIR R4 bundle, 4 resources, 1 agreed version" {
		t.Errorf("audit %q", d)
	}
}

func TestMakeRefuses(t *testing.T) {
	if _, err := fhirexport.Make(context.Background(), gatherer{}, &renderer{}, 1); care.ErrorCode(err) != care.ENOTFOUND {
		t.Errorf("%v", err)
	}
	if _, err := fhirexport.Make(context.Background(), gatherer{record()}, &renderer{err: care.Errorf(care.ESIGNIN, "Sign in")}, 1); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("%v", err)
	}
	r := record()
	r.Versions[0].Snapshot = append([]byte(nil), r.Versions[0].Snapshot...)
	r.Versions[0].Snapshot[10] = 'X' // changed outside the app
	if _, err := fhirexport.Make(context.Background(), gatherer{r}, &renderer{}, 1); care.ErrorCode(err) != care.ECONFLICT {
		t.Errorf("%v", err)
	}
}
