package planpdf

import (
	"math"
	"slices"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"whatmatters/internal/care"
)

// body writes the whole plan, in the order of the PRSB care and support
// plan. Headings and labels come from the schema in care.
func (r *renderer) body() {
	r.masthead()
	r.callBox()
	if len(r.doc.Changes) > 0 {
		var b block
		for _, c := range r.doc.Changes {
			b.paras = append(b.paras, r.words(c.Text, para{bullet: true})...)
		}
		r.section("What changed since last time", "change", []block{b})
	}
	r.section("What matters to me", "heart", r.whatMatters())
	r.section(title(care.SectionAboutMe), "person", r.aboutMe())
	r.section(title(care.SectionStrengths), "strength", r.each(care.SectionStrengths, func(it map[string]string) []para {
		return r.words(it["text"], para{bullet: true})
	}))
	r.section(title(care.SectionCommunity), "community", r.each(care.SectionCommunity, func(it map[string]string) []para {
		return r.entry(care.SectionCommunity, it, it["name"], "name")
	}))
	r.section(title(care.SectionContacts), "people", r.each(care.SectionContacts, func(it map[string]string) []para {
		name := it["name"]
		if it["relationship"] != "" {
			name += " (" + it["relationship"] + ")"
		}
		return r.entry(care.SectionContacts, it, name, "name", "relationship")
	}))
	r.section(title(care.SectionCareTeam), "team", r.careTeam())
	r.section(title(care.SectionCommunicationNeeds), "speech", r.communication())
	r.section(title(care.SectionNeeds), "health", r.each(care.SectionNeeds, func(it map[string]string) []para {
		return r.words(it["text"], para{label: r.show(field(care.SectionNeeds, "kind"), it)})
	}))
	r.section(title(care.SectionGoals), "star", r.each(care.SectionGoals, func(it map[string]string) []para {
		return r.entry(care.SectionGoals, it, it["text"], "text")
	}))
	r.section(title(care.SectionActions), "check", r.actions())
	r.section(title(care.SectionCrisis), "warning", r.crisis())
	r.section(title(care.SectionBudget), "pound", r.fieldsBlock(care.SectionBudget))
	r.section(care.DecisionSpec.Title, "decision", r.decisions())
	r.section(title(care.SectionLegal), "legal", r.fieldsBlock(care.SectionLegal))
	r.section(care.MeetingSummarySpec.Title, "meeting", r.meeting())
	r.section(title(care.SectionReview), "calendar", r.fieldsBlock(care.SectionReview))
	r.section("Agreed and signed", "pen", r.signatures())
}

// masthead writes the plan's title, the person's name and their details.
func (r *renderer) masthead() {
	p, st, person := r.pdf, r.st, r.snap.Person
	p.SetFont("noto", "B", st.title)
	p.SetTextColor(0, 94, 184)
	p.MultiCell(0, st.title*0.5, "My care and support plan", "", "L", false)
	p.SetTextColor(33, 43, 50)
	p.Ln(2)
	r.drawLines(pageLeft, r.wrap(person.DisplayName(), st.heading, true, pageWidth), st.heading*0.5)
	p.Ln(1)
	out := para{indent: -r.indent()} // level with the name, not with the sections
	var b block
	for _, f := range []struct{ label, value string }{
		{"Date of birth", care.FormatDate(person.DateOfBirth)},
		{"NHS number", care.FormatNHSNumber(person.NHSNumber)},
		{"Pronouns", person.Pronouns},
	} {
		if f.value != "" {
			out.label, out.text = f.label, f.value
			b.paras = append(b.paras, out)
		}
	}
	r.place(r.slots([]block{b}))
}

