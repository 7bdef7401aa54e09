package cli

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/testenv"
)

func TestImportFHIR(t *testing.T) {
	path := testenv.SeededCopy(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "gp-export.json")
	bundle := `{"resourceType":"Bundle","type":"collection","entry":[
		{"resource":{"resourceType":"Patient","id":"gp-1","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"4010232137"}],
			"name":[{"use":"official","family":"Lee","given":["Ann"]}],"birthDate":"1950-01-01"}},
		{"resource":{"resourceType":"Patient","id":"gp-2","name":[{"family":"Okoro","given":["Chidi"]}],"birthDate":"1971-03-04"}}]}`
	if err := os.WriteFile(file, []byte(bundle), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{"import-fhir", "-db", path, file}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "Added \u2068Ann Lee\u2069 (id ") ||
		!strings.Contains(lines[1], "Chidi Okoro") || !strings.Contains(lines[1], "not traced: they have no NHS number") {
		t.Errorf("output =\n%s", out.String())
	}
	if n := testenv.Count(t, path, "people"); n != 7 {
		t.Errorf("people = %d, want 7", n)
	}
	// Audited, with no one's details in the log.
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT detail FROM audit WHERE action = ?`, care.AuditImportFHIR)
	if err != nil {
		t.Fatal(err)
	}
	imports := 0
	for rows.Next() {
		var detail string
		if err := rows.Scan(&detail); err != nil {
			t.Fatal(err)
		}
		imports++
		if strings.Contains(detail, "Lee") || strings.Contains(detail, "Okoro") {
			t.Errorf("audit detail names someone: %q", detail)
		}
	}
	rows.Close()
	if imports != 3 {
		t.Errorf("%d import audit events, want 3", imports)
	}

	t.Run("Errors", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.json")
		os.WriteFile(bad, []byte(`{"resourceType":"Observation"}`), 0o600)
		for _, args := range [][]string{
			{"import-fhir", "-db", path},
			{"import-fhir", "-db", path, filepath.Join(dir, "missing.json")},
			{"import-fhir", "-db", path, bad},
		} {
			err := run(args, &out)
			if care.ErrorCode(err) != care.EINVALID {
				t.Errorf("%v: %v", args, err)
			}
		}
	})
}
