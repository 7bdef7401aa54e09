// Package pdfcheck runs checks on PDF files with tools nobody here wrote
// (poppler's pdfsig, qpdf), for tests. In CI the tools must be there; on a
// developer's machine without them, the checks are skipped.
package pdfcheck

import (
	"os"
	"os/exec"
	"path/filepath"
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
