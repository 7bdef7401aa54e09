package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/sysprint"
)

// fakeSystem is a printing system that remembers what it was given.
type fakeSystem struct {
	t        *testing.T
	printers []sysprint.Printer
	err      error // what Printers, Print and Open return
	spooled  bool
	calls    []string // "print PRINTER" or "open"
	seen     []byte   // the file's bytes when it was printed or opened
}

func (f *fakeSystem) Printers(context.Context) ([]sysprint.Printer, error) { return f.printers, f.err }

func (f *fakeSystem) Print(_ context.Context, path, printer, title string) (sysprint.Job, error) {
	f.calls = append(f.calls, "print "+printer)
	f.read(path)
	if title != printJobTitle {
		f.t.Errorf("job title %q: the print queue may show it to others", title)
	}
	if printer == "" {
		printer = "Office"
	}
	return sysprint.Job{Printer: printer, Spooled: f.spooled}, f.err
}

func (f *fakeSystem) Open(_ context.Context, path string) error {
	f.calls = append(f.calls, "open")
	f.read(path)
	return f.err
}

// read checks the file is private while the system has it.
func (f *fakeSystem) read(path string) {
	f.t.Helper()
	if filepath.Base(path) != "care-plan.pdf" {
		f.t.Errorf("file name %q", path)
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{filepath.Dir(path): 0o700, path: 0o600} {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
				f.t.Errorf("%s: mode %v, want %v (%v)", p, fi.Mode().Perm(), want, err)
			}
		}
	}
	f.seen, _ = os.ReadFile(path)
}

// newTestPrinting is printing on a seeded database through sys, its
// private folders in a temp folder of its own, which it returns.
func newTestPrinting(t *testing.T, sys sysprint.System) (*printing, Services, string) {
	t.Helper()
	_, s := seededWithPlan(t)
	tmp := t.TempDir()
	p := newPrinting(s, signedPlans(t, s))
	p.system = sys
	p.folder = &sysprint.Folder{Root: tmp}
	p.now = func() time.Time { return time.Date(2026, 12, 1, 9, 30, 0, 0, time.Local) }
	return p, s, tmp
}

// copies lists a version's recorded copies as "holder/format/date".
func copies(t *testing.T, s Services, personID int64, number int) []string {
	t.Helper()
	ctx := context.Background()
	v, err := s.Versions.FindVersion(ctx, personID, number)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range v.Copies {
		out = append(out, c.Holder+"/"+c.Format+"/"+c.GivenOn)
	}
	return out
}

func leftIn(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if path != dir {
			out = append(out, path)
		}
		return nil
	})
	return out
}

func TestPrinting_Print(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		sys := &fakeSystem{t: t, spooled: true}
		p, s, tmp := newTestPrinting(t, sys)
		got, err := p.print(ctx, printRequest{PersonID: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got.Printer != "Office" || got.Format != "large-print" || got.Version.Number != 2 {
			t.Errorf("got printer %q format %q version %d", got.Printer, got.Format, got.Version.Number)
		}
		if len(sys.calls) != 1 || sys.calls[0] != "print " {
			t.Errorf("calls = %q, want the default printer", sys.calls)
		}
		if !strings.HasPrefix(string(sys.seen), "%PDF-") {
			t.Error("the printer was not given the PDF")
		}
		if got, want := copies(t, s, 1, 2), "Printed for the person/large-print/2026-12-01"; len(got) != 1 || got[0] != want {
			t.Errorf("copies = %q, want [%s]", got, want)
		}
		if left := leftIn(t, tmp); len(left) != 0 {
			t.Errorf("left behind after lp returned: %q", left)
		}
	})
	t.Run("NamedPrinterFormatAndHolder", func(t *testing.T) {
		sys := &fakeSystem{t: t, spooled: true}
		p, s, _ := newTestPrinting(t, sys)
		got, err := p.print(ctx, printRequest{PersonID: 1, Number: 1, Format: "easy-read", Printer: "Ward_2", Holder: "  Ola Wiśniewska "})
		if err != nil {
			t.Fatal(err)
		}
		if got.Printer != "Ward_2" || got.Copy == nil || got.Copy.Holder != "Ola Wiśniewska" {
			t.Errorf("got %+v", got)
		}
		if got, want := copies(t, s, 1, 1), "Ola Wiśniewska/easy-read/2026-12-01"; len(got) != 1 || got[0] != want {
			t.Errorf("copies = %q, want [%s]", got, want)
		}
	})
	t.Run("NotSpooledIsKeptAWhile", func(t *testing.T) {
		sys := &fakeSystem{t: t, spooled: false} // the Windows shell: the PDF app reads it later
		p, _, tmp := newTestPrinting(t, sys)
		if _, err := p.print(ctx, printRequest{PersonID: 5}); err != nil {
			t.Fatal(err)
		}
		if p.folder.Pending() != 1 || len(leftIn(t, tmp)) != 2 {
			t.Errorf("pending %d, files %q: the app printing it needs the file", p.folder.Pending(), leftIn(t, tmp))
		}
		p.close()
		if left := leftIn(t, tmp); len(left) != 0 {
			t.Errorf("left behind after close: %q", left)
		}
	})
	t.Run("Viewer", func(t *testing.T) {
		sys := &fakeSystem{t: t}
		p, s, tmp := newTestPrinting(t, sys)
		got, err := p.print(ctx, printRequest{PersonID: 5, Viewer: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(sys.calls) != 1 || sys.calls[0] != "open" || got.Printer != "" || got.Copy != nil {
			t.Errorf("calls %q, got %+v", sys.calls, got)
		}
		if c := copies(t, s, 5, 0); len(c) != 0 {
			t.Errorf("opening in a viewer is not printing, yet copies = %q", c)
		}
		if p.folder.Pending() != 1 {
			t.Errorf("pending = %d: the viewer's file must go later", p.folder.Pending())
		}
		p.close()
		if left := leftIn(t, tmp); len(left) != 0 {
			t.Errorf("left behind after close: %q", left)
		}
	})
	t.Run("LeftoversClearedAtStart", func(t *testing.T) {
		p, _, tmp := newTestPrinting(t, &fakeSystem{t: t})
		if _, err := p.folder.Write("care-plan.pdf", []byte("%PDF-")); err != nil {
			t.Fatal(err)
		}
		p.start()
		if left := leftIn(t, tmp); len(left) != 0 {
			t.Errorf("left behind after start: %q", left)
		}
	})

	errorTests := []struct {
		name string
		req  printRequest
		err  error
		code string
	}{
		{"ErrNoPrinter", printRequest{PersonID: 1}, sysprint.ErrNoPrinter, care.EINVALID},
		{"ErrRefused", printRequest{PersonID: 1, Printer: "Office"}, care.Errorf(care.EINVALID, "The printer Office did not take the plan: Destination \"Office\" is not accepting jobs."), care.EINVALID},
		{"ErrViewer", printRequest{PersonID: 1, Viewer: true}, care.Errorf(care.EINVALID, "The PDF could not be opened in a PDF viewer"), care.EINVALID},
		{"ErrNotFound", printRequest{PersonID: 99}, nil, care.ENOTFOUND},
		{"ErrFormat", printRequest{PersonID: 1, Format: "braille"}, nil, care.EINVALID},
		{"ErrHolderTooLong", printRequest{PersonID: 1, Holder: strings.Repeat("a", care.MaxShortText+1)}, nil, care.EINVALID},
	}
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			sys := &fakeSystem{t: t, spooled: true, err: tt.err}
			p, s, tmp := newTestPrinting(t, sys)
			_, err := p.print(ctx, tt.req)
			if care.ErrorCode(err) != tt.code || (tt.err != nil && care.ErrorMessage(err) != care.ErrorMessage(tt.err)) {
				t.Errorf("got %v, want %s %v", err, tt.code, tt.err)
			}
			if tt.err == nil && len(sys.calls) != 0 {
				t.Errorf("printed anyway: %q", sys.calls)
			}
			if tt.req.PersonID == 1 {
				if c := copies(t, s, 1, 0); len(c) != 0 {
					t.Errorf("a copy was recorded: %q", c)
				}
			}
			if left := leftIn(t, tmp); len(left) != 0 || p.folder.Pending() != 0 {
				t.Errorf("left behind: %q (pending %d)", left, p.folder.Pending())
			}
		})
	}
}

