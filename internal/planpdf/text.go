package planpdf

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The text layer: every string drawn goes through here when gofpdf cannot
// draw it alone. It drops characters that must not be drawn, picks for
// each character the first embedded font that has it, shapes Arabic
// script and puts it in visual order line by line, breaks lines itself
// (at spaces and between CJK characters, never dropping a character), and
// wraps whatever is drawn as something other than the characters
// themselves (PUA codes, presentation forms, substitutes) in marked
// content with /ActualText, so the text layer gives back what was typed.

// dropped reports whether r is never drawn: format and other default
// ignorable characters (zero-width space and joiners, soft hyphen, bidi
// controls, byte order mark, variation selectors, tags) and controls.
func dropped(r rune) bool {
	switch {
	case r < 0x20 && r != '\t' && r != '\n':
		return true
	case r < 0xA0:
		return r >= 0x7F
	}
	return unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

// clean returns s in NFC without the characters that are never drawn.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	if strings.IndexFunc(s, dropped) >= 0 {
		s = strings.Map(func(r rune) rune {
			if dropped(r) {
				return -1
			}
			return r
		}, s)
	}
	return norm.NFC.String(s)
}

// breakable reports whether r is a space a line may break at (drawn as an
// ordinary space). No-break spaces are not.
func breakable(r rune) bool {
	switch r {
	case ' ', '\t', 0x2028, 0x2029:
		return true
	case 0x00A0, 0x2007, 0x202F:
		return false
	}
	return unicode.Is(unicode.Zs, r)
}

// CJK punctuation that may not start a line, and that may not end one.
const (
	cjkClosing = "，。、．！？；：）」』】〉》〕〗〙〛｝｠’”"
	cjkOpening = "（「『【〈《〔〖〘〚｛｟‘“"
)

// A piece is text drawn in one face at one size.
type piece struct {
	face   *face // nil: a substitute for a character no font has
	size   float64
	text   string  // the codes gofpdf draws
	actual string  // /ActualText to open before this piece, if any
	end    bool    // close the marked content after this piece
	w      float64 // width in mm
}

// An item is what line breaking works with: a word (no break inside), or
// a breakable space.
type item struct {
	pieces []piece
	src    string // the characters it shows, in logical order
	w      float64
	space  bool
	rtl    bool // Arabic script: reordered per line
}

// A line is the items that fit on one line.
type line struct {
	items []item
	w     float64
	src   string
}

// ptPerMM converts font sizes in points to mm, the document's unit.
const ptPerMM = 72 / 25.4

// items splits s into words and spaces, with their pieces and widths. It
// measures all the text the layout places, so the texts of words and
// pieces are slices of s, not built a character at a time.
func (d *pdfDoc) items(s string, bold bool, size float64) []item {
	s = clean(s)
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each invalid byte is drawn as U+FFFD
	}
	primary := faceRegular
	if bold {
		primary = faceBold
	}
	space := d.spaceItem(primary, size)
	out := make([]item, 0, 2*strings.Count(s, " ")+1)
	var cur item
	flush := func() {
		if len(cur.pieces) > 0 {
			out = append(out, cur)
		}
		cur = item{}
	}
	breakNext := false
	for i, n := 0, 0; i < len(s); i += n {
		var r rune
		r, n = utf8.DecodeRuneInString(s[i:])
		switch {
		case breakable(r) || r == '\n':
			flush()
			out = append(out, space)
			breakNext = false
			continue
		case isArabic(r):
			flush()
			j := i
			for j < len(s) {
				a, m := utf8.DecodeRuneInString(s[j:])
				if !isArabic(a) {
					break
				}
				j += m
			}
			out = append(out, d.arabicItem(s[i:j], size))
			n = j - i
			breakNext = false
			continue
		case strings.ContainsRune(cjkClosing, r):
			breakNext = false
		case strings.ContainsRune(cjkOpening, r):
			flush()
		case isCJK(r) || breakNext:
			flush()
		}
		breakNext = isCJK(r) && !strings.ContainsRune(cjkOpening, r)
		d.addRune(&cur, primary, s, i, n, size)
	}
	flush()
	return out
}

