package pdfsign

import (
	"bytes"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// at is when the tests' PDFs are made and signed.
var at = time.Date(2026, 11, 21, 10, 30, 0, 0, time.UTC)

// SamplePDF makes a small deterministic PDF with a page for each text, for
// the tests inside the package and out.
func SamplePDF(tb testing.TB, pages ...string) []byte {
	tb.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetKeywords("whatmatters plan 0123 format standard", false)
	pdf.SetFont("Helvetica", "", 14)
	for _, text := range pages {
		pdf.AddPage()
		pdf.Cell(40, 10, text)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}
