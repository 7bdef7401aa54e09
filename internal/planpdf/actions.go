package planpdf

import (
	"strings"

	"whatmatters/internal/care"
)

// The actions: who will do what and by when, as a table (one action at a
// time in easy read).

// actions is who will do what and by when: a table whose header repeats on
// each page in the standard format, one action at a time in large print
// and easy read.
func (r *renderer) actions() []block {
	items := r.plan.Actions
	if len(items) == 0 {
		return nil
	}
	if !r.large() {
		return []block{r.actionsTable(items)}
	}
	var out []block
	for _, it := range items {
		out = append(out, block{paras: r.entry(care.SectionActions, it, it.What, "what", "service")})
	}
	return out
}

// actionsTable is the actions as a table of what, who, by when and status;
// the goal and the person's confidence go under what.
func (r *renderer) actionsTable(items []care.Action) block {
	p, st := r.pdf, r.st
	spec := care.FindSection(care.SectionActions)
	widths := []float64{78, 40, 30, 26}
	keys := []string{"what", "owner", "byWhen", "status"}
	cells := func(texts []string, bold bool) [][]line {
		out := make([][]line, len(texts))
		for i, t := range texts {
			for _, l := range strings.Split(t, "\n") {
				out[i] = append(out[i], r.wrap(l, st.body, bold, widths[i]-2)...)
			}
		}
		return out
	}
	var heads []string
	for _, k := range keys {
		heads = append(heads, spec.Field(k).Label)
	}
	header := cells(heads, true)
	var rows [][][]line
	for _, it := range items {
		what := it.What
		for _, k := range []string{"goal", "confidence"} {
			f := spec.Field(k)
			if v := r.show(*f, it); v != "" {
				what += "\n" + labelText(f.Label) + v
			}
		}
		texts := []string{what}
		for _, k := range keys[1:] {
			texts = append(texts, r.show(*spec.Field(k), it))
		}
		rows = append(rows, cells(texts, false))
	}
	lines := func(row [][]line) int {
		n := 1
		for _, c := range row {
			n = max(n, len(c))
		}
		return n
	}
	// draw writes lines from..from+count of a row at the current height.
	draw := func(row [][]line, from, count int, header bool) {
		x, y := pageLeft, p.GetY()
		h := float64(count)*st.line + 1
		for i, c := range row {
			p.SetDrawColor(0, 0, 0)
			if header {
				p.SetFillColor(232, 237, 238)
				p.Rect(x, y, widths[i], h, "FD")
			} else {
				p.Rect(x, y, widths[i], h, "D")
			}
			for k := from; k < from+count && k < len(c); k++ {
				p.SetXY(x+1, y+0.5+float64(k-from)*st.line)
				r.draw(c[k].items, st.line)
			}
			x += widths[i]
		}
		p.SetXY(pageLeft, y+h)
	}
	headH := float64(lines(header))*st.line + 1
	firstH := float64(min(lines(rows[0]), 2))*st.line + 1
	return block{first: headH + firstH, draw: func() {
		draw(header, 0, lines(header), true)
		for _, row := range rows {
			n := lines(row)
			for i := 0; i < n; {
				room := int((r.bottom() - p.GetY() - 1 + 0.01) / st.line)
				b := split(n-i, room, min(2, n))
				if i == 0 && b < n && float64(n)*st.line <= r.keepMax() {
					b = 0 // a row that fits on a page is kept whole
				}
				if b == 0 {
					if p.GetY() <= topMargin+headH+0.01 {
						b = max(1, min(room, n-i))
					} else {
						p.AddPage()
						draw(header, 0, lines(header), true)
						continue
					}
				}
				draw(row, i, b, false)
				if i += b; i < n {
					p.AddPage()
					draw(header, 0, lines(header), true)
				}
			}
		}
	}}
}