// callBox puts the numbers to call if things go wrong in a box just after
// the person's name, in large print and easy read, where they are found
// at once. The crisis plan itself comes later, in its place.
func (r *renderer) callBox() {
	contacts := r.snap.Items(care.SectionCrisisContacts)
	if len(contacts) == 0 || !r.large() {
		return
	}
	p, st := r.pdf, r.st
	const pad = 4.0
	inner := pad
	if st.symbols {
		inner += r.symbolSize() + 4
	}
	in := para{indent: inner - r.indent(), right: pad}
	var entries [][]*laid
	for _, c := range contacts {
		name, phone := in, in
		name.bold, name.text = true, c["name"]
		phone.text = c["phone"]
		when := in
		when.text = r.show(field(care.SectionCrisisContacts, "when"), c)
		entries = append(entries, []*laid{r.lay(name), r.lay(phone), r.lay(when)})
	}
	lh := st.heading * 0.5
	titleLines := r.wrap("If things go wrong, call", st.heading, true, pageWidth-inner-pad)
	titleH := float64(len(titleLines))*lh + 1
	total := 2*pad + titleH
	for _, e := range entries {
		for _, l := range e {
			total += l.height()
		}
	}
	p.Ln(st.gap / 2)
	r.ensure(min(total, 2*pad+titleH+entryHeight(entries[0])))
	top := p.GetY()
	frame := func(bottom float64) {
		p.SetDrawColor(213, 40, 27)
		p.SetLineWidth(1)
		p.Rect(pageLeft, top, pageWidth, bottom-top, "D")
		p.SetLineWidth(0.2)
	}
	p.SetY(top + pad)
	if st.symbols {
		r.symbol("phone", pageLeft+pad, p.GetY()+1, r.symbolSize())
	}
	p.SetTextColor(213, 40, 27)
	r.drawLines(pageLeft+inner, titleLines, lh)
	p.SetTextColor(33, 43, 50)
	p.Ln(1)
	for _, e := range entries {
		if !r.fits(entryHeight(e) + pad) {
			frame(p.GetY() + pad)
			p.AddPage()
			top = p.GetY()
			p.SetY(top + pad)
		}
		for _, l := range e {
			for i := 0; i < l.n(); i++ {
				r.emit(l, i)
			}
		}
	}
	frame(p.GetY() + pad)
	p.SetY(p.GetY() + pad)
}

// large reports whether the format is large print or easy read.
func (r *renderer) large() bool { return r.st.body >= 16 }

func entryHeight(e []*laid) float64 {
	h := 0.0
	for _, l := range e {
		h += l.height()
	}
	return h
}

// whatMatters is the first About me heading, with any note beside it.
func (r *renderer) whatMatters() []block {
	about := r.snap.Sections[care.SectionAboutMe].Fields
	key := care.AboutMeHeadings[0].Value
	ps := append(r.words(about[key], para{}), r.note(key, about)...)
	if len(ps) == 0 {
		return nil
	}
	return []block{{paras: ps}}
}

// aboutMe is the other About me headings, in the person's words, each with
// any professional's note, and who supported them to write it.
func (r *renderer) aboutMe() []block {
	about := r.snap.Sections[care.SectionAboutMe].Fields
	spec := care.FindSection(care.SectionAboutMe)
	var out []block
	for _, h := range care.AboutMeHeadings[1:] {
		ps := append(r.words(about[h.Value], para{}), r.note(h.Value, about)...)
		if len(ps) == 0 {
			continue
		}
		head := para{bold: true, keep: true}
		out = append(out, block{paras: append(r.words(h.Label, head), ps...)})
	}
	if v := about["supportedBy"]; v != "" {
		out = append(out, block{paras: r.words(v, para{label: spec.Field("supportedBy").Label})})
	}
	return out
}

// note is a professional's note beside the person's words for key, labelled
// as such.
func (r *renderer) note(key string, fields map[string]string) []para {
	f := field(care.SectionAboutMe, key+"Note")
	label, _, _ := strings.Cut(f.Label, ":") // "Professional note", without the heading again
	return r.words(fields[key+"Note"], para{label: label, indent: r.bulletWidth(), space: r.st.line / 4})
}

