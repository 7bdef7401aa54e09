//go:build !windows

package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/sysprint"
	"whatmatters/internal/testenv"
)

// The real path: a CUPS scheduler of the test's own (its own config,
// spool and socket, so it never touches the computer's printers), a
// CUPS-PDF queue on it, and "whatmatters print" sending plans through lp.
// CUPS-PDF turns each job back into a PDF, which pdftotext reads.
//
// It runs in CI (CI=true) and with WHATMATTERS_TEST_CUPS=1 (make test-go
// sets it), as root: the CUPS-PDF backend only runs as root. Elsewhere it
// is skipped. It needs cups and printer-driver-cups-pdf (scripts/deps.sh
// test) and poppler-utils.

const cupsPDFPPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"

// testCUPS is a running private scheduler.
type testCUPS struct {
	dir    string // its files
	socket string // CUPS_SERVER for lp
	out    string // where CUPS-PDF writes the jobs' PDFs
	log    string // cupsd's error log, shown when a test fails
}

func cupsWanted(t *testing.T) {
	t.Helper()
	if os.Getenv("CI") == "" && os.Getenv("WHATMATTERS_TEST_CUPS") == "" {
		t.Skip("printing through a real CUPS scheduler runs in CI or with WHATMATTERS_TEST_CUPS=1")
	}
	problem := ""
	if os.Geteuid() != 0 {
		problem = "it must run as root (the CUPS-PDF backend only runs as root)"
	} else if _, err := os.Stat(cupsPDFPPD); err != nil {
		problem = "printer-driver-cups-pdf is not installed (scripts/deps.sh test installs it)"
	}
	for _, tool := range []string{"cupsd", "lpadmin", "lp", "lpstat"} {
		if _, err := lookTool(tool); err != nil {
			problem = tool + " is not installed (scripts/deps.sh test installs cups)"
		}
	}
	if problem != "" {
		if os.Getenv("CI") != "" {
			t.Fatal(problem)
		}
		t.Skip(problem)
	}
	if !pdfcheck.Available(t, "pdftotext") {
		t.Skip("poppler-utils not installed")
	}
}

// lookTool finds a CUPS program on PATH or in /usr/sbin, where cupsd and
// lpadmin live and a non-login PATH may not look.
func lookTool(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	p := filepath.Join("/usr/sbin", name)
	_, err := os.Stat(p)
	return p, err
}

