package pdfsign_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/pdfsign"
)

var signedAt = time.Date(2026, 11, 21, 10, 30, 0, 0, time.UTC)

func mustChain(tb testing.TB) *pdfsign.Chain {
	tb.Helper()
	c, err := pdfsign.NewLocalChain("Riverside Community Care", signedAt)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func signer(c *pdfsign.Chain) pdfsign.Signer {
	return pdfsign.Signer{Key: c.Key, Chain: []*x509.Certificate{c.Leaf, c.Root}, Name: "Sam Okafor", Reason: "Care and support plan agreed",
		Location: "Riverside Community Care", Time: signedAt}
}

// mustSign signs pdf as s.
func mustSign(tb testing.TB, pdf []byte, s pdfsign.Signer) []byte {
	tb.Helper()
	signed, err := pdfsign.Sign(pdf, s)
	if err != nil {
		tb.Fatal(err)
	}
	return signed
}

func TestSign(t *testing.T) {
	chain := mustChain(t)
	pdf := pdfsign.SamplePDF(t, "My care and support plan, page 1", "My care and support plan, page 2", "My care and support plan, page 3")
	signed := mustSign(t, pdf, signer(chain))
	if !bytes.HasPrefix(signed, pdf) {
		t.Fatal("the signature must be an incremental update: the original bytes come first")
	}

	t.Run("VerifiesItself", func(t *testing.T) {
		r, err := pdfsign.Verify(signed)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Signer.Equal(chain.Leaf) || !r.SignedAt.Equal(signedAt) || !bytes.HasPrefix(r.Document, pdf) || len(r.Document) > len(pdf)+1 {
			t.Errorf("result = %+v", r)
		}
	})

	t.Run("Deterministic", func(t *testing.T) {
		if again := mustSign(t, pdf, signer(chain)); !bytes.Equal(again, signed) {
			t.Error("signing the same file with the same key twice gave different bytes")
		}
	})

	t.Run("ErrTampered", func(t *testing.T) {
		bad := bytes.Clone(signed)
		i := bytes.Index(bad, []byte("/MediaBox [0 0 5"))
		bad[i+15] = '6'
		if _, err := pdfsign.Verify(bad); err == nil || !strings.Contains(err.Error(), "changed since it was signed") {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("ErrNotSigned", func(t *testing.T) {
		if _, err := pdfsign.Verify(pdf); err == nil {
			t.Error("an unsigned file verified")
		}
		if _, err := pdfsign.Sign([]byte("not a pdf"), signer(chain)); err == nil {
			t.Error("signed something that is not a PDF")
		}
	})

	t.Run("Poppler", func(t *testing.T) {
		pdfcheck.Need(t, "pdfsig", "certutil", "qpdf")
		file := pdfcheck.File(t, "signed.pdf", signed)
		out := pdfcheck.Sig(t, file)
		for _, want := range []string{"Signature is Valid.", "Total document signed", "ETSI.CAdES.detached"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("pdfsig output lacks %q:\n%s", want, out)
			}
		}
		bad := bytes.Clone(signed)
		bad[bytes.Index(bad, []byte("page 1"))+5] = '7'
		if out := pdfcheck.Sig(t, pdfcheck.File(t, "changed.pdf", bad)); !strings.Contains(out, "Digest Mismatch.") {
			t.Errorf("pdfsig did not see the change:\n%s", out)
		}
		pdfcheck.Check(t, file)
	})
}

// rsaChain makes an RSA root and signing leaf, as organisations' own
// certificates often are.
func rsaChain(tb testing.TB) (*rsa.PrivateKey, []*x509.Certificate) {
	tb.Helper()
	rootKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	leafKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	rootTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "NHS Trust root"}, NotBefore: signedAt.Add(-time.Hour),
		NotAfter: signedAt.AddDate(5, 0, 0), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	rootDER, _ := x509.CreateCertificate(rand.Reader, rootTmpl, rootTmpl, &rootKey.PublicKey, rootKey)
	root, _ := x509.ParseCertificate(rootDER)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Care plans", Organization: []string{"NHS Trust"}},
		NotBefore: signedAt.Add(-time.Hour), NotAfter: signedAt.AddDate(2, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, root, &leafKey.PublicKey, rootKey)
	if err != nil {
		tb.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(leafDER)
	return leafKey, []*x509.Certificate{leaf, root}
}

func TestSignRSA(t *testing.T) {
	key, chain := rsaChain(t)
	signed := mustSign(t, pdfsign.SamplePDF(t, "My care and support plan, page 1"), pdfsign.Signer{Key: key, Chain: chain, Name: "Sam", Time: signedAt})
	if r, err := pdfsign.Verify(signed); err != nil || !r.Signer.Equal(chain[0]) {
		t.Fatalf("verify: %v", err)
	}
	if !pdfcheck.Available(t, "pdfsig", "certutil") {
		return
	}
	if out := pdfcheck.Sig(t, pdfcheck.File(t, "rsa.pdf", signed)); !strings.Contains(out, "Signature is Valid.") {
		t.Errorf("pdfsig:\n%s", out)
	}
}
