package planpdf

import (
	"strings"
	"unicode"

	"github.com/jung-kurt/gofpdf"
)

// pdfDoc is a gofpdf document whose text methods go through the font
// fallback chain (text.go), so every caller in this package, including
// plain MultiCell and CellFormat calls, draws every character: text the
// current font draws by itself goes straight to gofpdf, anything else
// (other scripts, emoji, symbols, format characters, characters beyond
// U+FFFF) is laid out here. It also tracks the current font (gofpdf has
// no getter) and keeps the footer from changing it.
type pdfDoc struct {
	*gofpdf.Fpdf
	family, style string
	size          float64 // points
	inFooter      bool
	drawn         *face   // the face gofpdf has selected, if known
	drawnSize     float64 // and its size
	faces         map[*face]*docFace
	order         []*face // installation order, for finish
}

// docFace is a face as installed in one document.
type docFace struct {
	used    map[int]int // gofpdf's used-character set; nil if not shared
	setFile func([]byte)
}

// newDoc starts a document with the body fonts installed.
func newDoc() (*pdfDoc, error) {
	d := &pdfDoc{Fpdf: gofpdf.New("P", "mm", "A4", ""), faces: map[*face]*docFace{}}
	for _, fc := range []*face{faceRegular, faceBold} {
		if err := d.install(fc); err != nil {
			return nil, err
		}
	}
	d.SetFooterFunc(func() {})
	return d, nil
}

// install makes fc available to gofpdf's SetFont in this document.
func (d *pdfDoc) install(fc *face) error {
	if _, ok := d.faces[fc]; ok {
		return nil
	}
	if err := fc.load(); err != nil {
		return err
	}
	df := &docFace{}
	if fc.share != nil && shareFonts {
		df.used, df.setFile = fc.share.install(d.Fpdf, fc.sf.data)
	} else {
		d.Fpdf.AddUTF8FontFromBytes(fc.family, fc.style, fc.sf.data)
	}
	d.faces[fc] = df
	d.order = append(d.order, fc)
	return d.Error()
}

// useFace selects fc at size for drawing, installing it first if needed.
func (d *pdfDoc) useFace(fc *face, size float64) {
	if fc == d.drawn && size == d.drawnSize {
		return
	}
	if d.install(fc) == nil {
		d.Fpdf.SetFont(fc.family, fc.style, size)
		d.drawn, d.drawnSize = fc, size
	}
}

// restoreFont selects the tracked font again after drawing in other faces.
func (d *pdfDoc) restoreFont() {
	if d.family != "" && (d.drawn != d.current() || d.drawnSize != d.size || d.drawn == nil) {
		d.Fpdf.SetFont(d.family, d.style, d.size)
		d.drawn, d.drawnSize = d.current(), d.size
	}
}

// markUsed records codes as used by fc, for text gofpdf does not see
// being drawn: the digits that replace the page count alias.
func (d *pdfDoc) markUsed(fc *face, codes string) {
	if df := d.faces[fc]; df != nil && df.used != nil {
		for _, c := range codes {
			df.used[int(c)] = int(c)
		}
	}
}

// finish gives gofpdf, for each font, a file with only the glyphs this
// document used, just before it writes the fonts (subset.go).
func (d *pdfDoc) finish() {
	for _, fc := range d.order {
		if df := d.faces[fc]; df.used != nil && cutFonts {
			df.setFile(fc.sf.cut(fc.codes, df.used))
		}
	}
}

// shareFonts and cutFonts are switched off by a test that compares the
// output with gofpdf's own font loading.
var shareFonts, cutFonts = true, true

// SetFont selects a font and remembers it.
func (d *pdfDoc) SetFont(family, style string, size float64) {
	if size == 0 {
		size = d.size
	}
	d.family, d.style, d.size = strings.ToLower(family), strings.ToUpper(style), size
	d.Fpdf.SetFont(family, style, size)
	d.drawn, d.drawnSize = d.current(), size
}