func (d *pdfDoc) spaceItem(fc *face, size float64) item {
	w := float64(fc.width(' ')) * size / 1000 / ptPerMM
	return item{pieces: []piece{{face: fc, size: size, text: " ", w: w}}, src: " ", w: w, space: true}
}

// addRune adds the character s[i:i+n] to word it, in the first face that
// has it. The word so far is the text of s just before it, and so is its
// last piece if that is drawn as the characters themselves.
func (d *pdfDoc) addRune(it *item, primary *face, s string, i, n int, size float64) {
	src := s[i : i+n]
	r, _ := utf8.DecodeRuneInString(src)
	it.src = s[i-len(it.src) : i+n]
	fc := pick(primary, r)
	if fc == nil {
		missing(r)
		p := piece{size: size, actual: src, end: true, w: 0.7 * size / ptPerMM}
		it.pieces = append(it.pieces, p)
		it.w += p.w
		return
	}
	c := fc.code(r)
	w := float64(fc.width(c)) * size / 1000 / ptPerMM
	it.w += w
	if c != r {
		it.pieces = append(it.pieces, piece{face: fc, size: size, text: string(c), actual: src, end: true, w: w})
		return
	}
	if k := len(it.pieces); k > 0 {
		if last := &it.pieces[k-1]; last.face == fc && last.actual == "" && !last.end {
			last.text = s[i-len(last.text) : i+n]
			last.w += w
			return
		}
	}
	it.pieces = append(it.pieces, piece{face: fc, size: size, text: src, w: w})
}

// arabicItem is an Arabic-script word, shaped, its pieces in visual
// order. Each presentation form carries the letters it was made from as
// /ActualText: readers put Arabic runs into logical order themselves, so
// the text layer gives back the letters as typed.
func (d *pdfDoc) arabicItem(word string, size float64) item {
	it := item{src: word, rtl: true}
	for _, c := range shapeClusters(word) {
		fc := faceNaskh
		if fc.load() != nil || !fc.has(c.glyph) {
			fc = pick(faceRegular, c.glyph)
		}
		p := piece{face: fc, size: size, text: string(c.glyph)}
		if fc == nil {
			missing(c.glyph)
			p.text, p.w = "", 0.7*size/ptPerMM
		} else {
			p.w = float64(fc.width(c.glyph)) * size / 1000 / ptPerMM
		}
		if c.src != string(c.glyph) || fc == nil {
			p.actual, p.end = c.src, true
		}
		it.pieces = append(it.pieces, p)
		it.w += p.w
	}
	return it
}

// breakLines fills lines greedily: the first has room first, the others
// rest. Spaces at a break are dropped; a word wider than a whole line is
// split between characters.
func breakLines(items []item, first, rest float64) []line {
	var lines []line
	var cur line
	var pending []item
	// The lines' items, one after another in one array.
	all, start := make([]item, 0, len(items)+1), 0
	room := first
	newLine := func() {
		cur.items = all[start:len(all):len(all)]
		cur.src = lineSrc(cur.items)
		lines = append(lines, cur)
		start = len(all)
		cur, pending, room = line{}, pending[:0], rest
	}
	add := func(it item) {
		all = append(all, it)
		cur.items = all[start:]
		cur.w += it.w
	}
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.space {
			if len(cur.items) > 0 || len(lines) == 0 {
				pending = append(pending, it)
			}
			continue
		}
		pw := 0.0
		for _, p := range pending {
			pw += p.w
		}
		switch {
		case cur.w+pw+it.w <= room+1e-9:
			for _, p := range pending {
				add(p)
			}
			pending = pending[:0]
			add(it)
		case len(cur.items) > 0 || (room < rest && len(lines) == 0 && it.w <= rest):
			newLine()
			i--
		default:
			head, tail := splitItem(it, room-cur.w-pw)
			for _, p := range pending {
				add(p)
			}
			pending = pending[:0]
			add(head)
			newLine()
			if len(tail.pieces) > 0 {
				items[i] = tail
				i--
			}
		}
	}
	for _, p := range pending {
		add(p)
	}
	if len(cur.items) > 0 || len(lines) == 0 {
		cur.items = all[start:len(all):len(all)]
		cur.src = lineSrc(cur.items)
		lines = append(lines, cur)
	}
	return lines
}

