package planpdf

import (
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"
)

// The layout breaks text into lines itself, so it knows where every line
// falls: a heading is kept with the first lines after it, a paragraph never
// leaves one line alone at the foot or the head of a page, and a short
// entry (a contact, an action) is kept on one page. Lines are still drawn
// by write, text, strong and label, in the right font for each script.

// Page geometry, in mm.
const (
	pageHeight = 297.0
	pageLeft   = 18.0
	pageWidth  = 174.0 // between the margins
	topMargin  = 18.0
	ptMM       = 25.4 / 72 // 1 pt in mm: a CJK character is 1 em wide
)

// para is one paragraph of the plan: text in the person's words or a value,
// perhaps with a bold label before it.
type para struct {
	label  string  // "Phone number": bold, before the text
	text   string  // one line of the source text (no line breaks)
	bold   bool    // in bold
	keep   bool    // a sub-heading: its last line is kept with what follows
	bullet bool    // a bullet before the first line, the text indented
	indent float64 // mm, from the left edge of the body
	right  float64 // mm kept clear before the right margin
	space  float64 // mm above it, unless it starts a page
}

// block is one thing kept on one page when it fits: an entry of a list, or
// a section's fields. A drawn block (a table, a signature) draws itself and
// says how much of it must follow its heading.
type block struct {
	paras []para
	first float64 // drawn blocks: the height that must fit below the heading
	draw  func()
}

// laid is a paragraph broken into lines.
type laid struct {
	para
	labelLines []string // the label on lines of its own, in bold
	lines      []string
	inline     bool // the label starts the first line
	lh         float64
}

func (l *laid) n() int          { return len(l.labelLines) + len(l.lines) }
func (l *laid) height() float64 { return float64(l.n()) * l.lh }
func (l *laid) head() int       { return len(l.labelLines) + min(2, len(l.lines)) }

// bottom is where text must stop on a page, above the footer.
func (r *renderer) bottom() float64 {
	_, m := r.pdf.GetAutoPageBreak()
	return pageHeight - m
}

// atTop reports whether nothing has been written on the page yet.
func (r *renderer) atTop() bool { return r.pdf.GetY() <= topMargin+0.01 }

// fits reports whether h mm fit above the footer.
func (r *renderer) fits(h float64) bool { return r.pdf.GetY()+h <= r.bottom()+0.01 }

// ensure starts a new page unless h mm fit on this one (or it is empty).
func (r *renderer) ensure(h float64) {
	if !r.fits(h) && !r.atTop() {
		r.pdf.AddPage()
	}
}

// space leaves h mm, unless the page is empty or h would reach the footer.
func (r *renderer) space(h float64) {
	if !r.atTop() && r.fits(h) {
		r.pdf.SetY(r.pdf.GetY() + h)
	}
}

// indent is how far the body stands in from the margin: in easy read, the
// text lines up with the headings, to the right of their symbols.
func (r *renderer) indent() float64 {
	if r.st.symbols {
		return r.symbolSize() + 4
	}
	return 0
}

func (r *renderer) symbolSize() float64 { return r.st.heading * 0.32 }

// bulletWidth is the room a bullet takes before its text.
func (r *renderer) bulletWidth() float64 { return r.st.body * 0.45 }

// keepMax is the tallest block kept whole on one page; a taller one flows.
func (r *renderer) keepMax() float64 { return r.page() * 0.5 }

// lay breaks a paragraph into lines for the body's width. A label starts
// the first line if the whole paragraph fits on it; otherwise it has lines
// of its own in easy read, and elsewhere if it would take most of the line.
func (r *renderer) lay(pa para) *laid {
	st := r.st
	l := &laid{para: pa, lh: st.line}
	width := pageWidth - r.indent() - pa.indent - pa.right
	if pa.bullet {
		width -= r.bulletWidth()
	}
	first := 0.0
	if pa.label != "" {
		lw := textWidth(labelText(pa.label), st.body, true)
		oneLine := lw+textWidth(pa.text, st.body, pa.bold) <= width-2.2
		if oneLine || !st.oneIdeaPerLine && lw <= width*0.55 {
			l.inline, first = true, lw
		} else {
			l.labelLines = wrap(pa.label, st.body, true, width, 0)
		}
	}
	l.lines = wrap(pa.text, st.body, pa.bold, width, first)
	return l
}