// SetFontSize changes the size of the current font.
func (d *pdfDoc) SetFontSize(size float64) {
	d.size = size
	d.Fpdf.SetFontSize(size)
	d.drawn, d.drawnSize = d.current(), size
}

// SetFontStyle changes the style of the current font.
func (d *pdfDoc) SetFontStyle(style string) { d.SetFont(d.family, style, d.size) }

// SetFooterFunc sets the footer. It is drawn with the font state saved and
// restored around it, marked as an artifact (not part of the plan's
// sentences in the text layer), and after the last page's footer each font
// is cut to the glyphs used.
func (d *pdfDoc) SetFooterFunc(fn func()) {
	d.Fpdf.SetFooterFuncLpi(func(last bool) {
		family, style, size := d.family, d.style, d.size
		drawn, drawnSize := d.drawn, d.drawnSize
		d.inFooter = true
		d.RawWriteStr("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
		fn()
		d.RawWriteStr("EMC")
		d.inFooter = false
		if family != "" {
			d.SetFont(family, style, size)
		}
		// On the new page gofpdf selects again the face it had before the
		// break, whoever started the page.
		d.drawn, d.drawnSize = drawn, drawnSize
		if last {
			d.finish()
		}
	})
}

// current is the face of the tracked font, or nil for a font not from
// the chain.
func (d *pdfDoc) current() *face {
	switch {
	case d.family == "noto" && d.style == "B":
		return faceBold
	case d.family == "noto" && d.style == "":
		return faceRegular
	}
	for _, fc := range fallbacks {
		if fc.family == d.family && fc.style == d.style {
			return fc
		}
	}
	return nil
}

// plain reports whether gofpdf can draw s itself in the current font:
// every character is in that font and none needs the text layer's care.
func (d *pdfDoc) plain(s string) bool {
	fc := d.current()
	if fc == nil {
		return true
	}
	for _, r := range s {
		if r >= 0x20 && r < 0x7F {
			continue
		}
		if r == '\n' || r == '\r' {
			continue
		}
		// gofpdf's SplitText breaks at any space (a no-break space too) but
		// its MultiCell only at U+0020, and it counts a zero-width glyph
		// as 65535 units (a break mid-word): such text is laid out here.
		if dropped(r) || unicode.IsSpace(r) || r > 0xFFFF || isCJK(r) || isArabic(r) || !fc.has(r) || fc.width(r) == 0 {
			return false
		}
	}
	return true
}

// Write writes flowing text from the current position, like gofpdf's.
func (d *pdfDoc) Write(h float64, s string) {
	if d.plain(s) && !strings.Contains(s, "\n") {
		d.Fpdf.Write(h, s)
		return
	}
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			d.Ln(h)
		}
		d.flow(line, d.style == "B", d.size, h)
	}
	d.restoreFont()
}

// GetStringWidth returns the width of s in the current font, in user units.
func (d *pdfDoc) GetStringWidth(s string) float64 {
	if d.plain(s) {
		return d.Fpdf.GetStringWidth(s)
	}
	w := 0.0
	for _, it := range d.items(s, d.style == "B", d.size) {
		w += it.w
	}
	return w
}

// SplitText splits s into lines that fit width w, as MultiCell draws them.
func (d *pdfDoc) SplitText(s string, w float64) []string {
	if d.plain(s) {
		return d.Fpdf.SplitText(s, w)
	}
	var out []string
	for _, l := range d.lines(s, d.style == "B", d.size, w-2*d.GetCellMargin()) {
		out = append(out, l.src)
	}
	return out
}

