// Package pdfcheck reads and checks PDF files with tools nobody here wrote
// (poppler's pdftotext, pdffonts and pdfsig; qpdf), for tests. In CI the
// tools must be there; on a developer's machine without them, the checks
// are skipped (Need).
package pdfcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Available reports whether every tool is installed; in CI a missing tool
// fails the test instead.
func Available(tb testing.TB, tools ...string) bool {
	tb.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				tb.Fatalf("%s is needed in CI (make test installs poppler-utils, qpdf and libnss3-tools)", tool)
			}
			return false
		}
	}
	return true
}

// Need skips the test unless every tool is installed (in CI a missing
// tool fails it).
func Need(tb testing.TB, tools ...string) {
	tb.Helper()
	if !Available(tb, tools...) {
		tb.Skipf("%s not installed (poppler-utils, qpdf, libnss3-tools)", strings.Join(tools, ", "))
	}
}

// File writes pdf to a file called name in a new temporary folder, and
// returns its path.
func File(tb testing.TB, name string, pdf []byte) string {
	tb.Helper()
	file := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		tb.Fatal(err)
	}
	return file
}

// Text is what poppler's pdftotext reads from file, with args such as
// -raw or -layout.
func Text(tb testing.TB, file string, args ...string) string {
	tb.Helper()
	out, err := exec.Command("pdftotext", append(args, file, "-")...).Output()
	if err != nil {
		tb.Fatalf("pdftotext %s: %v", file, err)
	}
	return string(out)
}

// Fonts is poppler's pdffonts table of the fonts in file.
func Fonts(tb testing.TB, file string) string {
	tb.Helper()
	out, err := exec.Command("pdffonts", file).Output()
	if err != nil {
		tb.Fatalf("pdffonts %s: %v", file, err)
	}
	return string(out)
}

// Check reports whether qpdf --check finds file sound; where it does not,
// the test fails with what qpdf said.
func Check(tb testing.TB, file string) bool {
	tb.Helper()
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		tb.Errorf("qpdf --check %s: %v\n%s", file, err, out)
		return false
	}
	return true
}

// Pages is the number of pages qpdf counts in file.
func Pages(tb testing.TB, file string) int {
	tb.Helper()
	out, err := exec.Command("qpdf", "--show-npages", file).Output()
	if err != nil {
		tb.Fatalf("qpdf --show-npages %s: %v", file, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		tb.Fatalf("qpdf --show-npages %s: %q", file, out)
	}
	return n
}

// QDF is file as qpdf rewrites it for reading: content streams
// uncompressed, no object streams.
func QDF(tb testing.TB, file string) []byte {
	tb.Helper()
	qdf := filepath.Join(tb.TempDir(), "q.pdf")
	if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", file, qdf).CombinedOutput(); err != nil {
		tb.Fatalf("qpdf: %v %s", err, out)
	}
	b, err := os.ReadFile(qdf)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Sig returns what poppler's pdfsig says of file, using a fresh NSS
// database (pdfsig needs one, and exits 0 even for a bad signature, so
// callers read its words: "Signature is Valid.", "Digest Mismatch.").
func Sig(tb testing.TB, file string) string {
	tb.Helper()
	nss := filepath.Join(tb.TempDir(), "nss")
	if err := os.Mkdir(nss, 0o700); err != nil {
		tb.Fatal(err)
	}
	if out, err := exec.Command("certutil", "-N", "-d", "sql:"+nss, "--empty-password").CombinedOutput(); err != nil {
		tb.Fatalf("certutil: %v %s", err, out)
	}
	out, _ := exec.Command("pdfsig", "-nssdir", "sql:"+nss, file).CombinedOutput()
	return string(out)
}