// labelText is a label as written before its value: a question keeps its
// question mark, anything else gets a colon.
func labelText(label string) string {
	if strings.HasSuffix(label, "?") {
		return label + " "
	}
	return label + ": "
}

// emit writes line i of a paragraph at the current height.
func (r *renderer) emit(l *laid, i int) {
	p, st := r.pdf, r.st
	x := pageLeft + r.indent() + l.indent
	p.SetX(x)
	if i < len(l.labelLines) {
		r.strong(l.labelLines[i])
		return
	}
	j := i - len(l.labelLines)
	if l.bullet {
		if j == 0 {
			r.write("•", st.body, st.line)
		}
		p.SetX(x + r.bulletWidth())
	}
	line := l.lines[j]
	switch {
	case j == 0 && l.inline && strings.HasSuffix(l.label, "?"):
		r.bold = true
		r.write(labelText(l.label), st.body, st.line)
		r.bold = false
		r.text(line)
	case j == 0 && l.inline:
		r.label(l.label, line)
	case l.bold:
		r.strong(line)
	default:
		r.text(line)
	}
}

// split says how many of n lines (of a table row) to put on a page with
// room for room lines: all if they fit; otherwise as many as fit while
// keeping at least head lines first and leaving at least 2 for the next
// page; 0 means move the whole row to the next page.
func split(n, room, head int) int {
	if n <= room {
		return n
	}
	b := min(room, n-2)
	if b < head || b < 1 {
		return 0
	}
	return b
}

// line is one line of a section as it is laid out on pages: a line of a
// paragraph, or a drawn block, which breaks its own pages.
type line struct {
	l     *laid
	i     int     // which line of l
	space float64 // mm above it, unless it starts a page
	h     float64
	draw  func()
	// keep forbids a page break after this line: inside a short block, a
	// sub-heading's last line, or where a break would leave one line of a
	// paragraph (or of a block, or of the section) alone on a page.
	keep bool
}

// lines lays out blocks as one list of lines, each saying whether a page
// may break after it.
func (r *renderer) lines(blocks []block) []line {
	var out []line
	gap := r.st.line / 3
	if r.st.oneIdeaPerLine {
		gap = r.st.line / 2
	}
	for bi, b := range blocks {
		start := len(out)
		if b.draw != nil {
			out = append(out, line{h: b.first, draw: b.draw})
		} else {
			ls, total := r.layAll(b.paras)
			for _, l := range ls {
				n, head := l.n(), l.head()
				for k := 0; k < n; k++ {
					ln := line{l: l, i: k, h: l.lh, keep: k+1 < head || n-k-1 == 1 || k == n-1 && l.keep}
					if k == 0 {
						ln.space = l.space
					}
					out = append(out, ln)
				}
			}
			if total <= r.keepMax() {
				for j := start; j < len(out)-1; j++ {
					out[j].keep = true
				}
			}
			if len(out)-start >= 2 {
				out[start].keep = true
				out[len(out)-2].keep = true
			}
		}
		if bi > 0 && len(out) > start {
			out[start].space += gap
		}
	}
	if n := len(out); n >= 2 {
		out[n-2].keep = true
	}
	return out
}

// kept is how many lines from the start must share a page: up to the
// first place a page may break.
func kept(lines []line) int {
	for k, ln := range lines {
		if !ln.keep {
			return k + 1
		}
	}
	return len(lines)
}

// height is how tall lines are, without the space above the first.
func height(lines []line) float64 {
	h := 0.0
	for k, ln := range lines {
		if k > 0 {
			h += ln.space
		}
		h += ln.h
	}
	return h
}

// page is the height of a page's text.
func (r *renderer) page() float64 { return r.bottom() - topMargin }

// headHeight is how much of lines must share a page with the heading
// above them: up to the first place a page may break, if that fits on a
// page at all.
func (r *renderer) headHeight(lines []line) float64 {
	if h := lines[0].space + height(lines[:kept(lines)]); h <= r.page()*0.8 {
		return h
	}
	return lines[0].space + lines[0].h
}