// lineSrc is the characters a line's items show, in logical order.
func lineSrc(items []item) string {
	if len(items) == 1 {
		return items[0].src
	}
	n := 0
	for _, it := range items {
		n += len(it.src)
	}
	var b strings.Builder
	b.Grow(n)
	for _, it := range items {
		b.WriteString(it.src)
	}
	return b.String()
}

// splitItem splits a word so that its head fits room, keeping at least
// one character in the head.
func splitItem(it item, room float64) (head, tail item) {
	if it.rtl || (len(it.pieces) == 1 && len([]rune(it.pieces[0].text)) <= 1) {
		return it, item{}
	}
	head.rtl, tail.rtl = it.rtl, it.rtl
	for _, p := range it.pieces {
		if len(tail.pieces) > 0 || (head.w+p.w > room && len(head.pieces) > 0 && (p.face == nil || p.actual != "")) {
			tail.pieces = append(tail.pieces, p)
			tail.w += p.w
			continue
		}
		if head.w+p.w <= room || p.face == nil || p.actual != "" {
			head.pieces = append(head.pieces, p)
			head.w += p.w
			continue
		}
		// Split a plain piece between characters.
		var a, b strings.Builder
		aw, bw := 0.0, 0.0
		for _, c := range p.text {
			w := float64(p.face.width(c)) * p.size / 1000 / ptPerMM
			if b.Len() == 0 && (head.w+aw+w <= room || (len(head.pieces) == 0 && a.Len() == 0)) {
				a.WriteRune(c)
				aw += w
			} else {
				b.WriteRune(c)
				bw += w
			}
		}
		if a.Len() > 0 {
			q := p
			q.text, q.w = a.String(), aw
			head.pieces = append(head.pieces, q)
			head.w += aw
		}
		if b.Len() > 0 {
			q := p
			q.text, q.w = b.String(), bw
			tail.pieces = append(tail.pieces, q)
			tail.w += bw
		}
	}
	for _, p := range head.pieces {
		head.src += pieceSrc(p)
	}
	for _, p := range tail.pieces {
		tail.src += pieceSrc(p)
	}
	return head, tail
}

func pieceSrc(p piece) string {
	if p.actual != "" {
		return p.actual
	}
	return p.text
}

// lines breaks s (which may hold newlines) into lines of width w.
func (d *pdfDoc) lines(s string, bold bool, size, w float64) []line {
	var out []line
	for _, para := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		out = append(out, breakLines(d.items(para, bold, size), w, w)...)
	}
	return out
}

// flow writes s from the current position, wrapping at the right margin
// and starting wrapped lines at the left margin, as gofpdf's Write does.
func (d *pdfDoc) flow(s string, bold bool, size, h float64) {
	items := d.items(s, bold, size)
	if len(items) == 0 {
		return
	}
	left, _, right, _ := d.GetMargins()
	pageW, _ := d.GetPageSize()
	limit := pageW - right - 2*d.GetCellMargin()
	for i, l := range breakLines(items, limit-d.GetX(), limit-left) {
		if i > 0 {
			d.SetXY(left, d.GetY()+h)
		}
		d.breakPage(h)
		d.draw(l.items, h)
	}
}

// visual returns a line's pieces in drawing order: each run of
// Arabic-script words (with the spaces between them) in visual order
// (right to left); then neighbouring plain pieces of one face joined.
func visual(items []item) []piece {
	var buf [32]piece // most lines: no allocation
	out := buf[:0]
	for i := 0; i < len(items); i++ {
		if !items[i].rtl {
			out = append(out, items[i].pieces...)
			continue
		}
		j := i
		for k := i; k < len(items); k++ {
			if items[k].rtl {
				j = k
			} else if !items[k].space {
				break
			}
		}
		for k := j; k >= i; k-- {
			out = append(out, items[k].pieces...)
		}
		i = j
	}
	joined := make([]piece, 0, min(len(out), 4))
	for k := 0; k < len(out); {
		p := out[k]
		j := k + 1
		for j < len(out) && p.face != nil && out[j].face == p.face && out[j].size == p.size && !out[j-1].end && out[j].actual == "" {
			j++
		}
		if j > k+1 {
			n := 0
			for _, q := range out[k:j] {
				n += len(q.text)
			}
			var b strings.Builder
			b.Grow(n)
			for _, q := range out[k:j] {
				b.WriteString(q.text)
			}
			p.text = b.String()
			for _, q := range out[k+1 : j] {
				p.w += q.w
			}
			p.end = out[j-1].end
		}
		joined = append(joined, p)
		k = j
	}
	return joined
}