func TestApp_PrintPlan(t *testing.T) {
	_, s := seededWithPlan(t)
	app := signInApp(t, NewApp(s, "test.db", nil))
	sys := &fakeSystem{t: t, spooled: true, printers: []sysprint.Printer{{Name: "Office"}, {Name: "Ward_2", Default: true}}}
	app.printing.system = sys
	app.printing.folder = &sysprint.Folder{Root: t.TempDir()}

	t.Run("Printers", func(t *testing.T) {
		got := app.Printers()
		if len(got.Printers) != 2 || got.Printers[1] != (PrinterDTO{Name: "Ward_2", Default: true}) || got.Problem != "" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("PrintersProblem", func(t *testing.T) {
		app := signInApp(t, NewApp(s, "test.db", nil))
		app.printing.system = &fakeSystem{t: t}
		if got := app.Printers(); len(got.Printers) != 0 || got.Problem != sysprint.ErrNoPrinter.Message || got.Printers == nil {
			t.Errorf("got %+v", got)
		}
		app.printing.system = &fakeSystem{t: t, err: care.Errorf(care.EINVALID, "CUPS printing is not installed")}
		if got := app.Printers(); got.Problem != "CUPS printing is not installed" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("OK", func(t *testing.T) {
		got, err := app.PrintPlan(4, 0, PrintDTO{Printer: "Office"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Printer != "Office" || got.Format != "large-print" || len(got.Version.Copies) != 1 {
			t.Fatalf("got %+v", got)
		}
		if c := got.Version.Copies[0]; c.Holder != printedForThePerson || c.Format != "large-print" || c.GivenOn != time.Now().Format(time.DateOnly) {
			t.Errorf("copy = %+v", c)
		}
	})
	t.Run("ErrNoPrinter", func(t *testing.T) {
		sys.err = sysprint.ErrNoPrinter
		defer func() { sys.err = nil }()
		_, err := app.PrintPlan(4, 0, PrintDTO{})
		if got := errorJSON(t, err); got["code"] != "invalid" || got["message"] != sysprint.ErrNoPrinter.Message {
			t.Errorf("got %v", got)
		}
	})
}

func TestApp_RecordCopy(t *testing.T) {
	_, s := seededWithPlan(t)
	app := signInApp(t, NewApp(s, "test.db", nil))
	tests := []struct {
		name, format, want string
	}{
		{"PersonsFormat", "", "large-print"},
		{"Chosen", "standard", "standard"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := app.RecordCopy(1, 2, CopyDTO{Holder: "Gosia", Format: tt.format, GivenOn: "2026-11-30"})
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Copies) != i+1 || v.Copies[i].Format != tt.want {
				t.Errorf("copies = %+v, want the last in %s", v.Copies, tt.want)
			}
			if v.PersonFormat != "large-print" {
				t.Errorf("personFormat = %q", v.PersonFormat)
			}
		})
	}
}
