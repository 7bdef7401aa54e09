package planpdf

import (
	"slices"
	"strings"

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
