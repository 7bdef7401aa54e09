// Package sysprint prints files through the operating system: CUPS (lp)
// on Linux and macOS, the shell's print verb on Windows, or the system's
// own PDF viewer, so the coordinator can print from there. It knows nothing
// of plans. Commands are run directly, never through a shell.
package sysprint

import (
	"context"

	"whatmatters/internal/care"
)

// Printer is a print queue set up on this computer.
type Printer struct {
	Name    string
	Default bool // the system's default printer
}

// Job is what sending a file to a printer did.
type Job struct {
	// Printer names the printer the file went to (the default one, when
	// none was asked for).
	Printer string
	// Spooled is true when the system already holds its own copy of the
	// file (lp copies it to the spooler before it returns), so the file can
	// be removed at once; false when an app is still reading it.
	Spooled bool
}

// System prints through the operating system.
type System interface {
	// Printers lists the printers set up on this computer, the default one
	// marked; none set up is an empty list. EINVALID when printing is not
	// set up at all (on Linux, no CUPS).
	Printers(ctx context.Context) ([]Printer, error)
	// Print sends a PDF file to the named printer, or to the default one
	// for "". title names the job in the print queue, which others may see.
	// EINVALID with a plain reason: no printer, no CUPS, the job refused.
	Print(ctx context.Context, path, printer, title string) (Job, error)
	// Open opens the file in the system's PDF viewer, to print from there.
	// EINVALID when no viewer opened it.
	Open(ctx context.Context, path string) error
}

// New returns the printing system of this computer.
func New() System { return newSystem() }

// ErrNoPrinter is the error for a computer with no printer set up.
var ErrNoPrinter = care.Errorf(care.EINVALID,
	"No printer is set up on this computer. Add one in your system settings, or save the PDF and print it from there")

// errNoDefault is the error for printing to the default printer when
// there are printers but none is the default.
var errNoDefault = care.FieldError("printer", "Choose a printer: this computer has no default printer")

// errBadName is the error for a printer name no system would have made.
var errBadName = care.FieldError("printer", "Choose a printer from the list")

// validName reports whether name can be a printer's name. CUPS refuses
// spaces, slashes and '#', but Windows names may have them, so only what
// could be mistaken for something else is refused: control characters, a
// double quote (Windows passes the name in quotes) and a leading '-' (an
// option to a command).
func validName(name string) bool {
	if name == "" || len(name) > 256 || name[0] == '-' {
		return false
	}
	for _, r := range name {
		if r < 32 || r == 127 || r == '"' {
			return false
		}
	}
	return true
}