// startCUPS starts a private scheduler with one CUPS-PDF queue, the
// default, named queue, and stops it when the test ends.
func startCUPS(t *testing.T, queue string) *testCUPS {
	t.Helper()
	// Not t.TempDir: the scheduler's filters run as the lp user and must
	// reach the spool and the queue's PPD, so the folder is 0755 (the jobs
	// in it are the test's example plans).
	dir, err := os.MkdirTemp("", "whatmatters-cups-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	c := &testCUPS{dir: dir, socket: filepath.Join(dir, "cups.sock"), out: filepath.Join(dir, "out"), log: filepath.Join(dir, "log", "error_log")}
	for _, d := range []string{"etc", "spool/tmp", "cache", "state", "log", "out", "cups-pdf", "gs", "home"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(dir, 0o755)
	files := fmt.Sprintf(`ServerRoot %[1]s/etc
RequestRoot %[1]s/spool
TempDir %[1]s/spool/tmp
CacheDir %[1]s/cache
StateDir %[1]s/state
AccessLog %[1]s/log/access_log
ErrorLog %[1]s/log/error_log
PageLog %[1]s/log/page_log
Printcap %[1]s/printcap
User lp
Group lp
SystemGroup root
`, dir)
	conf := fmt.Sprintf(`Listen %s
LogLevel debug
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
`, c.socket)
	write := func(path, s string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "etc", "cups-files.conf"), files)
	write(filepath.Join(dir, "etc", "cupsd.conf"), conf)

	// CUPS-PDF reads /etc/cups/cups-pdf-NAME.conf for a device URI
	// cups-pdf:/NAME: one of the test's own, so the PDFs land in its folder.
	var b [4]byte
	rand.Read(b[:])
	instance := "whatmatters-test-" + hex.EncodeToString(b[:])
	pdfConf := filepath.Join("/etc/cups", "cups-pdf-"+instance+".conf")
	write(pdfConf, fmt.Sprintf("Out %[1]s/out\nAnonDirName %[1]s/out\nSpool %[1]s/cups-pdf\nGSTmp %[1]s/gs\n", dir))
	t.Cleanup(func() { os.Remove(pdfConf) })

	cupsd, _ := lookTool("cupsd")
	cmd := exec.Command(cupsd, "-f", "-c", filepath.Join(dir, "etc", "cupsd.conf"), "-s", filepath.Join(dir, "etc", "cups-files.conf"))
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(c.log)
			lines := strings.Split(string(b), "\n")
			t.Logf("cupsd said: %s\nlast lines of its log:\n%s", stderr.String(), strings.Join(lines[max(0, len(lines)-40):], "\n"))
		}
	})
	// Only this scheduler, and no user default printer from the environment
	// or ~/.cups/lpoptions.
	t.Setenv("CUPS_SERVER", c.socket)
	for _, v := range []string{"LPDEST", "PRINTER"} {
		t.Setenv(v, "") // restored after the test; unset, as CUPS takes "" for a printer's name
		os.Unsetenv(v)
	}
	t.Setenv("HOME", filepath.Join(dir, "home"))
	deadline := time.Now().Add(15 * time.Second)
	for {
		if out, err := exec.Command("lpstat", "-r").CombinedOutput(); err == nil && strings.Contains(string(out), "is running") {
			break
		}
		select {
		case <-exited:
			t.Fatalf("cupsd exited: %s", stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("cupsd did not start within 15 seconds")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The test queue renders through pdftocairo, which keeps the text
	// readable in CUPS-PDF's copy; printing itself asks for no option.
	c.admin(t, "-p", queue, "-E", "-v", "cups-pdf:/"+instance, "-P", cupsPDFPPD, "-o", "pdftops-renderer-default=pdftocairo")
	c.admin(t, "-d", queue)
	return c
}

func (c *testCUPS) admin(t *testing.T, args ...string) {
	t.Helper()
	lpadmin, _ := lookTool("lpadmin")
	if out, err := exec.Command(lpadmin, args...).CombinedOutput(); err != nil {
		t.Fatalf("lpadmin %q: %v\n%s", args, err, out)
	}
}

// waitForPDF waits, a bounded time, for the scheduler to finish its jobs
// and CUPS-PDF to write the PDF, and returns that PDF's text; the PDF is
// removed, so the next job's is the only one.
func (c *testCUPS) waitForPDF(t *testing.T) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		pdfs, _ := filepath.Glob(filepath.Join(c.out, "*.pdf"))
		queued, _ := exec.Command("lpstat", "-o").Output()
		if len(pdfs) == 1 && len(bytes.TrimSpace(queued)) == 0 {
			text, err := exec.Command("pdftotext", "-layout", pdfs[0], "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", pdfs[0], err)
			}
			os.Remove(pdfs[0])
			return string(text)
		}
		if len(pdfs) > 1 {
			t.Fatalf("more than one PDF came out: %q", pdfs)
		}
		if time.Now().After(deadline) {
			t.Fatalf("no PDF came out of CUPS-PDF within 30 seconds (queue: %q)", queued)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestPrintThroughCUPS(t *testing.T) {
	cupsWanted(t)
	db, s := testenv.SeededWithPlan(t)
	const queue = "WhatMattersTest"
	c := startCUPS(t, queue)
	tmp := privateTemp(t) // made after the scheduler's folder, so nothing else is in it
	ctx := context.Background()

	t.Run("Printers", func(t *testing.T) {
		got, err := sysprint.New().Printers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Name != queue || !got[0].Default {
			t.Errorf("printers = %+v", got)
		}
	})
	t.Run("DefaultPrinterPersonsFormat", func(t *testing.T) {
		var out bytes.Buffer
		if err := run([]string{"print", "-db", db, "-person", "1"}, &out); err != nil {
			t.Fatal(err)
		}
		v, err := s.Versions.FindVersion(ctx, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("Sent version %d (large-print, check code %s) to printer %s; ", v.Number, v.CheckCode, queue)
		if !strings.HasPrefix(out.String(), want) {
			t.Errorf("output = %q, want it to start %q", out.String(), want)
		}
		text := c.waitForPDF(t)
		for _, s := range []string{"Gosia", v.CheckCode} {
			if !strings.Contains(text, s) {
				t.Errorf("the printed PDF does not say %q:\n%s", s, text)
			}
		}
		if got := testenv.Copies(t, s, 1, v.Number); len(got) != 1 || !strings.HasPrefix(got[0], "Printed for the person/large-print/"+time.Now().Format(time.DateOnly)) {
			t.Errorf("copies = %q", got)
		}
	})
	t.Run("NamedPrinterVersionFormat", func(t *testing.T) {
		if err := run([]string{"print", "-db", db, "-person", "5", "-version", "1", "-format", "easy-read", "-printer", queue, "-holder", "Liam"}, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		v, err := s.Versions.FindVersion(ctx, 5, 1)
		if err != nil {
			t.Fatal(err)
		}
		text := c.waitForPDF(t)
		for _, s := range []string{"Derek Johnson", v.CheckCode} {
			if !strings.Contains(text, s) {
				t.Errorf("the printed PDF does not say %q:\n%s", s, text)
			}
		}
		if got := testenv.Copies(t, s, 5, 1); len(got) != 1 || !strings.HasPrefix(got[0], "Liam/easy-read/") {
			t.Errorf("copies = %q", got)
		}
	})
	t.Run("ErrRefused", func(t *testing.T) {
		cupsreject, err := lookTool("cupsreject")
		if err != nil {
			t.Skip("cupsreject not installed")
		}
		if out, err := exec.Command(cupsreject, queue).CombinedOutput(); err != nil {
			t.Fatalf("cupsreject: %v %s", err, out)
		}
		defer exec.Command(strings.TrimSuffix(cupsreject, "reject")+"accept", queue).Run()
		err = run([]string{"print", "-db", db, "-person", "2"}, &bytes.Buffer{})
		want := fmt.Sprintf("The printer %s did not take the plan: Destination \"%s\" is not accepting jobs.", queue, queue)
		if got := care.ErrorMessage(err); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrNoPrinter", func(t *testing.T) {
		c.admin(t, "-x", queue)
		err := run([]string{"print", "-db", db, "-person", "2"}, &bytes.Buffer{})
		if got, want := care.ErrorMessage(err), "No printer is set up on this computer. Add one in your system settings, or save the PDF and print it from there"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if got := testenv.Copies(t, s, 2, 0); len(got) != 0 {
			t.Errorf("copies = %q", got)
		}
	})
	if left := testenv.LeftIn(t, tmp); len(left) != 0 {
		t.Errorf("printing left files in the temp folder: %q", left)
	}
}
