// Package fhirexport makes the FHIR R4 bundle of one person, the one way
// the command line (export-fhir) and the app's Export FHIR button do it:
// their record gathered from the store, each agreed version with its
// signed PDF in the person's format, as a collection Bundle.
package fhirexport

import (
	"context"
	"strings"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
)

// Gatherer gathers everything about a person that travels
// (internal/sqlite's SyncService).
type Gatherer interface {
	Gather(ctx context.Context, personID int64) (*fhir.Record, error)
}

// Renderer makes a version's signed PDF (internal/signing's Plans).
type Renderer interface {
	Render(ctx context.Context, personID int64, number int, format string) ([]byte, *care.PlanVersion, string, error)
}

// Export is a person's bundle and what it holds.
type Export struct {
	Bundle    []byte
	Resources int
	Versions  int
	Name      string // a file name for it (FileName)
}

// Make gathers a person's record, signs each agreed version's PDF in the
// person's format, and returns the collection Bundle. ENOTFOUND; ESIGNIN
// if no one is signed in (the PDFs need the signing key); ECONFLICT if a
// stored version no longer matches its hash.
func Make(ctx context.Context, g Gatherer, plans Renderer, personID int64) (*Export, error) {
	r, err := g.Gather(ctx, personID)
	if err != nil {
		return nil, err
	}
	for i := range r.Versions {
		v := &r.Versions[i]
		if err := v.Intact(); err != nil {
			return nil, err
		}
		pdf, _, format, err := plans.Render(ctx, personID, v.Number, "")
		if err != nil {
			return nil, err
		}
		v.PDF, v.PDFFormat = pdf, format
	}
	rs, err := fhir.Build(r)
	if err != nil {
		return nil, err
	}
	b, err := fhir.Bundle(rs)
	if err != nil {
		return nil, err
	}
	return &Export{Bundle: b, Resources: len(rs), Versions: len(r.Versions), Name: FileName(&r.Person)}, nil
}

// FileName is the suggested file name of a person's bundle, such as
// "Gosia Wiśniewska FHIR record.json".
func FileName(p *care.Person) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '-' // not allowed in a file name on Windows or Linux
		}
		return r
	}, p.DisplayName())
	return name + " FHIR record.json"
}

// AuditDetail is what the audit log says of an export: what, never who.
func AuditDetail(x *Export) string {
	versions := " agreed versions"
	if x.Versions == 1 {
		versions = " agreed version"
	}
	return "FHIR R4 bundle, " + care.Itoa(int64(x.Resources)) + " resources, " + care.Itoa(int64(x.Versions)) + versions
}
