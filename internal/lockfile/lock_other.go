//go:build !unix && !windows

package lockfile

import "os"

// Elsewhere (such as WebAssembly) there is no second process to keep out.
func lock(*os.File) error   { return nil }
func unlock(*os.File) error { return nil }
