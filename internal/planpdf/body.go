package planpdf

import (
	"math"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"whatmatters/internal/care"
)

// body writes the plan, in the order the person reads it.
func (r *renderer) body() {
	p, st, s := r.pdf, r.st, r.snap
	person := s.Person
	p.SetFont("noto", "B", st.title)
	p.SetTextColor(0, 94, 184)
	p.MultiCell(0, st.title*0.5, "My care and support plan", "", "L", false)
	p.SetTextColor(33, 43, 50)
	p.Ln(2)
	r.bold = true
	r.write(person.DisplayName(), st.heading, st.heading*0.5)
	r.bold = false
	p.Ln(st.heading * 0.5)
	r.label("Date of birth", care.FormatDate(person.DateOfBirth))
	r.label("NHS number", care.FormatNHSNumber(person.NHSNumber))
	if person.Pronouns != "" {
		r.label("Pronouns", person.Pronouns)
	}

	if len(r.doc.Changes) > 0 {
		r.heading("What changed since last time", "change")
		for _, c := range r.doc.Changes {
			r.text("• " + c.Text)
		}
	}

	if v := s.Value(care.SectionAboutMe, "mostImportant"); v != "" {
		r.heading("What matters to me", "heart")
		r.text(v)
	}
	r.aboutMe()
	r.list(care.SectionGoals, "My goals", "star", func(it map[string]string) {
		r.text(it["text"])
		r.label("Why it matters", it["why"])
		r.label("How important", care.DisplayValue(field(care.SectionGoals, "importance"), it["importance"]))
		r.label("Status", care.DisplayValue(field(care.SectionGoals, "status"), it["status"]))
	})
	r.actions()
	r.crisis()
	r.fields(care.SectionBudget, "My money", "pound")
	r.list(care.SectionContacts, "People who support me", "people", func(it map[string]string) {
		r.text(it["name"] + relationship(it))
		r.label("Phone", it["phone"])
		if it["isCarer"] == "true" {
			r.text("Carer")
		}
	})
	r.list(care.SectionCareTeam, "My care team and key worker", "people", func(it map[string]string) {
		role := care.DisplayValue(field(care.SectionCareTeam, "role"), it["role"])
		if it["keyWorker"] == "true" {
			role += ", my key worker"
		}
		r.text(it["name"] + " (" + role + ")")
		r.label("Phone", it["phone"])
	})
	r.list(care.SectionCommunicationNeeds, "My communication needs", "speech", func(it map[string]string) {
		need := care.DisplayValue(field(care.SectionCommunicationNeeds, "need"), it["need"])
		if it["language"] != "" {
			need += ": " + it["language"]
		}
		if it["detail"] != "" {
			need += ": " + it["detail"]
		}
		r.text(need + r.forWhom(it["forWhom"]))
	})
	r.fields(care.SectionReview, "When we will review this", "calendar")
	r.signatures()
}

func field(section, key string) care.FieldSpec {
	if s := care.FindSection(section); s != nil {
		if f := s.Field(key); f != nil {
			return *f
		}
	}
	return care.FieldSpec{Key: key}
}

func relationship(it map[string]string) string {
	if it["relationship"] != "" {
		return " (" + it["relationship"] + ")"
	}
	return ""
}

func (r *renderer) forWhom(id string) string {
	for _, c := range r.snap.Items(care.SectionContacts) {
		if c["id"] == id && id != "" {
			return " (for " + c["name"] + ")"
		}
	}
	return ""
}

func (r *renderer) aboutMe() {
	about := r.snap.Sections[care.SectionAboutMe].Fields
	written := false
	for _, h := range care.AboutMeHeadings[1:] {
		written = written || about[h.Value] != ""
	}
	if !written {
		return
	}
	r.heading("About me", "person")
	for _, h := range care.AboutMeHeadings[1:] {
		if about[h.Value] == "" {
			continue
		}
		r.strong(h.Label)
		r.text(about[h.Value])
		r.pdf.Ln(1)
	}
	if about["supportedBy"] != "" {
		r.text("I was supported to write this by " + about["supportedBy"] + ".")
	}
}

// list writes a list section, one entry after another.
func (r *renderer) list(section, title, symbol string, each func(map[string]string)) {
	items := r.snap.Items(section)
	if len(items) == 0 {
		return
	}
	r.heading(title, symbol)
	for _, it := range items {
		each(it)
		r.pdf.Ln(r.st.line / 3)
	}
}

