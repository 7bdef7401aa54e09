package atomicfile

import (
	"errors"
	"os"
	"path/filepath"

	"whatmatters/internal/care"
)

// Save is WriteFile for a file the coordinator chose: what goes wrong is
// said in their words. EINVALID when the folder cannot be written to or
// the file cannot be saved there.
func Save(path string, data []byte) error {
	err := WriteFile(path, data)
	var pathErr *os.PathError
	var linkErr *os.LinkError
	switch {
	case errors.As(err, &pathErr) && pathErr.Op == "open": // only making the temporary file opens
		return care.Errorf(care.EINVALID, "Cannot write to %s. Choose another folder", filepath.Dir(path))
	case errors.As(err, &linkErr):
		return care.Errorf(care.EINVALID, "Cannot save %s. Check the folder and try again", path)
	}
	return err
}