// writeLines writes lines, filling each page up to the last place it may
// break.
func (r *renderer) writeLines(lines []line) {
	p := r.pdf
	for start := 0; start < len(lines); {
		room := r.bottom() - p.GetY() + 0.01
		fit, h := 0, 0.0
		for k := start; k < len(lines); k++ {
			hh := lines[k].h
			if k > start || !r.atTop() {
				hh += lines[k].space
			}
			if h+hh > room {
				break
			}
			h += hh
			fit++
		}
		b := fit
		if start+fit < len(lines) {
			for b > 0 && lines[start+b-1].keep {
				b--
			}
			if b == 0 {
				if !r.atTop() && height(lines[start:start+kept(lines[start:])]) <= r.page() {
					p.AddPage()
					continue
				}
				b = max(fit, 1) // more than a page that may not break: break anyway
			}
		}
		for _, ln := range lines[start : start+b] {
			r.space(ln.space)
			if ln.draw != nil {
				ln.draw()
			} else {
				r.emit(ln.l, ln.i)
			}
		}
		if start += b; start < len(lines) {
			p.AddPage()
		}
	}
}

// section writes a heading and its blocks; a section with nothing to say
// writes nothing, not even its heading.
func (r *renderer) section(title, symbol string, blocks []block) {
	lines := r.lines(blocks)
	if len(lines) == 0 {
		return
	}
	r.headingKeep(title, symbol, r.headHeight(lines))
	r.writeLines(lines)
}

func (r *renderer) layAll(ps []para) ([]*laid, float64) {
	var ls []*laid
	total := 0.0
	for _, pa := range ps {
		l := r.lay(pa)
		ls = append(ls, l)
		total += l.space + l.height()
	}
	return ls, total
}

// heading writes a section heading, kept with two lines of what follows.
func (r *renderer) heading(text, symbol string) {
	r.headingKeep(text, symbol, 2*r.st.line)
}

// headingKeep writes a heading (with its symbol in easy read), on a new
// page unless it and next mm of what follows fit on this one.
func (r *renderer) headingKeep(text, symbol string, next float64) {
	p, st := r.pdf, r.st
	lh := st.heading * 0.5
	x, width := pageLeft, pageWidth
	sym := st.symbols && symbol != ""
	if sym {
		x += r.symbolSize() + 4
		width -= r.symbolSize() + 4
	}
	lines := wrap(text, st.heading, true, width, 0)
	h := float64(len(lines))*lh + 1
	if !r.atTop() {
		if r.fits(st.gap + h + next) {
			p.SetY(p.GetY() + st.gap)
		} else {
			p.AddPage()
		}
	}
	if sym {
		r.symbol(symbol, pageLeft, p.GetY()+1, r.symbolSize())
	}
	p.SetTextColor(0, 94, 184)
	r.bold = true
	for _, line := range lines {
		p.SetX(x)
		r.write(line, st.heading, lh)
		p.Ln(lh)
	}
	r.bold = false
	p.SetTextColor(33, 43, 50)
	p.SetFont("noto", "", st.body)
	p.Ln(1)
}

// Measuring. Widths come from a PDF that is never written (so measuring
// adds nothing to the plan's bytes), per character at 1 pt, cached for the
// life of the process.
var measurer struct {
	sync.Mutex
	pdf    *gofpdf.Fpdf
	widths map[glyph]float64
}

type glyph struct {
	font string // "noto", "notoB" or "naskh"
	r    rune
}

// glyphWidth is how wide c is in font at 1 pt, in mm.
func glyphWidth(font string, c rune) float64 {
	if c >= 0xFFFF {
		return ptMM // beyond gofpdf's 16-bit width tables: as wide as a CJK character
	}
	m := &measurer
	m.Lock()
	defer m.Unlock()
	if w, ok := m.widths[glyph{font, c}]; ok {
		return w
	}
	if m.pdf == nil {
		m.widths = map[glyph]float64{}
		pdf, err := newPDF(styles[Standard], time.Unix(0, 0), false)
		if err != nil {
			return ptMM * 0.6
		}
		m.pdf = pdf
	}
	family, style := font, ""
	if font == "notoB" {
		family, style = "noto", "B"
	}
	m.pdf.SetFont(family, style, 100)
	w := m.pdf.GetStringWidth(string(c)) / 100
	m.widths[glyph{font, c}] = w
	return w
}

