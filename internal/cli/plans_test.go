package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/pdfsign"
	"whatmatters/internal/testenv"
)

func TestExportAndVerify(t *testing.T) {
	path, s := testenv.SeededWithPlan(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "plan.pdf")
	var out bytes.Buffer
	if err := run([]string{"export-pdf", "-db", path, "-person", "1", "-o", file}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Wrote version 2 (large-print, check code ") {
		t.Errorf("output = %q", out.String())
	}
	first, _ := os.ReadFile(file)

	t.Run("DeterministicDocument", func(t *testing.T) {
		// The signature carries the time of signing; the document it signs
		// is the same every time.
		again := filepath.Join(dir, "again.pdf")
		if err := run([]string{"export-pdf", "-db", path, "-person", "1", "-format", "large-print", "-o", again}, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(again)
		r1, err1 := pdfsign.Verify(first)
		r2, err2 := pdfsign.Verify(b)
		if err1 != nil || err2 != nil || !bytes.Equal(r1.Document, r2.Document) {
			t.Errorf("exporting the same version twice gave different documents: %v %v", err1, err2)
		}
		if time.Since(r2.SignedAt) > time.Minute {
			t.Errorf("signed at %v, want the time of signing", r2.SignedAt)
		}
	})

	t.Run("EachFormatCheckedByPopplerAndQpdf", func(t *testing.T) {
		if !pdfcheck.Available(t, "pdfsig", "certutil", "qpdf", "pdffonts", "pdftotext") {
			t.Skip("poppler-utils, qpdf or NSS tools not installed")
		}
		for _, format := range []string{"standard", "large-print", "easy-read"} {
			f := filepath.Join(dir, format+".pdf")
			if err := run([]string{"export-pdf", "-db", path, "-person", "1", "-format", format, "-o", f}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			out := pdfcheck.Sig(t, f)
			if !strings.Contains(out, "Signature is Valid.") || !strings.Contains(out, "Total document signed") {
				t.Errorf("%s: pdfsig:\n%s", format, out)
			}
			if out, err := exec.Command("qpdf", "--check", f).CombinedOutput(); err != nil {
				t.Errorf("%s: qpdf --check: %v\n%s", format, err, out)
			}
			fonts, _ := exec.Command("pdffonts", f).Output()
			for _, line := range strings.Split(string(fonts), "\n")[2:] {
				if fl := strings.Fields(line); len(fl) >= 5 && fl[len(fl)-5] != "yes" {
					t.Errorf("%s: font not embedded: %s", format, line)
				}
			}
			text, _ := exec.Command("pdftotext", f, "-").Output()
			for _, want := range []string{"Gosia Wiśniewska", "Cooking pierogi for the grandchildren on Sundays."} {
				if !strings.Contains(strings.Join(strings.Fields(string(text)), " "), want) {
					t.Errorf("%s: text lacks %q", format, want)
				}
			}
		}
	})

	t.Run("Verify", func(t *testing.T) {
		out.Reset()
		if err := run([]string{"verify", file, "-db", path}, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), "Matches version 2, agreed ") || !strings.Contains(out.String(), "the current version") {
			t.Errorf("output = %q", out.String())
		}
	})

	t.Run("EveryExampleHasASignedPlan", func(t *testing.T) {
		for _, id := range []string{"2", "3", "4", "5"} {
			f := filepath.Join(dir, "p"+id+".pdf")
			if err := run([]string{"export-pdf", "-db", path, "-person", id, "-o", f}, &bytes.Buffer{}); err != nil {
				t.Fatalf("person %s: %v", id, err)
			}
			if err := run([]string{"verify", f, "-db", path}, &bytes.Buffer{}); err != nil {
				t.Errorf("person %s: %v", id, err)
			}
		}
	})

	t.Run("RootCertificateSignsThePlans", func(t *testing.T) {
		certFile := filepath.Join(dir, "root.pem")
		if err := run([]string{"export-root", "-db", path, "-o", certFile}, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(certFile)
		block, _ := pem.Decode(data)
		root, err := x509.ParseCertificate(block.Bytes)
		if err != nil || !root.IsCA {
			t.Fatalf("root: %v", err)
		}
		res, err := pdfsign.Verify(first)
		if err != nil {
			t.Fatal(err)
		}
		pool := x509.NewCertPool()
		pool.AddCert(root)
		if _, err := res.Signer.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
			t.Errorf("the plan's signer does not chain to the exported root: %v", err)
		}
	})

	t.Run("ImportOrganisationCertificate", func(t *testing.T) {
		p12 := filepath.Join(dir, "org.p12")
		key, chain := testRSAChain(t)
		data, err := pkcs12.Modern.Encode(key, chain[0], chain[1:], "correct horse")
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(p12, data, 0o600)
		t.Setenv("WHATMATTERS_P12_PASSWORD", "wrong")
		err = run([]string{"import-p12", "-db", path, "-file", p12}, &bytes.Buffer{})
		if care.ErrorField(err) != "password" {
			t.Errorf("wrong password: %v", err)
		}
		t.Setenv("WHATMATTERS_P12_PASSWORD", "correct horse")
		out.Reset()
		if err := run([]string{"import-p12", "-db", path, "-file", p12}, &out); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); got != "Plans will now be signed by Riverside NHS Trust\n" {
			t.Errorf("output = %q", got)
		}
		// New exports are signed by the organisation...
		newFile := filepath.Join(dir, "org-signed.pdf")
		if err := run([]string{"export-pdf", "-db", path, "-person", "1", "-o", newFile}, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		signed, _ := os.ReadFile(newFile)
		res, err := pdfsign.Verify(signed)
		if err != nil || !res.Signer.Equal(chain[0]) {
			t.Fatalf("signer: %v", err)
		}
		// ...and a file exported before the change still verifies.
		if err := run([]string{"verify", file, "-db", path}, &bytes.Buffer{}); err != nil {
			t.Errorf("an earlier export no longer verifies: %v", err)
		}
	})

	t.Run("VerifySuperseded", func(t *testing.T) {
		ctx := care.WithActor(context.Background(), care.Actor{Name: "Sam", Role: "Coordinator"})
		if err := s.Records.SaveItem(ctx, &care.Item{PersonID: 1, Section: care.SectionGoals, Values: map[string]string{"text": "Pierogi for the street party"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := signedPlans(t, s).Agree(ctx, 1, []care.Signature{
			{Role: care.RoleRepresentative, Name: "Ola", Method: care.SignVerbal, Witness: "Sam"},
			{Role: care.RoleCoordinator, Name: "Sam", Method: care.SignUnable, Reason: "Broken wrist"}}); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		if err := run([]string{"verify", file, "-db", path}, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "superseded by a later version") {
			t.Errorf("output = %q", out.String())
		}
	})

	t.Run("ErrTampered", func(t *testing.T) {
		bad := bytes.Clone(first)
		i := bytes.Index(bad, []byte("/Keywords"))
		bad[i-2] ^= 1
		tampered := filepath.Join(dir, "tampered.pdf")
		os.WriteFile(tampered, bad, 0o600)
		err := run([]string{"verify", tampered, "-db", path}, &bytes.Buffer{})
		if care.ErrorCode(err) != care.EINVALID || !strings.Contains(care.ErrorMessage(err), "not a genuine signed plan") {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("ErrNotAPlan", func(t *testing.T) {
		other := filepath.Join(dir, "notes.pdf")
		os.WriteFile(other, []byte("%PDF-1.4 not really"), 0o600)
		if err := run([]string{"verify", other, "-db", path}, &bytes.Buffer{}); care.ErrorCode(err) != care.EINVALID {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("ErrNoVersion", func(t *testing.T) {
		err := run([]string{"export-pdf", "-db", path, "-person", "2", "-version", "7", "-o", filepath.Join(dir, "x.pdf")}, &bytes.Buffer{})
		if care.ErrorCode(err) != care.ENOTFOUND {
			t.Errorf("err = %v", err)
		}
		if _, statErr := os.Stat(filepath.Join(dir, "x.pdf")); statErr == nil {
			t.Error("a file was written for a plan that does not exist")
		}
	})
}

// testRSAChain makes an organisation's RSA signing certificate and its root.
func testRSAChain(t *testing.T) (*rsa.PrivateKey, []*x509.Certificate) {
	t.Helper()
	rootKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	leafKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	now := time.Now()
	rootTmpl := &x509.Certificate{SerialNumber: big.NewInt(10), Subject: pkix.Name{CommonName: "Riverside NHS Trust root"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(5, 0, 0), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	rootDER, _ := x509.CreateCertificate(rand.Reader, rootTmpl, rootTmpl, &rootKey.PublicKey, rootKey)
	root, _ := x509.ParseCertificate(rootDER)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(11), Subject: pkix.Name{CommonName: "Care plans", Organization: []string{"Riverside NHS Trust"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(2, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, root, &leafKey.PublicKey, rootKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(leafDER)
	return leafKey, []*x509.Certificate{leaf, root}
}
