//go:build dev

package printing

import (
	"context"
	"os"
	"path/filepath"

	"whatmatters/internal/sysprint"
)

// Pretend returns two pretend printers, for development builds driven
// from a browser: printing or opening a plan copies the file into dir
// ("printed-PRINTER.pdf", "opened.pdf") instead.
func Pretend(dir string) sysprint.System { return pretend{dir: dir} }

type pretend struct{ dir string }

func (pretend) Printers(context.Context) ([]sysprint.Printer, error) {
	return []sysprint.Printer{{Name: "Ward_office"}, {Name: "Test_printer", Default: true}}, nil
}

func (p pretend) Print(_ context.Context, path, printer, _ string) (sysprint.Job, error) {
	if printer == "" {
		printer = "Test_printer"
	}
	return sysprint.Job{Printer: printer, Spooled: true}, p.copy(path, "printed-"+printer+".pdf")
}

func (p pretend) Open(_ context.Context, path string) error {
	return p.copy(path, "opened.pdf")
}

func (p pretend) copy(path, name string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(p.dir, name), b, 0o600)
}
