package planpdf_test

import (
	"path/filepath"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/planpdf"
)

// withDetails is the sample plan agreed in the current format, with the
// person's own details as a plan agreed now keeps them.
func withDetails(t *testing.T) planpdf.Document {
	doc := sample(t)
	old := doc.Snapshot
	person := old.Person
	person.Details = &care.PersonDetails{Address: "Flat 4, 12 Mill Lane\nRiverside", Postcode: "RV1 2AB", Phone: "01632 960 321",
		PreferredContact: "letter", GPName: "Riverside Surgery", GPPhone: "01632 960 000", GPODSCode: "A81001",
		LivesAlone: "yes", AccessNotes: "Knock loudly and wait", Gender: "Woman"}
	b, err := (&care.Snapshot{Format: care.SnapshotFormat, Version: old.Version, AgreedAt: old.AgreedAt, Person: person,
		Plan: old.View(), Decisions: old.Decisions, Meeting: old.Meeting}).Canonical()
	if err != nil {
		t.Fatal(err)
	}
	if doc.Snapshot, err = care.ReadSnapshot(b); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestGolden_Details compares the sample plan agreed with the person's
// details (format 2, as every plan agreed from now on) with the PDFs kept
// in testdata/golden/details-*.pdf: its first page says how to reach the
// key worker and the GP practice. Plans agreed before keep their pages
// (TestGolden, TestGolden_Format2).
func TestGolden_Details(t *testing.T) {
	doc := withDetails(t)
	for _, format := range formats {
		checkGolden(t, format, filepath.Join("testdata", "golden", "details-"+format+".pdf"), mustRender(t, doc, format))
	}
}

func TestRender_HowToReach(t *testing.T) {
	pdfcheck.Need(t, "pdftotext")
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			first := strings.SplitN(pdfText(t, mustRender(t, withDetails(t), format), "-raw"), "\f", 2)[0]
			for _, want := range []string{"My key worker", "Sam Okafor, 01632 960 100", "My GP practice", "Riverside Surgery, 01632 960 000"} {
				if !strings.Contains(first, want) {
					t.Errorf("the first page lacks %q", want)
				}
			}
			// Nothing of the person's own address or door is printed.
			if strings.Contains(first, "Mill Lane") || strings.Contains(first, "Knock loudly") {
				t.Error("the first page shows the person's address or access notes")
			}
		})
	}
	t.Run("NotBeforeDetailsWereKept", func(t *testing.T) {
		if text := pdfText(t, mustRender(t, sample(t), planpdf.Standard), "-raw"); strings.Contains(text, "My key worker") {
			t.Error("a plan agreed before the person's details were kept names the key worker on its first page")
		}
	})
}
