package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"whatmatters/internal/care"
)

func TestSave(t *testing.T) {
	dir := t.TempDir()
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(dir, "plan.pdf")
		if err := Save(path, []byte("%PDF")); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != "%PDF" {
			t.Errorf("got %q, want %q", got, "%PDF")
		}
	})
	t.Run("ErrNoFolder", func(t *testing.T) {
		err := Save(filepath.Join(dir, "missing", "plan.pdf"), nil)
		if care.ErrorCode(err) != care.EINVALID || !strings.HasPrefix(care.ErrorMessage(err), "Cannot write to ") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("ErrCannotSave", func(t *testing.T) {
		path := filepath.Join(dir, "folder")
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(path, "x"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
		err := Save(path, nil) // renaming a file over a folder that is not empty fails
		if care.ErrorCode(err) != care.EINVALID || !strings.HasPrefix(care.ErrorMessage(err), "Cannot save ") {
			t.Errorf("err = %v", err)
		}
	})
}
