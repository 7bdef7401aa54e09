package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/fhir/go/fhirversion"
	"github.com/google/fhir/go/jsonformat"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
	"whatmatters/internal/testenv"
)

func TestExportFHIR(t *testing.T) {
	path := testenv.SeededCopy(t)
	um, err := jsonformat.NewUnmarshaller("UTC", fhirversion.R4)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for id := int64(1); id <= 5; id++ {
		file := filepath.Join(dir, "person"+care.Itoa(id)+".json")
		var out bytes.Buffer
		if err := run([]string{"export-fhir", "-db", path, "-person", care.Itoa(id), "-o", file}, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), "Wrote ") || !strings.Contains(out.String(), " FHIR resources (") {
			t.Errorf("output = %q", out.String())
		}
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := um.Unmarshal(raw); err != nil {
			t.Errorf("person %d: bundle not valid: %v", id, err)
		}
		var b struct {
			ResourceType, Type string
			Entry              []struct {
				FullURL  string
				Resource json.RawMessage
			}
		}
		if err := json.Unmarshal(raw, &b); err != nil || b.ResourceType != "Bundle" || b.Type != "collection" {
			t.Fatalf("bundle %v %q %q", err, b.ResourceType, b.Type)
		}
		pdfs := 0
		for _, e := range b.Entry {
			if _, err := um.Unmarshal(e.Resource); err != nil {
				t.Errorf("person %d: %v", id, err)
			}
			u, _, ok, err := fhir.Decode(e.Resource)
			if err != nil {
				t.Fatal(err)
			}
			if ok && u.Kind == fhir.KindVersion {
				if !bytes.HasPrefix(u.Version.PDF, []byte("%PDF-")) || u.Version.PDFFormat == "" {
					t.Errorf("person %d: version %d without its signed PDF", id, u.Version.Number)
				}
				pdfs++
			}
			if !strings.HasPrefix(e.FullURL, "urn:uuid:") {
				t.Errorf("fullUrl %q", e.FullURL)
			}
		}
		if pdfs == 0 {
			t.Errorf("person %d: no agreed version", id)
		}
	}
	if n := testenv.Count(t, path, "audit WHERE action = 'export' AND detail LIKE 'FHIR R4 bundle, %'"); n != 5 {
		t.Errorf("%d FHIR exports audited, want 5", n)
	}
	// Gosia's large-print format is the one her PDFs are in.
	raw, _ := os.ReadFile(filepath.Join(dir, "person1.json"))
	if !strings.Contains(string(raw), `"valueString":"large-print"`) {
		t.Error("Gosia's PDFs are not in her format")
	}
}

func TestExportFHIRRefuses(t *testing.T) {
	path := testenv.SeededCopy(t)
	file := filepath.Join(t.TempDir(), "out.json")
	for _, tc := range []struct {
		args []string
		code string
		msg  string
	}{
		{[]string{"export-fhir", "-db", path, "-o", file}, care.EINVALID, "Give -person ID and -o FILE"},
		{[]string{"export-fhir", "-db", path, "-person", "1"}, care.EINVALID, "Give -person ID and -o FILE"},
		{[]string{"export-fhir", "-db", path, "-person", "999", "-o", file}, care.ENOTFOUND, "There is no person 999 in "},
	} {
		var out bytes.Buffer
		err := run(tc.args, &out)
		if care.ErrorCode(err) != tc.code || !strings.Contains(care.ErrorMessage(err), tc.msg) {
			t.Errorf("%v: %v", tc.args, err)
		}
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Error("a file was written")
	}
	t.Setenv("WHATMATTERS_PASSPHRASE", "not the passphrase at all")
	if err := run([]string{"export-fhir", "-db", path, "-person", "1", "-o", file}, &bytes.Buffer{}); err == nil {
		t.Error("exported without signing in")
	}
}

// TestExportFHIRLegacy: plans agreed by an older build (format-1
// snapshots) export and validate too, their hashes unchanged.
func TestExportFHIRLegacy(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "legacy", "plans.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plans.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"seed-demo", "-db", path}, &bytes.Buffer{}); err != nil { // makes the account
		t.Fatal(err)
	}
	um, _ := jsonformat.NewUnmarshaller("UTC", fhirversion.R4)
	file := filepath.Join(t.TempDir(), "gosia.json")
	if err := run([]string{"export-fhir", "-db", path, "-person", "1", "-o", file}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(file)
	var b struct {
		Entry []struct{ Resource json.RawMessage }
	}
	json.Unmarshal(raw, &b)
	versions := 0
	for _, e := range b.Entry {
		if _, err := um.Unmarshal(e.Resource); err != nil {
			t.Error(err)
		}
		if u, _, ok, err := fhir.Decode(e.Resource); err != nil {
			t.Fatal(err)
		} else if ok && u.Kind == fhir.KindVersion {
			versions++
			if care.Hash(u.Version.Snapshot) != u.Version.Hash || !strings.Contains(string(u.Version.Snapshot), `"sections"`) {
				t.Error("a legacy version did not come through as agreed")
			}
		}
	}
	if versions != 2 {
		t.Errorf("%d versions", versions)
	}
}
