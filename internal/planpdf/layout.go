package planpdf

import "strings"

// The layout breaks text into lines before it draws any, so it knows where
// every line falls: a heading is kept with the first lines after it, a
// paragraph never leaves one line alone at the foot or the head of a page,
// and a short entry (a contact, an action) is kept on one page. The lines
// come from the text layer (text.go), which measures each character in the
// font that draws it, and are drawn exactly as they were measured.

// Page geometry, in mm.
const (
	pageHeight = 297.0
	pageLeft   = 18.0
	pageWidth  = 174.0 // between the margins
	topMargin  = 18.0
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
	labelLines []line // the label on lines of its own, in bold
	lines      []line // the text, after the label in bold if it starts the first line
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
	d, st := r.pdf, r.st
	l := &laid{para: pa, lh: st.line}
	width := pageWidth - r.indent() - pa.indent - pa.right
	if pa.bullet {
		width -= r.bulletWidth()
	}
	text := d.items(pa.text, pa.bold, st.body)
	if pa.label == "" {
		l.lines = r.fit(text, width)
		return l
	}
	label := d.items(labelText(pa.label), true, st.body)
	lw := itemsWidth(label)
	if lw+itemsWidth(text) <= r.room(width) || !st.oneIdeaPerLine && lw <= width*0.55 {
		l.lines = r.fit(append(label, text...), width)
	} else {
		l.labelLines = r.wrap(pa.label, st.body, true, width)
		l.lines = r.fit(text, width)
	}
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

// emit writes line i of a paragraph at the current height, and moves to
// the next line.
func (r *renderer) emit(l *laid, i int) {
	p := r.pdf
	x := pageLeft + r.indent() + l.indent
	p.SetX(x)
	ln := l.lines
	if i < len(l.labelLines) {
		ln = l.labelLines
	} else {
		i -= len(l.labelLines)
		if l.bullet {
			if i == 0 {
				r.draw(p.items("•", false, r.st.body), l.lh)
			}
			p.SetX(x + r.bulletWidth())
		}
	}
	r.draw(ln[i].items, l.lh)
	p.Ln(l.lh)
}

// wrap breaks s, one line of source text, into lines that fit width mm at
// size pt.
func (r *renderer) wrap(s string, size float64, bold bool, width float64) []line {
	return r.fit(r.pdf.items(s, bold, size), width)
}

// fit breaks items into lines that fit width mm, less the cell margin
// gofpdf leaves on either side; no line starts or ends with a space.
func (r *renderer) fit(items []item, width float64) []line {
	room := r.room(width)
	var out []line
	for _, ln := range breakLines(items, room, room) {
		for len(ln.items) > 0 && ln.items[0].space {
			ln.w -= ln.items[0].w
			ln.src = ln.src[len(ln.items[0].src):]
			ln.items = ln.items[1:]
		}
		for n := len(ln.items); n > 0 && ln.items[n-1].space; n = len(ln.items) {
			ln.w -= ln.items[n-1].w
			ln.src = ln.src[:len(ln.src)-len(ln.items[n-1].src)]
			ln.items = ln.items[:n-1]
		}
		if len(ln.items) > 0 {
			out = append(out, ln)
		}
	}
	return out
}

// room is the width text may take in a space width mm wide.
func (r *renderer) room(width float64) float64 { return width - 2*r.pdf.GetCellMargin() }

// itemsWidth is how wide items are drawn, in mm.
func itemsWidth(items []item) float64 {
	w := 0.0
	for _, it := range items {
		w += it.w
	}
	return w
}

// draw writes a line's items from the current position, each piece in its
// own face and at the width it was measured at, then selects the current
// font again.
func (r *renderer) draw(items []item, h float64) {
	r.pdf.draw(items, h)
	r.pdf.restoreFont()
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

// A slot is what the page breaker places: one line of a paragraph, or a
// drawn block, which breaks its own pages.
type slot struct {
	l     *laid
	i     int     // which line of l
	space float64 // mm above it, unless it starts a page
	h     float64
	draw  func()
	// keep forbids a page break after this slot: inside a short block, a
	// sub-heading's last line, or where a break would leave one line of a
	// paragraph (or of a block, or of the section) alone on a page.
	keep bool
}

// slots lays out blocks as one list of slots, each saying whether a page
// may break after it.
func (r *renderer) slots(blocks []block) []slot {
	var out []slot
	gap := r.st.line / 3
	if r.st.oneIdeaPerLine {
		gap = r.st.line / 2
	}
	for bi, b := range blocks {
		start := len(out)
		if b.draw != nil {
			out = append(out, slot{h: b.first, draw: b.draw})
		} else {
			ls, total := r.layAll(b.paras)
			for _, l := range ls {
				n, head := l.n(), l.head()
				for k := 0; k < n; k++ {
					sl := slot{l: l, i: k, h: l.lh, keep: k+1 < head || n-k-1 == 1 || k == n-1 && l.keep}
					if k == 0 {
						sl.space = l.space
					}
					out = append(out, sl)
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

// kept is how many slots from the start must share a page: up to the
// first place a page may break.
func kept(slots []slot) int {
	for k, sl := range slots {
		if !sl.keep {
			return k + 1
		}
	}
	return len(slots)
}

// height is how tall slots are, without the space above the first.
func height(slots []slot) float64 {
	h := 0.0
	for k, sl := range slots {
		if k > 0 {
			h += sl.space
		}
		h += sl.h
	}
	return h
}

// page is the height of a page's text.
func (r *renderer) page() float64 { return r.bottom() - topMargin }

// headHeight is how much of slots must share a page with the heading
// above them: up to the first place a page may break, if that fits on a
// page at all.
func (r *renderer) headHeight(slots []slot) float64 {
	if h := slots[0].space + height(slots[:kept(slots)]); h <= r.page()*0.8 {
		return h
	}
	return slots[0].space + slots[0].h
}

// place writes slots, filling each page up to the last place it may break.
func (r *renderer) place(slots []slot) {
	p := r.pdf
	for start := 0; start < len(slots); {
		room := r.bottom() - p.GetY() + 0.01
		fit, h := 0, 0.0
		for k := start; k < len(slots); k++ {
			hh := slots[k].h
			if k > start || !r.atTop() {
				hh += slots[k].space
			}
			if h+hh > room {
				break
			}
			h += hh
			fit++
		}
		b := fit
		if start+fit < len(slots) {
			for b > 0 && slots[start+b-1].keep {
				b--
			}
			if b == 0 {
				if !r.atTop() && height(slots[start:start+kept(slots[start:])]) <= r.page() {
					p.AddPage()
					continue
				}
				b = max(fit, 1) // more than a page that may not break: break anyway
			}
		}
		for _, sl := range slots[start : start+b] {
			r.space(sl.space)
			if sl.draw != nil {
				sl.draw()
			} else {
				r.emit(sl.l, sl.i)
			}
		}
		if start += b; start < len(slots) {
			p.AddPage()
		}
	}
}

// section writes a heading and its blocks; a section with nothing to say
// writes nothing, not even its heading.
func (r *renderer) section(title, symbol string, blocks []block) {
	slots := r.slots(blocks)
	if len(slots) == 0 {
		return
	}
	r.headingKeep(title, symbol, r.headHeight(slots))
	r.place(slots)
}

// layAll lays out paragraphs, and says how tall they are together.
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
	lines := r.wrap(text, st.heading, true, width)
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
	r.drawLines(x, lines, lh)
	p.SetTextColor(33, 43, 50)
	p.SetFont("noto", "", st.body)
	p.Ln(1)
}

// drawLines writes lines one under another, each starting at x.
func (r *renderer) drawLines(x float64, lines []line, h float64) {
	for _, l := range lines {
		r.pdf.SetX(x)
		r.draw(l.items, h)
		r.pdf.Ln(h)
	}
}
