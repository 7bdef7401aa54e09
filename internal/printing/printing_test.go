package printing

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/sysprint"
	"whatmatters/internal/testenv"
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
func newTestPrinting(t *testing.T, sys sysprint.System) (*Service, database.Services, string) {
	t.Helper()
	_, s := testenv.SeededWithPlan(t)
	tmp := t.TempDir()
	sess := testenv.SignIn(t, s)
	p := New(s.Plans(func() []byte { return sess.Key }), s.Versions, sys)
	p.Folder = &sysprint.Folder{Root: tmp}
	p.now = func() time.Time { return time.Date(2026, 12, 1, 9, 30, 0, 0, time.Local) }
	return p, s, tmp
}

func TestPrinting_Print(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		sys := &fakeSystem{t: t, spooled: true}
		p, s, tmp := newTestPrinting(t, sys)
		got, err := p.Print(ctx, Request{PersonID: 1})
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
		if got, want := testenv.Copies(t, s, 1, 2), "Printed for the person/large-print/2026-12-01"; len(got) != 1 || got[0] != want {
			t.Errorf("copies = %q, want [%s]", got, want)
		}
		if left := testenv.LeftIn(t, tmp); len(left) != 0 {
			t.Errorf("left behind after lp returned: %q", left)
		}
	})
	t.Run("NamedPrinterFormatAndHolder", func(t *testing.T) {
		sys := &fakeSystem{t: t, spooled: true}
		p, s, _ := newTestPrinting(t, sys)
		got, err := p.Print(ctx, Request{PersonID: 1, Number: 1, Format: "easy-read", Printer: "Ward_2", Holder: "  Ola Wiśniewska "})
		if err != nil {
			t.Fatal(err)
		}
		if got.Printer != "Ward_2" || got.Copy == nil || got.Copy.Holder != "Ola Wiśniewska" {
			t.Errorf("got %+v", got)
		}
		if got, want := testenv.Copies(t, s, 1, 1), "Ola Wiśniewska/easy-read/2026-12-01"; len(got) != 1 || got[0] != want {
			t.Errorf("copies = %q, want [%s]", got, want)
		}
	})
	t.Run("NotSpooledIsKeptAWhile", func(t *testing.T) {
		sys := &fakeSystem{t: t, spooled: false} // the Windows shell: the PDF app reads it later
		p, _, tmp := newTestPrinting(t, sys)
		if _, err := p.Print(ctx, Request{PersonID: 5}); err != nil {
			t.Fatal(err)
		}
		if p.Folder.Pending() != 1 || len(testenv.LeftIn(t, tmp)) != 2 {
			t.Errorf("pending %d, files %q: the app printing it needs the file", p.Folder.Pending(), testenv.LeftIn(t, tmp))
		}
		p.Close()
		if left := testenv.LeftIn(t, tmp); len(left) != 0 {
			t.Errorf("left behind after close: %q", left)
		}
	})
	t.Run("Viewer", func(t *testing.T) {
		sys := &fakeSystem{t: t}
		p, s, tmp := newTestPrinting(t, sys)
		got, err := p.Print(ctx, Request{PersonID: 5, Viewer: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(sys.calls) != 1 || sys.calls[0] != "open" || got.Printer != "" || got.Copy != nil {
			t.Errorf("calls %q, got %+v", sys.calls, got)
		}
		if c := testenv.Copies(t, s, 5, 0); len(c) != 0 {
			t.Errorf("opening in a viewer is not printing, yet copies = %q", c)
		}
		if p.Folder.Pending() != 1 {
			t.Errorf("pending = %d: the viewer's file must go later", p.Folder.Pending())
		}
		p.Close()
		if left := testenv.LeftIn(t, tmp); len(left) != 0 {
			t.Errorf("left behind after close: %q", left)
		}
	})
	t.Run("LeftoversClearedAtStart", func(t *testing.T) {
		p, _, tmp := newTestPrinting(t, &fakeSystem{t: t})
		if _, err := p.Folder.Write("care-plan.pdf", []byte("%PDF-")); err != nil {
			t.Fatal(err)
		}
		p.Start()
		if left := testenv.LeftIn(t, tmp); len(left) != 0 {
			t.Errorf("left behind after start: %q", left)
		}
	})

	errorTests := []struct {
		name string
		req  Request
		err  error
		code string
	}{
		{"ErrNoPrinter", Request{PersonID: 1}, sysprint.ErrNoPrinter, care.EINVALID},
		{"ErrRefused", Request{PersonID: 1, Printer: "Office"}, care.Errorf(care.EINVALID, "The printer Office did not take the plan: Destination \"Office\" is not accepting jobs."), care.EINVALID},
		{"ErrViewer", Request{PersonID: 1, Viewer: true}, care.Errorf(care.EINVALID, "The PDF could not be opened in a PDF viewer"), care.EINVALID},
		{"ErrNotFound", Request{PersonID: 99}, nil, care.ENOTFOUND},
		{"ErrFormat", Request{PersonID: 1, Format: "braille"}, nil, care.EINVALID},
		{"ErrHolderTooLong", Request{PersonID: 1, Holder: strings.Repeat("a", care.MaxShortText+1)}, nil, care.EINVALID},
	}
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			sys := &fakeSystem{t: t, spooled: true, err: tt.err}
			p, s, tmp := newTestPrinting(t, sys)
			_, err := p.Print(ctx, tt.req)
			if care.ErrorCode(err) != tt.code || (tt.err != nil && care.ErrorMessage(err) != care.ErrorMessage(tt.err)) {
				t.Errorf("got %v, want %s %v", err, tt.code, tt.err)
			}
			if tt.err == nil && len(sys.calls) != 0 {
				t.Errorf("printed anyway: %q", sys.calls)
			}
			if tt.req.PersonID == 1 {
				if c := testenv.Copies(t, s, 1, 0); len(c) != 0 {
					t.Errorf("a copy was recorded: %q", c)
				}
			}
			if left := testenv.LeftIn(t, tmp); len(left) != 0 || p.Folder.Pending() != 0 {
				t.Errorf("left behind: %q (pending %d)", left, p.Folder.Pending())
			}
		})
	}
}