// draw writes one line's items from the current position.
func (d *pdfDoc) draw(items []item, h float64) {
	for _, p := range visual(items) {
		if p.actual != "" {
			d.RawWriteStr(actualText(p.actual))
		}
		if p.face == nil {
			x, y := d.GetXY()
			d.substitute(x+d.GetCellMargin(), y+0.5*h+0.3*p.size/ptPerMM, p.size)
			d.SetX(x + p.w)
		} else {
			d.useFace(p.face, p.size)
			if strings.Contains(p.text, "{nb}") {
				d.markUsed(p.face, "0123456789")
			}
			d.Fpdf.CellFormat(p.w, h, p.text, "", 0, "", false, 0, "")
		}
		if p.end {
			d.RawWriteStr("EMC")
		}
	}
}

// drawAt writes a piece with its baseline at x, y (for Text).
func (d *pdfDoc) drawAt(p piece, x, y float64) {
	if p.actual != "" {
		d.RawWriteStr(actualText(p.actual))
	}
	if p.face == nil {
		d.substitute(x, y, p.size)
	} else {
		d.useFace(p.face, p.size)
		d.Fpdf.Text(x, y, p.text)
	}
	if p.end {
		d.RawWriteStr("EMC")
	}
}

// substitute draws a box with a question mark, baseline at x, y, for a
// character no embedded font has. Text extraction takes the span of the
// /ActualText around it from its first and last glyph: an invisible
// question mark the width of the box, first and last, keeps it from
// seeing a gap (a space) on either side.
func (d *pdfDoc) substitute(x, y, size float64) {
	em := size / ptPerMM
	_, pageH := d.GetPageSize()
	tz := 100 * 0.7 * 1000 / float64(faceRegular.width('?'))
	invisible := fmt.Sprintf("q BT 3 Tr %.2f Tz %.2f %.2f Td (\x00?) Tj ET Q", tz, x*ptPerMM, (pageH-y)*ptPerMM)
	d.useFace(faceRegular, size)
	d.RawWriteStr(invisible)
	lw := d.GetLineWidth()
	r, g, b := d.GetDrawColor()
	d.SetDrawColor(d.GetTextColor())
	d.SetLineWidth(em * 0.06)
	d.Rect(x+0.04*em, y-0.82*em, 0.62*em, 0.94*em, "D")
	d.SetLineWidth(lw)
	d.SetDrawColor(r, g, b)
	// Full size: large print has no text under 16 pt, even here.
	d.Fpdf.Text(x+0.35*em-d.Fpdf.GetStringWidth("?")/2, y, "?")
	d.RawWriteStr(invisible)
}

// actualText opens marked content whose /ActualText is s (UTF-16BE, with
// surrogate pairs beyond U+FFFF).
func actualText(s string) string {
	var b strings.Builder
	b.WriteString("/Span <</ActualText <FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">>> BDC")
	return b.String()
}

// Characters no font has are logged once each (the code point only: the
// text around it is health data), up to a limit.
var missingLog struct {
	sync.Mutex
	seen map[rune]bool
}

func missing(r rune) {
	missingLog.Lock()
	defer missingLog.Unlock()
	if missingLog.seen[r] || len(missingLog.seen) >= 256 {
		return
	}
	if missingLog.seen == nil {
		missingLog.seen = map[rune]bool{}
	}
	missingLog.seen[r] = true
	slog.Warn("planpdf: no embedded font has a character; drawn as a box", "codepoint", fmt.Sprintf("U+%04X", r))
}
