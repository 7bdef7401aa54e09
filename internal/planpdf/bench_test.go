package planpdf_test

import (
	"crypto/x509"
	"testing"
	"time"

	"whatmatters/internal/pdfsign"
	"whatmatters/internal/planpdf"
)

// BenchmarkRenderAndSign renders the sample plan (4–5 pages, Latin and
// Chinese text) in the standard format and signs it, as export does.
func BenchmarkRenderAndSign(b *testing.B) {
	doc := sample(b)
	pdf, _ := planpdf.Render(doc, planpdf.Standard)
	b.ReportMetric(float64(len(pdf))/1024, "KiB")
	renderAndSign(b, doc)
}

// BenchmarkRenderAndSignLatin is the same for a plan with no CJK text.
func BenchmarkRenderAndSignLatin(b *testing.B) {
	doc := sample(b)
	snap := *doc.Snapshot
	about := snap.Sections["aboutMe"]
	about.Fields = map[string]string{"mostImportant": about.Fields["mostImportant"], "peopleImportant": about.Fields["peopleImportant"]}
	snap.Sections["aboutMe"] = about
	doc.Snapshot = &snap
	renderAndSign(b, doc)
}

// renderAndSign times rendering doc in the standard format and signing it.
func renderAndSign(b *testing.B, doc planpdf.Document) {
	chain, err := pdfsign.NewLocalChain("Bench", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	s := pdfsign.Signer{Key: chain.Key, Chain: []*x509.Certificate{chain.Leaf, chain.Root}, Name: "Bench", Time: time.Unix(0, 0)}
	for b.Loop() {
		pdf, err := planpdf.Render(doc, planpdf.Standard)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := pdfsign.Sign(pdf, s); err != nil {
			b.Fatal(err)
		}
	}
}
