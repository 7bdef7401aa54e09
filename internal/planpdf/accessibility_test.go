package planpdf_test

import (
	"bytes"
	"crypto/x509"
	"log/slog"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/pdfsign"
	"whatmatters/internal/planpdf"
)

// TestCatalogAndSignature: the post-pass puts the language and "show the
// title" into the catalog, marks footers as artifacts, and leaves a
// single-revision file the signer can sign and pdfsig accepts.
func TestCatalogAndSignature(t *testing.T) {
	pdf := mustRender(t, hard(t), planpdf.Standard)
	for _, want := range []string{"%PDF-1.5\n", "/Lang (en-GB)", "/ViewerPreferences <</DisplayDocTitle true>>"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if n := bytes.Count(pdf, []byte("%%EOF")); n != 1 {
		t.Errorf("%d revisions, want 1", n)
	}
	chain, err := pdfsign.NewLocalChain("Test", time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	signed, err := pdfsign.Sign(pdf, pdfsign.Signer{Key: chain.Key, Chain: []*x509.Certificate{chain.Leaf, chain.Root}, Name: "Test", Time: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	pdfcheck.Need(t, "pdfsig", "certutil", "qpdf")
	file := pdfcheck.File(t, "signed.pdf", signed)
	if out := pdfcheck.Sig(t, file); !strings.Contains(out, "Signature is Valid.") || !strings.Contains(out, "Total document signed") {
		t.Errorf("pdfsig:\n%s", out)
	}
	q := pdfcheck.QDF(t, file)
	if got, want := bytes.Count(q, []byte("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")), bytes.Count(q, []byte("/Type /Page\n")); got != want || got == 0 {
		t.Errorf("%d footers marked as artifacts on %d pages", got, want)
	}
}

// TestRenderAnyCharacter: a plan with characters from every plane (every
// 997th code point) renders; what no font has is drawn as a substitute.
func TestRenderAnyCharacter(t *testing.T) {
	var b strings.Builder
	for r := rune(0); r <= 0x10FFFF; r += 997 {
		if r < 0xD800 || r > 0xDFFF {
			b.WriteRune(r)
		}
		if r%20 == 0 {
			b.WriteByte(' ')
		}
	}
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.DiscardHandler))
	doc := hard(t)
	snap := *doc.Snapshot
	snap.Person.PreferredName = b.String()[:200]
	doc.Snapshot = &snap
	doc.Changes[0].Text = b.String()
	for _, format := range []string{planpdf.Standard, planpdf.EasyRead} {
		if _, err := planpdf.Render(doc, format); err != nil {
			t.Errorf("%s: %v", format, err)
		}
	}
}
