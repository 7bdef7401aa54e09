package cli

import (
	"bytes"
	"database/sql"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/testenv"
)

func TestCopyOfTheDatabaseCannotSign(t *testing.T) {
	path, _ := testenv.SeededWithPlan(t)
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	raw.QueryRow(`SELECT COUNT(*) FROM settings WHERE key = 'signing.key' OR value LIKE '%PRIVATE KEY%'`).Scan(&n)
	if n != 0 {
		t.Error("the signing key is stored in plaintext")
	}
	var sealed string
	if err := raw.QueryRow(`SELECT sealed FROM secrets WHERE name = 'signing.key'`).Scan(&sealed); err != nil || strings.Contains(sealed, "PRIVATE") {
		t.Errorf("sealed key: %q %v", sealed, err)
	}
	t.Run("ErrCommandsWithoutAnAccount", func(t *testing.T) {
		t.Setenv("WHATMATTERS_USER", "")
		err := run([]string{"export-pdf", "-db", path, "-person", "1", "-o", filepath.Join(t.TempDir(), "x.pdf")}, io.Discard)
		if !strings.Contains(care.ErrorMessage(err), "-user") {
			t.Errorf("err = %v", err)
		}
		t.Setenv("WHATMATTERS_USER", testenv.User)
		t.Setenv("WHATMATTERS_PASSPHRASE", "")
		err = run([]string{"export-pdf", "-db", path, "-person", "1", "-o", filepath.Join(t.TempDir(), "x.pdf")}, io.Discard)
		if !strings.Contains(care.ErrorMessage(err), "WHATMATTERS_PASSPHRASE") {
			t.Errorf("err = %v", err)
		}
		t.Setenv("WHATMATTERS_PASSPHRASE", "not the passphrase")
		err = run([]string{"export-pdf", "-db", path, "-person", "1", "-o", filepath.Join(t.TempDir(), "x.pdf")}, io.Discard)
		if care.ErrorField(err) != "passphrase" {
			t.Errorf("err = %v", err)
		}
	})
}

func TestAuditVerifyCommand(t *testing.T) {
	path, _ := testenv.SeededWithPlan(t)
	var out bytes.Buffer
	if err := run([]string{"audit", "verify", "-db", path}, &out); err != nil || !strings.HasPrefix(out.String(), "All is well: ") {
		t.Fatalf("fresh: %q %v", out.String(), err)
	}
	raw, _ := sql.Open("sqlite", path)
	for _, q := range []string{`DROP TRIGGER history_no_delete`, `DELETE FROM history WHERE id = 5`,
		`DROP TRIGGER plan_versions_locked_update`, `UPDATE plan_versions SET snapshot = replace(snapshot, 'pierogi', 'nothing') WHERE id = 1`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	out.Reset()
	err := run([]string{"audit", "verify", "-db", path}, &out)
	if err == nil || !strings.Contains(out.String(), "History row 6: the row before it was removed or changed") ||
		!strings.Contains(out.String(), "was changed after it was agreed") {
		t.Errorf("after tampering: %q %v", out.String(), err)
	}
}