// runWidth is how wide write draws a run at 1 pt, in mm.
func runWidth(rn run, bold bool) float64 {
	w := 0.0
	switch {
	case rn.cjk:
		for _, c := range rn.text {
			w += cjkWidth(c)
		}
	case rn.arabic:
		for _, c := range shapeArabic(rn.text) {
			w += glyphWidth("naskh", c)
		}
	default:
		font := "noto"
		if bold {
			font = "notoB"
		}
		for _, c := range rn.text {
			w += glyphWidth(font, c)
		}
	}
	return w
}

// cjkWidth is a CJK character's width at 1 pt: 1 em, half for half-width forms.
func cjkWidth(c rune) float64 {
	if c >= 0xFF61 && c <= 0xFFDC {
		return ptMM / 2
	}
	return ptMM
}

// textWidth is how wide write draws s at size pt, in mm.
func textWidth(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, rn := range scriptRuns(s) {
		w += runWidth(rn, bold)
	}
	return w * size
}

// piece is a stretch of text with no break allowed inside it, and its width
// at 1 pt; space is set for the spaces between pieces.
type piece struct {
	text  string
	w     float64
	space bool
	runs  []run
}

// pieces cuts one line of text where it may break: at spaces, and beside
// each CJK character (never before CJK punctuation).
func pieces(s string, bold bool) []piece {
	var out []piece
	var cur piece
	flush := func() {
		if cur.text != "" {
			out = append(out, cur)
		}
		cur = piece{}
	}
	add := func(text string, rn run, w float64) {
		cur.text += text
		cur.w += w
		cur.runs = append(cur.runs, run{text: text, cjk: rn.cjk, arabic: rn.arabic})
	}
	for _, rn := range scriptRuns(strings.ReplaceAll(s, "\t", " ")) {
		if rn.cjk {
			for _, c := range rn.text {
				if !unicode.IsPunct(c) {
					flush()
				}
				add(string(c), rn, cjkWidth(c))
			}
			flush()
			continue
		}
		words := strings.Split(rn.text, " ")
		for i, word := range words {
			if i > 0 {
				flush()
				sp := run{text: " ", arabic: rn.arabic}
				out = append(out, piece{text: " ", w: runWidth(sp, bold), space: true})
			}
			if word != "" {
				add(word, rn, runWidth(run{text: word, arabic: rn.arabic}, bold))
			}
		}
	}
	flush()
	return out
}

// wrap breaks s (one line of source text) into lines that write draws
// within width mm at size pt; the first line has first mm less room, for a
// label before it. A word too long for a line is broken between characters.
func wrap(s string, size float64, bold bool, width, first float64) []string {
	// write wraps at the page's right margin less the cell margins; stay
	// a little inside that.
	limit := (width - 2.2) / size
	var lines []string
	var line strings.Builder
	used, room := 0.0, limit-first/size
	pending := 0.0 // width of the spaces before the next piece
	newLine := func() {
		lines = append(lines, line.String())
		line.Reset()
		used, room, pending = 0, limit, 0
	}
	for _, pc := range pieces(s, bold) {
		if pc.space {
			if line.Len() > 0 {
				pending += pc.w
			}
			continue
		}
		if line.Len() > 0 && used+pending+pc.w > room {
			newLine()
		}
		if pc.w > room {
			// Too long for any line: character by character.
			for _, rn := range pc.runs {
				for _, c := range rn.text {
					cw := charWidth(c, rn, bold)
					if line.Len() > 0 && used+pending+cw > room {
						newLine()
					}
					if pending > 0 {
						line.WriteByte(' ')
						used += pending
						pending = 0
					}
					line.WriteRune(c)
					used += cw
				}
			}
			continue
		}
		if pending > 0 {
			line.WriteByte(' ')
			used += pending
			pending = 0
		}
		line.WriteString(pc.text)
		used += pc.w
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// charWidth is one character's width at 1 pt, in the font of its run.
func charWidth(c rune, rn run, bold bool) float64 {
	if rn.cjk {
		return cjkWidth(c)
	}
	if rn.arabic {
		return runWidth(run{text: string(c), arabic: true}, bold)
	}
	return runWidth(run{text: string(c)}, bold)
}
