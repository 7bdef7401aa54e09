package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"whatmatters/internal/testenv"
)

// TestApp_ExportFHIR: the Export FHIR binding saves the same bundle the
// command line writes, through the save dialog, audited.
func TestApp_ExportFHIR(t *testing.T) {
	save := t.TempDir()
	path := testenv.SeededCopy(t)
	app, _ := realApp(t, path, save)
	got, err := app.ExportFHIR(1)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(got) != save || filepath.Ext(got) != ".json" {
		t.Errorf("saved to %q", got)
	}
	raw, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		ResourceType string
		Entry        []json.RawMessage
	}
	if err := json.Unmarshal(raw, &b); err != nil || b.ResourceType != "Bundle" || len(b.Entry) < 20 {
		t.Errorf("%v %q %d entries", err, b.ResourceType, len(b.Entry))
	}
	if n := testenv.Count(t, path, "audit WHERE action = 'export' AND person_id = 1 AND detail LIKE 'FHIR R4 bundle, %'"); n != 1 {
		t.Errorf("%d exports audited", n)
	}
	if _, err := app.ExportFHIR(999); apiError(t, err).Code != "not_found" {
		t.Errorf("%v", err)
	}
}
