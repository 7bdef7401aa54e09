package planpdf_test

import (
	"os"
	"testing"

	"whatmatters/internal/planpdf"
)

func TestDumpForLooking(t *testing.T) {
	if os.Getenv("PLANPDF_DUMP") == "" {
		t.Skip()
	}
	for _, f := range []string{planpdf.Standard, planpdf.LargePrint, planpdf.EasyRead} {
		b, err := planpdf.Render(sample(t), f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(os.Getenv("PLANPDF_DUMP")+"/"+f+".pdf", b, 0o644)
	}
}
