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
	r.section(title(care.SectionStrengths), "strength", each(r.plan.Strengths, func(s care.Strength) []para {
		return r.words(s.Text, para{bullet: true})
	}))
	r.section(title(care.SectionCommunity), "community", each(r.plan.Community, func(c care.CommunityConnection) []para {
		return r.entry(care.SectionCommunity, c, c.Name, "name")
	}))
	r.section(title(care.SectionContacts), "people", each(r.plan.Contacts, func(c care.Contact) []para {
		name := c.Name
		if c.Relationship != "" {
			name += " (" + c.Relationship + ")"
		}
		return r.entry(care.SectionContacts, c, name, "name", "relationship")
	}))
	r.section(title(care.SectionCareTeam), "team", r.careTeam())
	r.section(title(care.SectionCommunicationNeeds), "speech", r.communication())
	r.section(title(care.SectionNeeds), "health", each(r.plan.Needs, func(n care.Need) []para {
		return r.words(n.Text, para{label: r.show(field(care.SectionNeeds, "kind"), n)})
	}))
	r.section(title(care.SectionGoals), "star", each(r.plan.Goals, func(g care.Goal) []para {
		return r.entry(care.SectionGoals, g, g.Text, "text")
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
	b.paras = append(b.paras, r.howToReach(out)...)
	r.place(r.slots([]block{b}))
}

// callBox puts the numbers to call if things go wrong in a box just after
// the person's name, in large print and easy read, where they are found
// at once. The crisis plan itself comes later, in its place.
func (r *renderer) callBox() {
	contacts := r.plan.CrisisContacts
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
		name.bold, name.text = true, c.Name
		phone.text = c.Phone
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
	words, note := r.plan.AboutMe.Heading(care.AboutMeHeadings[0].Value)
	ps := append(r.words(words, para{}), r.note(note)...)
	if len(ps) == 0 {
		return nil
	}
	return []block{{paras: ps}}
}

// aboutMe is the other About me headings, in the person's words, each with
// any professional's note, and who supported them to write it.
func (r *renderer) aboutMe() []block {
	about := r.plan.AboutMe
	spec := care.FindSection(care.SectionAboutMe)
	var out []block
	for _, h := range care.AboutMeHeadings[1:] {
		words, note := about.Heading(h.Value)
		ps := append(r.words(words, para{}), r.note(note)...)
		if len(ps) == 0 {
			continue
		}
		head := para{bold: true, keep: true}
		out = append(out, block{paras: append(r.words(h.Label, head), ps...)})
	}
	if v := about.SupportedBy; v != "" {
		out = append(out, block{paras: r.words(v, para{label: spec.Field("supportedBy").Label})})
	}
	return out
}

// note is a professional's note beside the person's words, labelled as
// such.
func (r *renderer) note(text string) []para {
	f := field(care.SectionAboutMe, care.AboutMeHeadings[0].Value+"Note")
	label, _, _ := strings.Cut(f.Label, ":") // "Professional note", without the heading again
	return r.words(text, para{label: label, indent: r.bulletWidth(), space: r.st.line / 4})
}

// careTeam lists the care team, the key worker first.
func (r *renderer) careTeam() []block {
	items := slices.Clone(r.plan.CareTeam)
	slices.SortStableFunc(items, func(a, b care.CareTeamMember) int {
		return boolRank(b.KeyWorker) - boolRank(a.KeyWorker)
	})
	var out []block
	for _, it := range items {
		out = append(out, block{paras: r.entry(care.SectionCareTeam, it, it.Name, "name")})
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
	if v := r.show(f, r.plan.Communication); v != "" {
		out = append(out, block{paras: r.words(v, para{label: f.Label})})
	}
	for _, it := range r.plan.CommunicationNeeds {
		name := r.show(field(care.SectionCommunicationNeeds, "need"), it)
		ps := r.entry(care.SectionCommunicationNeeds, it, name, "need")
		ps = append(ps, r.words(care.CommunicationNeedActions[it.Need], para{})...)
		out = append(out, block{paras: ps})
	}
	return out
}

// crisis is what to do if things go wrong, and who to call.
func (r *renderer) crisis() []block {
	out := r.fieldsBlock(care.SectionCrisis)
	contacts := r.plan.CrisisContacts
	if len(contacts) == 0 {
		return out
	}
	b := block{paras: r.words(title(care.SectionCrisisContacts), para{bold: true, keep: true, space: r.st.line / 2})}
	for _, c := range contacts {
		ps := r.entry(care.SectionCrisisContacts, c, c.Name, "name")
		ps[0].space = r.st.line / 3
		b.paras = append(b.paras, ps...)
	}
	return append(out, b)
}

// decision is one shared decision: what was decided, the options with
// their benefits and risks, what matters to the person about it, who took
// part and any reservations. The plan and the minutes both draw it.
func (r *renderer) decision(d care.SnapshotDecision) []para {
	spec, opt := care.DecisionSpec, care.DecisionOptionSpec
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
	return ps
}

// decisions is each shared decision: what was decided, the options with
// their benefits and risks, what matters to the person about it.
func (r *renderer) decisions() []block {
	var out []block
	for _, d := range r.snap.Decisions {
		ps := r.decision(d)
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
	ps := r.fields(care.FindSection(section), r.plan.Values(section))
	if len(ps) == 0 {
		return nil
	}
	return []block{{paras: ps}}
}

// each is one block for each item of a list.
func each[T any](items []T, paras func(T) []para) []block {
	var out []block
	for _, it := range items {
		if ps := paras(it); len(ps) > 0 {
			out = append(out, block{paras: ps})
		}
	}
	return out
}

// entry is one item of a list: its name in bold, then its other fields.
func (r *renderer) entry(section string, it care.Entry, name string, skip ...string) []para {
	return append(r.words(name, para{bold: true, keep: true}), r.fields(care.FindSection(section), it, skip...)...)
}

// fields labels each field of a section or item (a typed value, such as
// a care.Budget or a care.Contact) that has a value, in the schema's
// order, except skip and fields the app sets itself.
func (r *renderer) fields(spec *care.SectionSpec, values any, skip ...string) []para {
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

// show is how field f of a typed section or item reads in the plan:
// choice labels, UK dates, pounds and pence (care.DisplayValue), and who
// or what a reference points to. A map holds the values of something
// that is not part of the record (the meeting the plan came from).
func (r *renderer) show(f care.FieldSpec, values any) string {
	switch x := values.(type) {
	case map[string]string:
		return care.DisplayValue(f, x[f.Key])
	case care.Action:
		switch f.Kind {
		case care.KindOwner:
			return r.owner(x)
		case care.KindGoalRef:
			if g := r.plan.Goal(x.Goal); g != nil {
				return brief(g.Text)
			}
			return ""
		}
	case care.CommunicationNeed:
		if f.Kind == care.KindContactRef {
			if c := r.plan.Contact(x.ForWhom); c != nil {
				return c.Name
			}
			return "" // the person's own
		}
	}
	if f.Kind == care.KindRef {
		return ""
	}
	return care.DisplayValue(f, care.FieldValue(values, f.Key))
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
func (r *renderer) owner(a care.Action) string {
	switch a.Owner.Kind {
	case care.OwnerPerson:
		return "Me"
	case care.OwnerService:
		return a.Service
	case care.OwnerContact:
		if c := r.plan.Contact(a.Owner.ID); c != nil {
			return c.Name
		}
	case care.OwnerProfessional:
		if c := r.plan.CareTeamMember(a.Owner.ID); c != nil {
			return c.Name
		}
	case care.OwnerParticipant:
		return "Someone from the meeting"
	}
	return "Not decided yet"
}