// fields writes a non-list section as labelled lines.
func (r *renderer) fields(section, title, symbol string) {
	spec := care.FindSection(section)
	values := r.snap.Sections[section].Fields
	if spec == nil || len(values) == 0 {
		return
	}
	r.heading(title, symbol)
	for _, f := range spec.Fields {
		r.label(f.Label, care.DisplayValue(f, values[f.Key]))
	}
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

// actions writes "who will do what and by when" as a table whose header
// repeats on each page (easy read: one action at a time instead).
func (r *renderer) actions() {
	items := r.snap.Items(care.SectionActions)
	if len(items) == 0 {
		return
	}
	p, st := r.pdf, r.st
	r.heading("Who will do what and by when", "check")
	if st.oneIdeaPerLine {
		for _, it := range items {
			r.text(it["what"])
			r.label("Who", r.owner(it))
			r.label("By when", care.FormatDate(it["byWhen"]))
			p.Ln(st.line / 2)
		}
		return
	}
	widths := []float64{78, 40, 30, 26}
	if st.body >= 16 {
		widths = []float64{70, 44, 34, 26}
	}
	header := func() {
		p.SetFont("noto", "B", st.body)
		p.SetFillColor(232, 237, 238)
		for i, h := range []string{"What", "Who", "By when", "Status"} {
			p.CellFormat(widths[i], st.line+1, h, "1", 0, "L", true, 0, "")
		}
		p.Ln(-1)
		p.SetFont("noto", "", st.body)
	}
	header()
	for _, it := range items {
		cells := []string{it["what"], r.owner(it), care.FormatDate(it["byWhen"]), care.DisplayValue(field(care.SectionActions, "status"), it["status"])}
		lines := 1
		for i, c := range cells {
			if n := len(p.SplitText(cjkFree(c), widths[i]-2)); n > lines {
				lines = n
			}
		}
		h := float64(lines) * st.line
		if p.GetY()+h > 297-30-st.small/2 {
			p.AddPage()
			header()
		}
		x, y := p.GetX(), p.GetY()
		for i, c := range cells {
			p.Rect(x, y, widths[i], h, "D")
			p.SetXY(x+1, y)
			p.MultiCell(widths[i]-2, st.line, c, "", "L", false)
			x += widths[i]
		}
		p.SetXY(18, y+h)
	}
}

// cjkFree measures CJK text as wide Latin text, for row heights only.
func cjkFree(s string) string {
	var b strings.Builder
	for _, run := range scriptRuns(s) {
		if run.cjk {
			b.WriteString(strings.Repeat("MM", len([]rune(run.text))))
		} else {
			b.WriteString(run.text)
		}
	}
	return b.String()
}

func (r *renderer) crisis() {
	values := r.snap.Sections[care.SectionCrisis].Fields
	contacts := r.snap.Items(care.SectionCrisisContacts)
	if len(values) == 0 && len(contacts) == 0 {
		return
	}
	r.heading("If things go wrong", "warning")
	spec := care.FindSection(care.SectionCrisis)
	for _, f := range spec.Fields {
		r.label(f.Label, values[f.Key])
	}
	if len(contacts) > 0 {
		r.strong("Who to call")
		for _, c := range contacts {
			r.text(c["name"] + ": " + c["phone"] + " (" + care.DisplayValue(field(care.SectionCrisisContacts, "when"), c["when"]) + ")")
		}
	}
}

// signatures draws each drawn signature as vector lines in a box, or says
// how agreement was recorded instead.
func (r *renderer) signatures() {
	if len(r.doc.Signatures) == 0 {
		return
	}
	p, st := r.pdf, r.st
	r.heading("Agreed and signed", "pen")
	for _, s := range r.doc.Signatures {
		role := care.ChoiceLabel(care.SignatureRoles, s.Role)
		if p.GetY() > 297-70 {
			p.AddPage()
		}
		r.strong(s.Name + " (" + strings.ToLower(role[:1]) + role[1:] + ")")
		switch s.Method {
		case care.SignDrawn:
			x, y, w, h := 18.0, p.GetY()+1, 80.0, 25.0
			p.SetDrawColor(118, 134, 146)
			p.SetLineWidth(0.2)
			p.Rect(x, y, w, h, "D")
			p.SetDrawColor(0, 0, 0)
			p.SetLineWidth(0.5)
			p.SetLineCapStyle("round")
			for _, stroke := range s.Strokes {
				for i := 1; i < len(stroke); i++ {
					a, b := stroke[i-1], stroke[i]
					p.Line(x+a.X*w, y+a.Y*h, x+b.X*w, y+b.Y*h)
				}
			}
			p.SetLineWidth(0.2)
			p.SetY(y + h + 2)
		case care.SignVerbal:
			r.text("Agreed verbally, witnessed by " + s.Witness + ".")
		case care.SignUnable:
			r.text("Unable to sign: " + s.Reason + ".")
		}
		p.Ln(st.line / 2)
	}
}

// symbol draws a simple symbol for a section, for easy read.
func (r *renderer) symbol(name string, x, y, size float64) {
	p := r.pdf
	p.SetDrawColor(0, 94, 184)
	p.SetFillColor(0, 94, 184)
	p.SetLineWidth(0.8)
	c := size / 2
	cx, cy := x+c, y+c
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
		p.SetFont("noto", "B", r.st.heading)
		p.Text(x, y+size, "£")
	default: // person, people, speech, change
		p.Circle(cx, y+size/4, size/4, "F")
		p.Ellipse(cx, y+size, size/2, size/2.5, 0, "F")
	}
	p.SetLineWidth(0.2)
}
