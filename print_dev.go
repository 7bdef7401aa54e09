//go:build dev

package main

import (
	"context"
	"os"
	"path/filepath"

	"whatmatters/internal/sysprint"
)

// In development builds only, for tests that drive the app from a browser:
// WHATMATTERS_SAVE_DIR replaces the system's printers with two pretend
// ones, and printing or opening a plan copies the file into that folder
// ("printed-PRINTER.pdf", "opened.pdf") instead.
func init() {
	if dir := os.Getenv("WHATMATTERS_SAVE_DIR"); dir != "" {
		newSystem = func() sysprint.System { return testPrinters{dir: dir} }
	}
}

type testPrinters struct{ dir string }

func (testPrinters) Printers(context.Context) ([]sysprint.Printer, error) {
	return []sysprint.Printer{{Name: "Ward_office"}, {Name: "Test_printer", Default: true}}, nil
}

func (p testPrinters) Print(_ context.Context, path, printer, _ string) (sysprint.Job, error) {
	if printer == "" {
		printer = "Test_printer"
	}
	return sysprint.Job{Printer: printer, Spooled: true}, p.copy(path, "printed-"+printer+".pdf")
}

func (p testPrinters) Open(_ context.Context, path string) error {
	return p.copy(path, "opened.pdf")
}

func (p testPrinters) copy(path, name string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(p.dir, name), b, 0o600)
}
