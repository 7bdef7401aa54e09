// Package planpdf renders an agreed care and support plan as a PDF, written
// for the person, in the format they need: standard, large print (no text
// under 16 pt) or easy read. The PDF is a pure function of the version, the
// format and the organisation: the same inputs give the same bytes. It keeps
// gofpdf (archived) behind Render, so it can be swapped.
package planpdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"rsc.io/qr"

	"whatmatters/internal/care"
)

// Formats.
const (
	Standard   = "standard"
	LargePrint = "large-print"
	EasyRead   = "easy-read"
)

// Document is what a PDF shows: an agreed version and how to label it.
type Document struct {
	Snapshot   *care.Snapshot
	CheckCode  string
	Hash       string // the snapshot's SHA-256, hex: names the version in the file
	Signatures []care.Signature
	Changes    []care.Change // since the last version, for a review
}

// style is the type sizes and spacing of a format, in points and mm.
type style struct {
	body, heading, title, small float64
	line                        float64 // line height in mm
	gap                         float64 // space between sections in mm
	symbols                     bool    // a drawn symbol beside each heading
	oneIdeaPerLine              bool
}

var styles = map[string]style{
	Standard:   {body: 11, heading: 16, title: 24, small: 9, line: 5.5, gap: 6},
	LargePrint: {body: 16, heading: 22, title: 30, small: 16, line: 8, gap: 8},
	EasyRead:   {body: 18, heading: 24, title: 30, small: 16, line: 10, gap: 12, symbols: true, oneIdeaPerLine: true},
}

// CheckFonts reads every embedded font (once per process; later renders
// reuse them), so a bad font is found at start-up rather than later as
// gofpdf's "undefined font".
func CheckFonts() error { return loadFaces() }

// newPDF starts a document with the body fonts; the other fonts of the
// fallback chain are added when a character first needs one.
func newPDF(st style, at time.Time) (*pdfDoc, error) {
	pdf, err := newDoc()
	if err != nil {
		return nil, fmt.Errorf("planpdf: fonts: %w", err)
	}
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetCompression(false) // finishPDF compresses, with pooled writers
	pdf.SetMargins(18, 18, 18)
	pdf.SetFont("noto", "", st.body)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("planpdf: fonts: %w", err)
	}
	return pdf, nil
}

// Render writes the plan as a PDF in format. It returns an error for an
// unknown format or a document without a snapshot, and never panics: a
// panic inside gofpdf becomes an error.
func Render(doc Document, format string) ([]byte, error) {
	return safely(format, func(st style) ([]byte, error) { return renderPlan(doc, format, st) })
}

// safely calls render with the style of format, or refuses a format it
// does not know, and turns a panic inside gofpdf into an error.
func safely(format string, render func(style) ([]byte, error)) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("planpdf: render failed: %v", p)
		}
	}()
	st, ok := styles[format]
	if !ok {
		return nil, fmt.Errorf("planpdf: unknown format %q", format)
	}
	return render(st)
}

func renderPlan(doc Document, format string, st style) ([]byte, error) {
	if doc.Snapshot == nil {
		return nil, errors.New("planpdf: no snapshot")
	}
	at, _ := time.Parse(time.RFC3339, doc.Snapshot.AgreedAt)
	pdf, err := newPDF(st, at)
	if err != nil {
		return nil, err
	}
	r := &renderer{pdf: pdf, st: st, doc: doc, snap: doc.Snapshot, plan: doc.Snapshot.View()}
	name := doc.Snapshot.Person.DisplayName()
	pdf.SetTitle("My care and support plan: "+name, true)
	// The organisation is named in the signature, not here: the content
	// depends only on the version and the format.
	pdf.SetCreator("What Matters", false)
	pdf.SetSubject("Version "+care.Itoa(int64(doc.Snapshot.Version))+", check code "+doc.CheckCode, true)
	// A plain marker the app reads back when it checks a file: it names the
	// agreed version by its hash, so checking never needs to re-render.
	marker := "whatmatters check-code " + doc.CheckCode + " format " + format
	if doc.Hash != "" {
		marker += " sha256 " + doc.Hash
	}
	pdf.SetKeywords(marker, false)
	r.onFooter(r.footer)
	pdf.AliasNbPages("{nb}")
	pdf.SetAutoPageBreak(true, 28+st.small/2)
	pdf.AddPage()
	r.body()
	return output(pdf)
}

