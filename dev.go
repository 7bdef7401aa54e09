//go:build dev

package main

import (
	"os"

	"whatmatters/internal/printing"
	"whatmatters/internal/sysprint"
)

// In development builds only, for tests that drive the app from a browser:
// WHATMATTERS_SAVE_DIR answers the file dialogs, and replaces the system's
// printers with two pretend ones that copy what they print into it.
func init() {
	hooks.saveDir = func() string { return os.Getenv("WHATMATTERS_SAVE_DIR") }
	if dir := os.Getenv("WHATMATTERS_SAVE_DIR"); dir != "" {
		hooks.printers = func() sysprint.System { return printing.Pretend(dir) }
	}
}
