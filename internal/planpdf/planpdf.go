// Package planpdf renders an agreed care and support plan as a PDF, written
// for the person, in the format they need: standard, large print (no text
// under 16 pt) or easy read. The PDF is a pure function of the version, the
// format and the organisation: the same inputs give the same bytes. It keeps
// gofpdf (archived) behind Render, so it can be swapped.
package planpdf

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"
	"rsc.io/qr"

	"whatmatters/internal/care"
)

// Fonts, embedded with their licences (see fonts/).
var (
	//go:embed fonts/NotoSans-Regular.ttf
	notoRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	notoBold []byte
	//go:embed fonts/DroidSansFallbackFull.ttf
	droid []byte
	//go:embed fonts/NotoNaskhArabic-Regular.ttf
	naskh []byte
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

// CheckFonts loads the embedded fonts once, so a bad font is found at start
// up rather than later as gofpdf's "undefined font".
func CheckFonts() error {
	_, err := newPDF(styles[Standard], time.Unix(0, 0), true)
	return err
}

// newPDF starts a document with the fonts; the 4 MB CJK font is parsed only
// when the plan needs it.
func newPDF(st style, at time.Time, cjk bool) (*gofpdf.Fpdf, error) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetCompression(true)
	pdf.SetMargins(18, 18, 18)
	pdf.AddUTF8FontFromBytes("noto", "", notoRegular)
	pdf.AddUTF8FontFromBytes("noto", "B", notoBold)
	pdf.AddUTF8FontFromBytes("naskh", "", naskh)
	if cjk {
		pdf.AddUTF8FontFromBytes("droid", "", droid)
	}
	pdf.SetFont("noto", "", st.body)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("planpdf: fonts: %w", err)
	}
	return pdf, nil
}

// Render writes the plan as a PDF in format. It returns an error for an
// unknown format or a document without a snapshot.
func Render(doc Document, format string) ([]byte, error) {
	st, ok := styles[format]
	if !ok {
		return nil, fmt.Errorf("planpdf: unknown format %q", format)
	}
	if doc.Snapshot == nil {
		return nil, errors.New("planpdf: no snapshot")
	}
	at, _ := time.Parse(time.RFC3339, doc.Snapshot.AgreedAt)
	pdf, err := newPDF(st, at, needsCJK(doc))
	if err != nil {
		return nil, err
	}
	r := &renderer{pdf: pdf, st: st, doc: doc, snap: doc.Snapshot}
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
	pdf.SetFooterFunc(r.footer)
	pdf.AliasNbPages("{nb}")
	pdf.SetAutoPageBreak(true, 28+st.small/2)
	pdf.AddPage()
	r.body()
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("planpdf: %w", err)
	}
	return b.Bytes(), nil
}

type renderer struct {
	pdf  *gofpdf.Fpdf
	st   style
	doc  Document
	snap *care.Snapshot
	bold bool // text is written in bold
}

// strong writes text in bold.
func (r *renderer) strong(s string) {
	r.bold = true
	r.text(s)
	r.bold = false
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
	if code, err := qr.Encode(r.doc.CheckCode, qr.M); err == nil {
		size := 20.0
		cell := size / float64(code.Size)
		p.SetFillColor(0, 0, 0)
		for yy := 0; yy < code.Size; yy++ {
			for xx := 0; xx < code.Size; xx++ {
				if code.Black(xx, yy) {
					p.Rect(192-size+float64(xx)*cell, y-1+float64(yy)*cell, cell, cell, "F")
				}
			}
		}
	}
}

// text writes a paragraph, switching to the CJK font for Chinese, Japanese
// and Korean characters, which it writes one by one: gofpdf drops a
// character at each line break when it wraps such text itself.
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

// write writes one line of text at size, flowing, in the right font for
// each script, keeping the current style for Latin text.
func (r *renderer) write(s string, size, lineHeight float64) {
	p := r.pdf
	family, style := "noto", ""
	if r.bold {
		style = "B"
	}
	for _, run := range scriptRuns(s) {
		if run.cjk {
			p.SetFont("droid", "", size)
			for _, ch := range run.text {
				p.Write(lineHeight, string(ch))
			}
			continue
		}
		if run.arabic {
			p.SetFont("naskh", "", size)
			p.Write(lineHeight, shapeArabic(run.text))
			continue
		}
		p.SetFont(family, style, size)
		p.Write(lineHeight, run.text)
	}
	p.SetFont(family, style, size)
}

// label writes "Label: value" with the label in bold, if value is set.
func (r *renderer) label(label, value string) {
	if value == "" {
		return
	}
	r.pdf.SetFont("noto", "B", r.st.body)
	r.pdf.Write(r.st.line, label+": ")
	r.pdf.SetFont("noto", "", r.st.body)
	r.text(value)
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

// needsCJK reports whether any text of the plan is Chinese, Japanese or Korean.
func needsCJK(doc Document) bool {
	b, _ := json.Marshal(doc)
	return hasCJK(string(b))
}

// hasCJK reports whether any of texts has a CJK character.
func hasCJK(texts ...string) bool {
	for _, t := range texts {
		for _, r := range t {
			if isCJK(r) {
				return true
			}
		}
	}
	return false
}

func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF))
}

type run struct {
	text   string
	cjk    bool
	arabic bool
}

// scriptRuns splits text into runs of CJK, Arabic-script and other
// characters. Spaces between two Arabic words stay in the Arabic run.
func scriptRuns(s string) []run {
	kind := func(r rune) int {
		switch {
		case isCJK(r):
			return 1
		case isArabic(r):
			return 2
		}
		return 0
	}
	var out []run
	start, cur := 0, -1
	for i, r := range s {
		k := kind(r)
		if r == ' ' && cur == 2 {
			continue // decided by what follows
		}
		if cur != -1 && k != cur {
			end := i
			if cur == 2 { // trailing spaces go back to the next run
				for end > start && s[end-1] == ' ' {
					end--
				}
			}
			out = append(out, run{s[start:end], cur == 1, cur == 2})
			start = end
		}
		cur = k
	}
	if start < len(s) {
		out = append(out, run{s[start:], cur == 1, cur == 2})
	}
	return out
}
