package planpdf_test

import (
	"os"
	"path/filepath"
	"testing"

	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/planpdf"
)

// dumps are the plans TestDumpForLooking writes, with the page counts each
// format may reasonably have.
var dumps = []struct {
	prefix   string
	doc      func(testing.TB) planpdf.Document
	min, max int
}{
	{"", sample, 2, 40},
	{"huge-", huge, 50, 1000},
	{"hard-", hard, 2, 40},
}

// TestDumpForLooking writes the sample, the huge plan and the plan with
// hard characters in each format, and checks that qpdf accepts each file
// and that its page count is in range and does not shrink as the type
// grows (standard, large print, easy read). The files go to the folder
// PLANPDF_DUMP names, to look at the pages, or to a temporary folder.
func TestDumpForLooking(t *testing.T) {
	dir := os.Getenv("PLANPDF_DUMP")
	if dir == "" {
		dir = t.TempDir()
	}
	pdfcheck.Need(t, "qpdf")
	for _, d := range dumps {
		doc := d.doc(t)
		prev := 0
		for _, f := range formats {
			b := mustRender(t, doc, f)
			file := filepath.Join(dir, d.prefix+f+".pdf")
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if !pdfcheck.Check(t, file) {
				continue
			}
			n := pdfcheck.Pages(t, file)
			if n < d.min || n > d.max {
				t.Errorf("%s: %d pages, want %d to %d", file, n, d.min, d.max)
			}
			if n < prev {
				t.Errorf("%s: %d pages, fewer than the %d of the smaller type", file, n, prev)
			}
			prev = n
		}
	}
}
