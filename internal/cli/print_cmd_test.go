//go:build !windows

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/testenv"
)

// fakeLp puts pretend lpstat and lp commands, and nothing else, on PATH:
// lpstat lists $FAKE_PRINTERS (the first is the default), lp fails with
// $FAKE_LP_FAIL when it is set, else logs its arguments and whether the
// file was there to $FAKE_LOG. It returns the log's path.
func fakeLp(t *testing.T, printers, lpFail string) string {
	t.Helper()
	bin := t.TempDir()
	scripts := map[string]string{
		"lpstat": `#!/bin/sh
set -- "$1" $FAKE_PRINTERS
case "$1" in
-e) shift; for p in "$@"; do echo "$p"; done ;;
-d) [ -n "$2" ] && echo "system default destination: $2" ;;
esac
`,
		"lp": `#!/bin/sh
if [ -n "$FAKE_LP_FAIL" ]; then echo "lp: Error - $FAKE_LP_FAIL" >&2; exit 1; fi
for a in "$@"; do last=$a; echo "$a"; done > "$FAKE_LOG"
[ -s "$last" ] && echo "file was there" >> "$FAKE_LOG"
echo "request id is $2-1 (1 file(s))"
`,
	}
	for name, s := range scripts {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(s), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	log := filepath.Join(t.TempDir(), "lp.log")
	t.Setenv("PATH", bin)
	t.Setenv("FAKE_PRINTERS", printers)
	t.Setenv("FAKE_LP_FAIL", lpFail)
	t.Setenv("FAKE_LOG", log)
	return log
}

// privateTemp points the temp folder at an empty folder of its own, to
// check what printing leaves there.
func privateTemp(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	return tmp
}

func TestPrintCommand(t *testing.T) {
	db, s := testenv.SeededWithPlan(t)
	t.Run("OK", func(t *testing.T) {
		log := fakeLp(t, "Ward_2 Office", "")
		tmp := privateTemp(t)
		var out bytes.Buffer
		if err := run([]string{"print", "-db", db, "-person", "1", "-version", "1", "-format", "easy-read"}, &out); err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^Sent version 1 \(easy-read, check code [0-9A-Z]{4}-[0-9A-Z]{4}\) to printer Ward_2; ` +
			`recorded a copy: Printed for the person, \d{4}-\d\d-\d\d\n$`).MatchString(out.String()) {
			t.Errorf("output = %q", out.String())
		}
		b, _ := os.ReadFile(log)
		args := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(args) != 7 || strings.Join(args[:5], " ") != "-d Ward_2 -t What Matters care plan --" ||
			filepath.Base(args[5]) != "care-plan.pdf" || args[6] != "file was there" {
			t.Errorf("lp got %q", args)
		}
		if !strings.HasPrefix(args[5], tmp+string(filepath.Separator)+"whatmatters-print-") {
			t.Errorf("printed %s, not from a private folder in the temp folder", args[5])
		}
		if left := testenv.LeftIn(t, tmp); len(left) != 0 {
			t.Errorf("left in the temp folder: %q", left)
		}
		if got := testenv.Copies(t, s, 1, 1); len(got) != 1 || !strings.HasPrefix(got[0], "Printed for the person/easy-read/") {
			t.Errorf("copies = %q", got)
		}
	})
	t.Run("NamedPrinterAndHolder", func(t *testing.T) {
		log := fakeLp(t, "Ward_2 Office", "")
		var out bytes.Buffer
		if err := run([]string{"print", "-db", db, "-person", "5", "-printer", "Office", "-holder", "GP surgery"}, &out); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(log); !strings.HasPrefix(string(b), "-d\nOffice\n") {
			t.Errorf("lp got %q", b)
		}
		if !strings.Contains(out.String(), "(standard, ") || !strings.Contains(out.String(), "to printer Office; recorded a copy: GP surgery, ") {
			t.Errorf("output = %q", out.String())
		}
	})

	errorTests := []struct {
		name, printers, lpFail string
		args                   []string
		want                   string
	}{
		{"ErrNoPrinter", "", "", nil, "No printer is set up on this computer. Add one in your system settings, or save the PDF and print it from there"},
		{"ErrRefused", "Office", `Destination "Office" is not accepting jobs.`, nil,
			`The printer Office did not take the plan: Destination "Office" is not accepting jobs.`},
		{"ErrUnknownPrinter", "Office", "The printer or class does not exist.", []string{"-printer", "Gone"},
			"The printer Gone did not take the plan: The printer or class does not exist."},
		{"ErrPerson", "Office", "", []string{"-person", "0"}, "Give -person ID"},
	}
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			fakeLp(t, tt.printers, tt.lpFail)
			tmp := privateTemp(t)
			args := append([]string{"print", "-db", db, "-person", "4"}, tt.args...)
			err := run(args, &bytes.Buffer{})
			if care.ErrorCode(err) != care.EINVALID || care.ErrorMessage(err) != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
			if left := testenv.LeftIn(t, tmp); len(left) != 0 {
				t.Errorf("left in the temp folder: %q", left)
			}
			if got := testenv.Copies(t, s, 4, 0); len(got) != 0 {
				t.Errorf("a copy was recorded: %q", got)
			}
		})
	}
	t.Run("ErrNoCUPS", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		err := run([]string{"print", "-db", db, "-person", "4"}, &bytes.Buffer{})
		if !strings.Contains(care.ErrorMessage(err), "CUPS printing is not installed") {
			t.Errorf("got %v", err)
		}
	})
}
