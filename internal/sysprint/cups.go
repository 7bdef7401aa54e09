//go:build !windows

package sysprint

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"whatmatters/internal/care"
)

// Printing on Linux and macOS goes through CUPS: lpstat lists the
// printers, lp sends a job (it copies the file to the spooler before it
// returns), and xdg-open or macOS's open shows the file in the viewer.

// Command timeouts: lp and lpstat answer in milliseconds from a working
// scheduler; a viewer's opener returns once the viewer has started.
const (
	lpTimeout     = 30 * time.Second
	openerTimeout = 10 * time.Second
)

// errNoCUPS is the error for a computer without the lp command.
var errNoCUPS = care.Errorf(care.EINVALID,
	"This computer cannot print from What Matters because CUPS printing is not installed. "+
		"Choose \"Open in my PDF viewer to print\", or save the PDF and print it from there")

// errNoViewer is the error for a computer whose opener failed.
var errNoViewer = care.Errorf(care.EINVALID,
	"The PDF could not be opened in a PDF viewer. Save the PDF and open it from there")

type cups struct {
	opener string // xdg-open, or open on macOS
}

func newSystem() System {
	if runtime.GOOS == "darwin" {
		return cups{opener: "open"}
	}
	return cups{opener: "xdg-open"}
}

// command runs a CUPS command with its messages in English, so they can be
// read, and returns its output; stderr is in the error.
func command(ctx context.Context, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, lpTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", errNoCUPS
		}
		return stdout.String(), &cmdError{err: err, stderr: stderr.String()}
	}
	return stdout.String(), nil
}

// cmdError is a command that ran and failed, with what it said.
type cmdError struct {
	err    error
	stderr string
}

func (e *cmdError) Error() string { return e.err.Error() + ": " + strings.TrimSpace(e.stderr) }
func (e *cmdError) Unwrap() error { return e.err }

// reason is what lp said went wrong, without its "lp: Error - " prefix.
func (e *cmdError) reason() string {
	lines := strings.Split(strings.TrimSpace(e.stderr), "\n")
	s := strings.TrimSpace(lines[len(lines)-1])
	for _, prefix := range []string{"lp:", "Error -", "lpstat:"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, prefix))
	}
	if s == "" {
		return e.err.Error()
	}
	return s
}

func (c cups) Printers(ctx context.Context) ([]Printer, error) {
	out, err := command(ctx, "lpstat", "-e")
	if err != nil {
		if errors.Is(err, errNoCUPS) {
			return nil, err
		}
		// A scheduler that is not running has no printers to offer.
		return []Printer{}, nil
	}
	printers := []Printer{}
	for _, line := range strings.Split(out, "\n") {
		if name := strings.TrimSpace(line); name != "" {
			printers = append(printers, Printer{Name: name})
		}
	}
	if def := c.defaultPrinter(ctx); def != "" {
		for i := range printers {
			printers[i].Default = printers[i].Name == def
		}
	}
	return printers, nil
}

// defaultPrinter is the default destination lpstat -d reports, or "".
func (c cups) defaultPrinter(ctx context.Context) string {
	out, err := command(ctx, "lpstat", "-d")
	if err != nil {
		return ""
	}
	const prefix = "system default destination:"
	for _, line := range strings.Split(out, "\n") {
		if s, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

func (c cups) Print(ctx context.Context, path, printer, title string) (Job, error) {
	if printer != "" && !validName(printer) {
		return Job{}, errBadName
	}
	if printer == "" {
		printers, err := c.Printers(ctx)
		if err != nil {
			return Job{}, err
		}
		for _, p := range printers {
			if p.Default {
				printer = p.Name
			}
		}
		switch {
		case len(printers) == 0:
			return Job{}, ErrNoPrinter
		case printer == "":
			return Job{}, errNoDefault
		}
	}
	args := []string{"-d", printer}
	if title != "" {
		args = append(args, "-t", title)
	}
	args = append(args, "--", path)
	if _, err := command(ctx, "lp", args...); err != nil {
		var ce *cmdError
		if errors.As(err, &ce) {
			reason := ce.reason()
			if strings.Contains(reason, "No default destination") {
				return Job{}, ErrNoPrinter
			}
			return Job{}, care.Errorf(care.EINVALID, "The printer %s did not take the plan: %s", printer, reason)
		}
		return Job{}, err
	}
	return Job{Printer: printer, Spooled: true}, nil
}

func (c cups) Open(ctx context.Context, path string) error {
	cmd := exec.Command(c.opener, path)
	if err := cmd.Start(); err != nil {
		return errNoViewer
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return errNoViewer
		}
		return nil
	case <-time.After(openerTimeout):
		// Some openers run the viewer in the foreground: it is open.
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
