//go:build !windows

package sysprint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"whatmatters/internal/care"
)

// Fake CUPS commands, put alone on PATH. They are driven by environment
// variables and write the arguments they got to $FAKE_LOG.
var fakes = map[string]string{
	"lpstat": `#!/bin/sh
case "$1" in
-e) for p in $FAKE_PRINTERS; do echo "$p"; done ;;
-d) if [ -n "$FAKE_DEFAULT" ]; then echo "system default destination: $FAKE_DEFAULT"
    else echo "no system default destination"; fi ;;
esac
`,
	"lp": `#!/bin/sh
{ echo "LC_ALL=$LC_ALL"; for a in "$@"; do echo "$a"; done; } > "$FAKE_LOG"
if [ -n "$FAKE_LP_FAIL" ]; then echo "lp: Error - $FAKE_LP_FAIL" >&2; exit 1; fi
echo "request id is $2-1 (1 file(s))"
`,
	"xdg-open": `#!/bin/sh
echo "$1" > "$FAKE_LOG"
exit ${FAKE_OPEN_EXIT:-0}
`,
}

// fakeCUPS puts the named fakes, and nothing else, on PATH and returns the
// file they log their arguments to.
func fakeCUPS(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(fakes[name]), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	log := filepath.Join(t.TempDir(), "args")
	t.Setenv("PATH", dir)
	t.Setenv("FAKE_LOG", log)
	for _, v := range []string{"FAKE_PRINTERS", "FAKE_DEFAULT", "FAKE_LP_FAIL", "FAKE_OPEN_EXIT"} {
		t.Setenv(v, "")
	}
	return log
}

func loggedArgs(t *testing.T, log string) []string {
	t.Helper()
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatalf("the command was not run: %v", err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

var printersTests = []struct {
	name, printers, def string
	want                []Printer
}{
	{"None", "", "", []Printer{}},
	{"NoDefault", "Office Ward_2", "", []Printer{{Name: "Office"}, {Name: "Ward_2"}}},
	{"Default", "Office Ward_2", "Ward_2", []Printer{{Name: "Office"}, {Name: "Ward_2", Default: true}}},
}

func TestCUPS_Printers(t *testing.T) {
	for _, tt := range printersTests {
		t.Run(tt.name, func(t *testing.T) {
			fakeCUPS(t, "lpstat", "lp")
			t.Setenv("FAKE_PRINTERS", tt.printers)
			t.Setenv("FAKE_DEFAULT", tt.def)
			got, err := New().Printers(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("printer %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
	t.Run("ErrNoCUPS", func(t *testing.T) {
		fakeCUPS(t)
		if _, err := New().Printers(context.Background()); care.ErrorMessage(err) != care.ErrorMessage(errNoCUPS) {
			t.Errorf("got %v, want %v", err, errNoCUPS)
		}
	})
}

func TestCUPS_Print(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "care-plan.pdf")
	os.WriteFile(file, []byte("%PDF-1.7"), 0o600)

	t.Run("DefaultPrinter", func(t *testing.T) {
		log := fakeCUPS(t, "lpstat", "lp")
		t.Setenv("FAKE_PRINTERS", "Office Ward_2")
		t.Setenv("FAKE_DEFAULT", "Ward_2")
		job, err := New().Print(ctx, file, "", "What Matters care plan")
		if err != nil {
			t.Fatal(err)
		}
		if job != (Job{Printer: "Ward_2", Spooled: true}) {
			t.Errorf("job = %+v", job)
		}
		want := []string{"LC_ALL=C", "-d", "Ward_2", "-t", "What Matters care plan", "--", file}
		if got := loggedArgs(t, log); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("lp got %q, want %q", got, want)
		}
	})
	t.Run("NamedPrinter", func(t *testing.T) {
		log := fakeCUPS(t, "lpstat", "lp")
		job, err := New().Print(ctx, file, "Office", "")
		if err != nil {
			t.Fatal(err)
		}
		if job.Printer != "Office" {
			t.Errorf("printer = %q", job.Printer)
		}
		want := []string{"LC_ALL=C", "-d", "Office", "--", file}
		if got := loggedArgs(t, log); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("lp got %q, want %q", got, want)
		}
	})

	errorTests := []struct {
		name, printers, def, printer, lpFail string
		fakes                                []string
		want                                 string
	}{
		{name: "ErrNoPrinter", fakes: []string{"lpstat", "lp"}, want: ErrNoPrinter.Message},
		{name: "ErrNoDefault", printers: "Office", fakes: []string{"lpstat", "lp"}, want: errNoDefault.Message},
		{name: "ErrNoCUPS", fakes: nil, want: errNoCUPS.Message},
		{name: "ErrLpMissing", printer: "Office", fakes: []string{"lpstat"}, want: errNoCUPS.Message},
		{name: "ErrOption", printer: "-oraw", fakes: []string{"lpstat", "lp"}, want: errBadName.Message},
		{name: "ErrNewline", printer: "Office\nX", fakes: []string{"lpstat", "lp"}, want: errBadName.Message},
		{name: "ErrRefused", printer: "Office", lpFail: `Destination "Office" is not accepting jobs.`,
			fakes: []string{"lpstat", "lp"}, want: `The printer Office did not take the plan: Destination "Office" is not accepting jobs.`},
		{name: "ErrGone", printer: "Office", lpFail: "The printer or class does not exist.",
			fakes: []string{"lpstat", "lp"}, want: "The printer Office did not take the plan: The printer or class does not exist."},
		{name: "ErrNoDefaultFromLp", printer: "Office", lpFail: "No default destination.",
			fakes: []string{"lpstat", "lp"}, want: ErrNoPrinter.Message},
	}
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			fakeCUPS(t, tt.fakes...)
			t.Setenv("FAKE_PRINTERS", tt.printers)
			t.Setenv("FAKE_DEFAULT", tt.def)
			t.Setenv("FAKE_LP_FAIL", tt.lpFail)
			_, err := New().Print(ctx, file, tt.printer, "What Matters care plan")
			if care.ErrorCode(err) != care.EINVALID || care.ErrorMessage(err) != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestCUPS_Open(t *testing.T) {
	if New().(cups).opener != "xdg-open" {
		t.Skip("macOS opens files with open")
	}
	t.Run("OK", func(t *testing.T) {
		log := fakeCUPS(t, "xdg-open")
		if err := New().Open(context.Background(), "/private/care-plan.pdf"); err != nil {
			t.Fatal(err)
		}
		if got := loggedArgs(t, log); len(got) != 1 || got[0] != "/private/care-plan.pdf" {
			t.Errorf("xdg-open got %q", got)
		}
	})
	t.Run("ErrNoViewer", func(t *testing.T) {
		fakeCUPS(t, "xdg-open")
		t.Setenv("FAKE_OPEN_EXIT", "3")
		if err := New().Open(context.Background(), "/private/care-plan.pdf"); err != errNoViewer {
			t.Errorf("got %v, want %v", err, errNoViewer)
		}
	})
	t.Run("ErrNoOpener", func(t *testing.T) {
		fakeCUPS(t)
		if err := New().Open(context.Background(), "/private/care-plan.pdf"); err != errNoViewer {
			t.Errorf("got %v, want %v", err, errNoViewer)
		}
	})
}
