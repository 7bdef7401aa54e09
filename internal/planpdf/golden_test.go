package planpdf_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"whatmatters/internal/care"
)

var update = flag.Bool("update", false, "rewrite the golden PDFs in testdata/golden")

// TestGolden compares each format of the sample plan with the PDF kept in
// testdata/golden: any change to what a person receives shows up here.
// After a deliberate change, look at the new pages, then run
// go test ./internal/planpdf -run TestGolden -update.
func TestGolden(t *testing.T) {
	for _, format := range formats {
		checkGolden(t, format, filepath.Join("testdata", "golden", format+".pdf"), mustRender(t, sample(t), format))
	}
}

// checkGolden compares got, the PDF of format, with the golden file, or
// rewrites the file under -update.
func checkGolden(t *testing.T, format, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: the PDF differs from %s; look at both, and run with -update if the change is meant", format, file)
	}
}

// TestGolden_Format2 renders the sample plan written again in snapshot
// format 2 (typed): the pages are the golden ones, byte for byte, so a
// plan reads the same whichever format it was agreed in.
func TestGolden_Format2(t *testing.T) {
	doc := sample(t)
	old := doc.Snapshot
	b, err := (&care.Snapshot{Format: care.SnapshotFormat, Version: old.Version, AgreedAt: old.AgreedAt, Person: old.Person,
		Plan: old.View(), Decisions: old.Decisions, Meeting: old.Meeting}).Canonical()
	if err != nil {
		t.Fatal(err)
	}
	if doc.Snapshot, err = care.ReadSnapshot(b); err != nil {
		t.Fatal(err)
	}
	for _, format := range formats {
		got := mustRender(t, doc, format)
		want, err := os.ReadFile(filepath.Join("testdata", "golden", format+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: format 2 renders differently from the golden PDF", format)
		}
	}
}
