//go:build dev

package main

import "os"

// In development builds only: WHATMATTERS_SAVE_DIR answers the file
// dialogs (see dialogDir).
func init() {
	dialogDir = func() string { return os.Getenv("WHATMATTERS_SAVE_DIR") }
}