// careTeam lists the care team, the key worker first.
func (r *renderer) careTeam() []block {
	items := slices.Clone(r.snap.Items(care.SectionCareTeam))
	slices.SortStableFunc(items, func(a, b map[string]string) int {
		return boolRank(b["keyWorker"] == "true") - boolRank(a["keyWorker"] == "true")
	})
	var out []block
	for _, it := range items {
		out = append(out, block{paras: r.entry(care.SectionCareTeam, it, it["name"], "name")})
	}
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// communication is the format the plan is printed in, then each need, whose
// it is, and how to meet it.
func (r *renderer) communication() []block {
	var out []block
	f := field(care.SectionCommunication, "printFormat")
	if v := r.show(f, r.snap.Sections[care.SectionCommunication].Fields); v != "" {
		out = append(out, block{paras: r.words(v, para{label: f.Label})})
	}
	for _, it := range r.snap.Items(care.SectionCommunicationNeeds) {
		name := r.show(field(care.SectionCommunicationNeeds, "need"), it)
		ps := r.entry(care.SectionCommunicationNeeds, it, name, "need")
		ps = append(ps, r.words(care.CommunicationNeedActions[it["need"]], para{})...)
		out = append(out, block{paras: ps})
	}
	return out
}

// actions is who will do what and by when: a table whose header repeats on
// each page in the standard format, one action at a time in large print
// and easy read.
func (r *renderer) actions() []block {
	items := r.snap.Items(care.SectionActions)
	if len(items) == 0 {
		return nil
	}
	if !r.large() {
		return []block{r.actionsTable(items)}
	}
	var out []block
	for _, it := range items {
		out = append(out, block{paras: r.entry(care.SectionActions, it, it["what"], "what", "service")})
	}
	return out
}

// actionsTable is the actions as a table of what, who, by when and status;
// the goal and the person's confidence go under what.
func (r *renderer) actionsTable(items []map[string]string) block {
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
		what := it["what"]
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

// crisis is what to do if things go wrong, and who to call.
func (r *renderer) crisis() []block {
	out := r.fieldsBlock(care.SectionCrisis)
	contacts := r.snap.Items(care.SectionCrisisContacts)
	if len(contacts) == 0 {
		return out
	}
	b := block{paras: r.words(title(care.SectionCrisisContacts), para{bold: true, keep: true, space: r.st.line / 2})}
	for _, c := range contacts {
		ps := r.entry(care.SectionCrisisContacts, c, c["name"], "name")
		ps[0].space = r.st.line / 3
		b.paras = append(b.paras, ps...)
	}
	return append(out, b)
}

// decisions is each shared decision: what was decided, the options with
// their benefits and risks, what matters to the person about it.
func (r *renderer) decisions() []block {
	spec, opt := care.DecisionSpec, care.DecisionOptionSpec
	var out []block
	for _, d := range r.snap.Decisions {
		ps := r.words(d.Decision, para{label: spec.Field("decision").Label, keep: true})
		if len(d.Options) > 0 {
			ps = append(ps, r.words(opt.Title, para{bold: true, keep: true, space: r.st.line / 3})...)
		}
		in := r.bulletWidth()
		for _, o := range d.Options {
			ps = append(ps, r.words(o.Option, para{bullet: true, keep: true})...)
			ps = append(ps, r.words(o.Benefits, para{label: opt.Field("benefits").Label, indent: in})...)
			ps = append(ps, r.words(o.Risks, para{label: opt.Field("risks").Label, indent: in})...)
		}
		for _, f := range []struct{ key, value string }{{"whatMatters", d.WhatMatters}, {"whoTookPart", d.WhoTookPart}, {"reservations", d.Reservations}} {
			ps = append(ps, r.words(f.value, para{label: spec.Field(f.key).Label})...)
		}
		date := care.MeetingSummarySpec.Field("date")
		ps = append(ps, r.words(care.DisplayValue(*date, d.MeetingDate), para{label: date.Label})...)
		out = append(out, block{paras: ps})
	}
	return out
}

// meeting is the summary of the meeting the plan came from.
func (r *renderer) meeting() []block {
	m := r.snap.Meeting
	if m == nil || m.Summary == "" {
		return nil
	}
	spec := care.MeetingSummarySpec
	ps := r.fields(&spec, map[string]string{"date": m.Date, "purpose": m.Purpose}, "summary")
	ps = append(ps, r.words(m.Summary, para{space: r.st.line / 3})...)
	return []block{{paras: ps}}
}

// signatures draws each drawn signature as vector lines in a box, or says
// how agreement was recorded instead.
func (r *renderer) signatures() []block {
	var out []block
	for _, s := range r.doc.Signatures {
		role := care.ChoiceLabel(care.SignatureRoles, s.Role)
		name := r.words(s.Name+" ("+strings.ToLower(role[:1])+role[1:]+")", para{bold: true, keep: true})
		switch s.Method {
		case care.SignVerbal:
			out = append(out, block{paras: append(name, r.words("Agreed verbally, witnessed by "+s.Witness+".", para{})...)})
		case care.SignUnable:
			out = append(out, block{paras: append(name, r.words("Unable to sign: "+s.Reason+".", para{})...)})
		default:
			out = append(out, r.drawnSignature(name, s.Strokes))
		}
	}
	return out
}

// drawnSignature is a name and a box with the strokes in it, kept together.
func (r *renderer) drawnSignature(name []para, strokes [][]care.Point) block {
	p := r.pdf
	ls, h := r.layAll(name)
	const w, boxH = 80.0, 25.0
	return block{first: h + boxH + 3, draw: func() {
		for _, l := range ls {
			for i := 0; i < l.n(); i++ {
				r.emit(l, i)
			}
		}
		x, y := pageLeft+r.indent(), p.GetY()+1
		p.SetDrawColor(118, 134, 146)
		p.SetLineWidth(0.2)
		p.Rect(x, y, w, boxH, "D")
		p.SetDrawColor(0, 0, 0)
		p.SetLineWidth(0.5)
		p.SetLineCapStyle("round")
		p.SetLineJoinStyle("round")
		at := func(pt care.Point) (float64, float64) {
			return x + math.Min(math.Max(pt.X, 0), 1)*w, y + math.Min(math.Max(pt.Y, 0), 1)*boxH
		}
		for _, stroke := range strokes {
			if len(stroke) == 0 {
				continue
			}
			// One path per stroke; points closer than a fifth of a
			// millimetre to the last one drawn add nothing on paper.
			lx, ly := at(stroke[0])
			p.MoveTo(lx, ly)
			drawn := 0
			for i, pt := range stroke[1:] {
				px, py := at(pt)
				if math.Hypot(px-lx, py-ly) < 0.2 && i < len(stroke)-2 {
					continue
				}
				p.LineTo(px, py)
				lx, ly, drawn = px, py, drawn+1
			}
			if drawn == 0 {
				p.LineTo(lx, ly) // a dot
			}
			p.DrawPath("D")
		}
		p.SetLineWidth(0.2)
		p.SetY(y + boxH + 2)
	}}
}

// fieldsBlock is a section of single values, each labelled, as one block.
func (r *renderer) fieldsBlock(section string) []block {
	ps := r.fields(care.FindSection(section), r.snap.Sections[section].Fields)
	if len(ps) == 0 {
		return nil
	}
	return []block{{paras: ps}}
}

// each is one block for each entry of a list section.
func (r *renderer) each(section string, paras func(map[string]string) []para) []block {
	var out []block
	for _, it := range r.snap.Items(section) {
		if ps := paras(it); len(ps) > 0 {
			out = append(out, block{paras: ps})
		}
	}
	return out
}

// entry is one entry of a list: its name in bold, then its other fields.
func (r *renderer) entry(section string, it map[string]string, name string, skip ...string) []para {
	return append(r.words(name, para{bold: true, keep: true}), r.fields(care.FindSection(section), it, skip...)...)
}

// fields labels each field of a section or entry that has a value, in the
// schema's order, except skip and fields the app sets itself.
func (r *renderer) fields(spec *care.SectionSpec, values map[string]string, skip ...string) []para {
	var out []para
	for _, f := range spec.Fields {
		if f.Hidden || slices.Contains(skip, f.Key) {
			continue
		}
		out = append(out, r.words(r.show(f, values), para{label: f.Label})...)
	}
	return out
}

// words turns text into paragraphs like tmpl, one for each of its lines
// (in easy read, one for each sentence); a blank line leaves a space. Only
// the first has tmpl's label and bullet (the rest line up under its text),
// and only the last is kept with what follows.
func (r *renderer) words(text string, tmpl para) []para {
	var out []para
	space := tmpl.space
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(out) > 0 {
				space = r.st.line / 2
			}
			continue
		}
		parts := []string{line}
		if r.st.oneIdeaPerLine {
			parts = ideas(parts)
		}
		for _, part := range parts {
			pa := tmpl
			pa.text, pa.space = part, space
			if len(out) > 0 {
				pa.label = ""
				if tmpl.bullet {
					pa.bullet, pa.indent = false, tmpl.indent+r.bulletWidth()
				}
			}
			pa.keep = false
			out = append(out, pa)
			space = 0
		}
	}
	if len(out) > 0 {
		out[len(out)-1].keep = tmpl.keep
	}
	return out
}