// MultiCell writes s in a box of width w (0: to the right margin), with
// line breaks, like gofpdf's (alignment L, C or R; J is drawn as L).
func (d *pdfDoc) MultiCell(w, h float64, s, border, align string, fill bool) {
	if d.plain(s) {
		d.Fpdf.MultiCell(w, h, s, border, align, fill)
		return
	}
	left, _, right, _ := d.GetMargins()
	pageW, _ := d.GetPageSize()
	x := d.GetX()
	if w == 0 {
		w = pageW - right - x
	}
	cm := d.GetCellMargin()
	lines := d.lines(s, d.style == "B", d.size, w-2*cm)
	if len(lines) == 0 {
		lines = []line{{}}
	}
	first, mid, last := multiCellBorders(border)
	for i, l := range lines {
		b := mid
		if i == 0 {
			b = first
		}
		if i == len(lines)-1 {
			b = strings.ReplaceAll(b+last, "TT", "T")
		}
		d.breakPage(h)
		y := d.GetY()
		if b != "" || fill {
			d.Fpdf.CellFormat(w, h, "", b, 0, "", fill, 0, "")
		}
		d.SetXY(x+alignOffset(align, w-2*cm, l.w), y)
		d.draw(l.items, h)
		d.SetXY(x, y+h)
	}
	d.SetX(left)
	d.restoreFont()
}

// multiCellBorders splits a MultiCell border into those of its first,
// middle and last lines, as gofpdf does.
func multiCellBorders(border string) (first, mid, last string) {
	if border == "" {
		return "", "", ""
	}
	if border == "1" {
		border = "LTRB"
	}
	for _, side := range "LR" {
		if strings.ContainsRune(border, side) {
			mid += string(side)
		}
	}
	first = mid
	if strings.Contains(border, "T") {
		first += "T"
	}
	if strings.Contains(border, "B") {
		last = "B"
	}
	return first, mid, last
}

func alignOffset(align string, room, w float64) float64 {
	switch {
	case strings.Contains(align, "R"):
		return room - w
	case strings.Contains(align, "C"):
		return (room - w) / 2
	}
	return 0
}

// CellFormat writes a one-line cell, like gofpdf's (horizontal alignment
// only).
func (d *pdfDoc) CellFormat(w, h float64, s, border string, ln int, align string, fill bool, link int, linkStr string) {
	if d.plain(s) {
		d.Fpdf.CellFormat(w, h, s, border, ln, align, fill, link, linkStr)
		return
	}
	left, _, right, _ := d.GetMargins()
	pageW, _ := d.GetPageSize()
	if w == 0 {
		w = pageW - right - d.GetX()
	}
	d.breakPage(h)
	x, y := d.GetXY()
	d.Fpdf.CellFormat(w, h, "", border, 0, "", fill, link, linkStr)
	items := d.items(strings.ReplaceAll(s, "\n", " "), d.style == "B", d.size)
	tw := 0.0
	for _, it := range items {
		tw += it.w
	}
	d.SetXY(x+alignOffset(align, w-2*d.GetCellMargin(), tw), y)
	d.draw(items, h)
	d.restoreFont()
	switch ln {
	case 0:
		d.SetXY(x+w, y)
	case 1:
		d.SetXY(left, y+h)
	default:
		d.SetXY(x, y+h)
	}
}

// Cell writes a one-line cell.
func (d *pdfDoc) Cell(w, h float64, s string) { d.CellFormat(w, h, s, "", 0, "L", false, 0, "") }

// Text writes s with its baseline starting at x, y.
func (d *pdfDoc) Text(x, y float64, s string) {
	if d.plain(s) {
		d.Fpdf.Text(x, y, s)
		return
	}
	for _, it := range d.items(strings.ReplaceAll(s, "\n", " "), d.style == "B", d.size) {
		for _, p := range it.pieces {
			d.drawAt(p, x, y)
			x += p.w
		}
	}
	d.restoreFont()
}

// breakPage starts a new page, as gofpdf's cells do, when a line of
// height h would cross the page break, keeping x.
func (d *pdfDoc) breakPage(h float64) {
	auto, margin := d.GetAutoPageBreak()
	_, pageH := d.GetPageSize()
	if auto && !d.inFooter && d.GetY()+h > pageH-margin {
		x := d.GetX()
		d.AddPage()
		d.SetX(x)
	}
}
