package planpdf_test

import (
	"os"
	"testing"

	"whatmatters/internal/planpdf"
)

// TestDumpForLooking writes the sample, the huge plan and the plan with
// hard characters in each format to the folder PLANPDF_DUMP names, to look
// at the pages.
func TestDumpForLooking(t *testing.T) {
	if os.Getenv("PLANPDF_DUMP") == "" {
		t.Skip()
	}
	for name, doc := range map[string]planpdf.Document{"": sample(t), "huge-": huge(t), "hard-": hard(t)} {
		for _, f := range formats {
			b, err := planpdf.Render(doc, f)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(os.Getenv("PLANPDF_DUMP")+"/"+name+f+".pdf", b, 0o644)
		}
	}
}
