package main

import (
	"errors"
	"os"
	"path/filepath"

	"whatmatters/internal/atomicfile"
	"whatmatters/internal/care"
)

// writeFileAtomic writes data to path through a temporary file that is
// synced and renamed, so a crash never leaves half a file. EINVALID when
// the folder cannot be written to or the file cannot be saved there.
func writeFileAtomic(path string, data []byte) error {
	err := atomicfile.WriteFile(path, data)
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