// show is how a value reads in the plan: choice labels, UK dates, pounds
// and pence (care.DisplayValue), and who or what a reference points to.
func (r *renderer) show(f care.FieldSpec, values map[string]string) string {
	v := values[f.Key]
	switch f.Kind {
	case care.KindOwner:
		return r.owner(values)
	case care.KindGoalRef:
		for _, g := range r.snap.Items(care.SectionGoals) {
			if g["id"] == v && v != "" {
				return brief(g["text"])
			}
		}
		return ""
	case care.KindContactRef:
		for _, c := range r.snap.Items(care.SectionContacts) {
			if c["id"] == v && v != "" {
				return c["name"]
			}
		}
		return "" // the person's own
	case care.KindRef:
		return ""
	}
	return care.DisplayValue(f, v)
}

// brief shortens text that names something (a goal) to its first line and
// at most 80 characters.
func brief(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if rs := []rune(s); len(rs) > 80 {
		return strings.TrimSpace(string(rs[:77])) + "…"
	}
	return s
}

func title(section string) string { return care.FindSection(section).Title }

func field(section, key string) care.FieldSpec {
	if s := care.FindSection(section); s != nil {
		if f := s.Field(key); f != nil {
			return *f
		}
	}
	return care.FieldSpec{Key: key}
}