// output writes the document and finishes it (postpass.go).
func output(pdf *pdfDoc) ([]byte, error) {
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("planpdf: %w", err)
	}
	return finishPDF(b.Bytes(), "en-GB")
}

type renderer struct {
	pdf  *pdfDoc
	st   style
	doc  Document
	snap *care.Snapshot
	plan *care.Plan // the snapshot's typed view, whatever its format
	bold bool       // text is written in bold
	qr   *qr.Code   // the check code, encoded once
}

// strong writes text in bold.
func (r *renderer) strong(s string) {
	r.bold = true
	r.text(s)
	r.bold = false
}

// onFooter sets the footer: always in regular weight, whatever the page
// break interrupted (the font itself is saved and restored by pdfDoc).
func (r *renderer) onFooter(draw func()) {
	r.pdf.SetFooterFunc(func() {
		bold := r.bold
		r.bold = false
		draw()
		r.bold = bold
	})
}

// footer prints on every page: the person's name, page n of m, the
// version, the agreed date and the check code, with its QR code.
func (r *renderer) footer() {
	p, st := r.pdf, r.st
	at, _ := time.Parse(time.RFC3339, r.snap.AgreedAt)
	y := 297 - 24 - st.small/3
	p.SetY(y)
	p.SetDrawColor(0, 94, 184)
	p.Line(18, y-2, 192, y-2)
	p.SetFont("noto", "", st.small)
	p.SetTextColor(33, 43, 50)
	left := fmt.Sprintf("%s · Version %d · Agreed %s", r.snap.Person.DisplayName(), r.snap.Version, at.Format("2 January 2006"))
	p.SetX(18)
	p.SetRightMargin(18 + 26)
	r.write(left, st.small, st.small*0.45)
	p.Ln(st.small * 0.45)
	r.write("Check code "+r.doc.CheckCode+" · Page "+fmt.Sprint(p.PageNo())+" of {nb}", st.small, st.small*0.45)
	p.SetRightMargin(18)
	if r.qr == nil {
		r.qr, _ = qr.Encode(r.doc.CheckCode, qr.M)
	}
	if code := r.qr; code != nil {
		size := 20.0
		cell := size / float64(code.Size)
		p.SetFillColor(0, 0, 0)
		for yy := 0; yy < code.Size; yy++ {
			for xx := 0; xx < code.Size; xx++ {
				if !code.Black(xx, yy) {
					continue
				}
				run := 1 // a row's run of black modules is one rectangle
				for xx+run < code.Size && code.Black(xx+run, yy) {
					run++
				}
				p.Rect(192-size+float64(xx)*cell, y-1+float64(yy)*cell, float64(run)*cell, cell, "F")
				xx += run - 1
			}
		}
	}
}

// text writes a paragraph, a line at a time, each character in the first
// embedded font that has it (text.go).
func (r *renderer) text(s string) {
	p, st := r.pdf, r.st
	if s == "" {
		return
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if st.oneIdeaPerLine {
		lines = ideas(lines)
	}
	for _, line := range lines {
		r.write(line, st.body, st.line)
		p.Ln(st.line)
	}
}

// write writes one line of text at size, flowing, in bold when r.bold,
// each character in the first font of the fallback chain that has it. It
// leaves the body font selected at size.
func (r *renderer) write(s string, size, lineHeight float64) {
	style := ""
	if r.bold {
		style = "B"
	}
	r.pdf.flow(s, r.bold, size, lineHeight)
	r.pdf.SetFont("noto", style, size)
}

// ideas splits text into one idea per line (a sentence), for easy read.
func ideas(lines []string) []string {
	var out []string
	for _, l := range lines {
		for _, s := range strings.SplitAfter(l, ". ") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// isCJK reports whether r is Chinese, Japanese or Korean: such text may
// break between any two characters.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF))
}
