package main

import (
	"context"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/printing"
	"whatmatters/internal/sysprint"
	"whatmatters/internal/testenv"
)

func TestApp_PrintPlan(t *testing.T) {
	_, s := testenv.SeededWithPlan(t)
	app := signInApp(t, NewApp(s, "test.db", nil))
	sys := &fakeSystem{t: t, spooled: true, printers: []sysprint.Printer{{Name: "Office"}, {Name: "Ward_2", Default: true}}}
	app.printing.System = sys
	app.printing.Folder = &sysprint.Folder{Root: t.TempDir()}

	t.Run("Printers", func(t *testing.T) {
		got := app.Printers()
		if len(got.Printers) != 2 || got.Printers[1] != (dto.PrinterDTO{Name: "Ward_2", Default: true}) || got.Problem != "" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("PrintersProblem", func(t *testing.T) {
		app := signInApp(t, NewApp(s, "test.db", nil))
		app.printing.System = &fakeSystem{t: t}
		if got := app.Printers(); len(got.Printers) != 0 || got.Problem != sysprint.ErrNoPrinter.Message || got.Printers == nil {
			t.Errorf("got %+v", got)
		}
		app.printing.System = &fakeSystem{t: t, err: care.Errorf(care.EINVALID, "CUPS printing is not installed")}
		if got := app.Printers(); got.Problem != "CUPS printing is not installed" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("OK", func(t *testing.T) {
		got, err := app.PrintPlan(4, 0, dto.PrintDTO{Printer: "Office"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Printer != "Office" || got.Format != "large-print" || len(got.Version.Copies) != 1 {
			t.Fatalf("got %+v", got)
		}
		if c := got.Version.Copies[0]; c.Holder != printing.ForThePerson || c.Format != "large-print" || c.GivenOn != time.Now().Format(time.DateOnly) {
			t.Errorf("copy = %+v", c)
		}
	})
	t.Run("ErrNoPrinter", func(t *testing.T) {
		sys.err = sysprint.ErrNoPrinter
		defer func() { sys.err = nil }()
		_, err := app.PrintPlan(4, 0, dto.PrintDTO{})
		if got := errorJSON(t, err); got["code"] != "invalid" || got["message"] != sysprint.ErrNoPrinter.Message {
			t.Errorf("got %v", got)
		}
	})
}

func TestApp_RecordCopy(t *testing.T) {
	_, s := testenv.SeededWithPlan(t)
	app := signInApp(t, NewApp(s, "test.db", nil))
	tests := []struct {
		name, format, want string
	}{
		{"PersonsFormat", "", "large-print"},
		{"Chosen", "standard", "standard"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := app.RecordCopy(1, 2, dto.CopyDTO{Holder: "Gosia", Format: tt.format, GivenOn: "2026-11-30"})
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

// fakeSystem is a printing system that prints nowhere (internal/printing's
// tests check what the system is given).
type fakeSystem struct {
	t        *testing.T
	printers []sysprint.Printer
	err      error // what Printers, Print and Open return
	spooled  bool
}

func (f *fakeSystem) Printers(context.Context) ([]sysprint.Printer, error) { return f.printers, f.err }

func (f *fakeSystem) Print(_ context.Context, _, printer, _ string) (sysprint.Job, error) {
	if printer == "" {
		printer = "Office"
	}
	return sysprint.Job{Printer: printer, Spooled: f.spooled}, f.err
}

func (f *fakeSystem) Open(context.Context, string) error { return f.err }