// owner names who does an action.
func (r *renderer) owner(it map[string]string) string {
	kind, id, _ := care.ParseOwner(it["owner"])
	ids := care.Itoa(id)
	switch kind {
	case care.OwnerPerson:
		return "Me"
	case care.OwnerService:
		return it["service"]
	case care.OwnerContact, care.OwnerProfessional:
		sec := care.SectionContacts
		if kind == care.OwnerProfessional {
			sec = care.SectionCareTeam
		}
		for _, c := range r.snap.Items(sec) {
			if c["id"] == ids {
				return c["name"]
			}
		}
	}
	if kind == care.OwnerParticipant {
		return "Someone from the meeting"
	}
	return "Not decided yet"
}

// symbol draws a simple symbol for a section, for easy read.
func (r *renderer) symbol(name string, x, y, size float64) {
	p := r.pdf
	p.SetDrawColor(0, 94, 184)
	p.SetFillColor(0, 94, 184)
	p.SetLineWidth(0.8)
	c := size / 2
	cx, cy := x+c, y+c
	person := func(cx, top, s float64) {
		p.Circle(cx, top+s*0.22, s*0.22, "F")
		p.RoundedRect(cx-s*0.4, top+s*0.5, s*0.8, s*0.5, s*0.25, "12", "F")
	}
	switch name {
	case "heart":
		p.Circle(cx-c/2.2, cy-c/4, c/2.2, "F")
		p.Circle(cx+c/2.2, cy-c/4, c/2.2, "F")
		p.Polygon([]gofpdf.PointType{{X: x, Y: cy - c/8}, {X: x + size, Y: cy - c/8}, {X: cx, Y: y + size}}, "F")
	case "star":
		var pts []gofpdf.PointType
		for i := 0; i < 10; i++ {
			rad := c
			if i%2 == 1 {
				rad = c / 2.5
			}
			a := float64(i)*0.6283185 - 1.5707963
			pts = append(pts, gofpdf.PointType{X: cx + rad*math.Cos(a), Y: cy + rad*math.Sin(a)})
		}
		p.Polygon(pts, "F")
	case "check":
		p.Line(x, cy, cx-c/4, y+size)
		p.Line(cx-c/4, y+size, x+size, y)
	case "warning":
		p.Polygon([]gofpdf.PointType{{X: cx, Y: y}, {X: x + size, Y: y + size}, {X: x, Y: y + size}}, "D")
		p.Line(cx, y+size/3, cx, y+size*0.7)
	case "calendar":
		p.Rect(x, y+size/6, size, size*5/6, "D")
		p.Line(x, y+size/2.5, x+size, y+size/2.5)
	case "pen":
		p.Line(x, y+size, x+size, y)
		p.Line(x, y+size, x+size, y+size)
	case "pound":
		p.SetFont("noto", "B", size*ptPerMM*1.3)
		p.SetTextColor(0, 94, 184)
		p.Text(x, y+size*0.95, "£")
		p.SetTextColor(33, 43, 50)
	case "strength": // a sun: what is going well
		p.Circle(cx, cy, c/2.2, "F")
		for i := 0; i < 8; i++ {
			a := float64(i) * math.Pi / 4
			p.Line(cx+c*0.65*math.Cos(a), cy+c*0.65*math.Sin(a), cx+c*math.Cos(a), cy+c*math.Sin(a))
		}
	case "community": // a house
		p.Polygon([]gofpdf.PointType{{X: x, Y: cy}, {X: cx, Y: y}, {X: x + size, Y: cy}}, "F")
		p.Rect(x+size/6, cy, size*2/3, size/2, "F")
	case "people":
		person(cx-c/2, y+size/6, size*0.6)
		person(cx+c/2, y, size*0.7)
	case "team": // a person and a cross
		person(cx-c/3, y, size*0.75)
		p.Rect(x+size*0.72, y+size*0.1, size*0.28, size*0.08, "F")
		p.Rect(x+size*0.82, y, size*0.08, size*0.28, "F")
	case "speech":
		p.RoundedRect(x, y, size, size*0.7, size/5, "1234", "F")
		p.Polygon([]gofpdf.PointType{{X: x + size/5, Y: y + size*0.6}, {X: x + size/2.5, Y: y + size*0.6}, {X: x + size/6, Y: y + size}}, "F")
	case "health": // a cross
		p.Rect(x+size/3, y, size/3, size, "F")
		p.Rect(x, y+size/3, size, size/3, "F")
	case "decision": // a signpost
		p.Line(cx, y, cx, y+size)
		p.Polygon([]gofpdf.PointType{{X: cx, Y: y}, {X: x + size*0.85, Y: y}, {X: x + size, Y: y + size/8}, {X: x + size*0.85, Y: y + size/4}, {X: cx, Y: y + size/4}}, "F")
		p.Polygon([]gofpdf.PointType{{X: cx, Y: y + size*0.35}, {X: x + size*0.15, Y: y + size*0.35}, {X: x, Y: y + size*0.475}, {X: x + size*0.15, Y: y + size*0.6}, {X: cx, Y: y + size*0.6}}, "F")
	case "legal": // a page with lines
		p.Rect(x+size/8, y, size*3/4, size, "D")
		for i := 1; i <= 3; i++ {
			ly := y + float64(i)*size/4
			p.Line(x+size/4, ly, x+size*3/4, ly)
		}
	case "meeting": // two speech bubbles
		p.RoundedRect(x, y, size*0.65, size*0.45, size/8, "1234", "F")
		p.RoundedRect(x+size*0.35, y+size*0.5, size*0.65, size*0.45, size/8, "1234", "D")
	case "phone": // a telephone handset
		p.SetLineWidth(size * 0.18)
		p.Arc(x+size*0.95, y+size*0.05, size*0.72, size*0.72, 0, 180, 270, "D")
		p.Circle(x+size*0.25, y+size*0.14, size*0.17, "F")
		p.Circle(x+size*0.86, y+size*0.75, size*0.17, "F")
	case "change": // arrows going round
		rad := c * 0.75
		p.SetLineWidth(size * 0.12)
		p.Arc(cx, cy, rad, rad, 0, 40, 320, "D")
		tx, ty := cx+rad*math.Cos(0.7), cy-rad*math.Sin(0.7)
		p.Polygon([]gofpdf.PointType{{X: tx - size*0.2, Y: ty - size*0.02}, {X: tx + size*0.2, Y: ty - size*0.02}, {X: tx + size*0.02, Y: ty + size*0.25}}, "F")
	default: // person
		person(cx, y, size)
	}
	p.SetLineWidth(0.2)
}
