package planpdf_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
	"unicode"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/planpdf"
)

func title(section string) string { return care.FindSection(section).Title }

// prsbOrder is each section of the plan, in the order of the PRSB
// standard, with a value from the sample that must appear under its heading.
var prsbOrder = []struct{ heading, value string }{
	{"What matters to me", "Cooking pierogi on Sundays."},
	{title(care.SectionAboutMe), "My daughter Ola."},
	{title(care.SectionStrengths), "I knit hats for the neonatal unit every winter."},
	{title(care.SectionCommunity), "St Joseph's Polish choir"},
	{title(care.SectionContacts), "Ola needs a break on Thursdays, when she works late."},
	{title(care.SectionCareTeam), "Sam Okafor"},
	{title(care.SectionCommunicationNeeds), "Do not ask family to interpret."},
	{title(care.SectionNeeds), "COPD: my lungs get tired when I walk uphill."},
	{title(care.SectionGoals), "Get back to my allotment before spring"},
	{title(care.SectionActions), "Refer to pulmonary rehab"},
	{title(care.SectionCrisis), "Breathless at rest"},
	{title(care.SectionBudget), "£1,250.50"},
	{care.DecisionSpec.Title, "Try a raised bed before giving up the allotment"},
	{title(care.SectionLegal), "In the kitchen drawer by the phone"},
	{care.MeetingSummarySpec.Title, "Gosia chose to try a raised bed."},
	{title(care.SectionReview), "21 May 2027"},
	{"Agreed and signed", "Agreed verbally, witnessed by Ola Wiśniewska."},
}

// headings is every heading and sub-heading a plan can have, which must
// never be the last thing on a page.
func headings() []string {
	hs := []string{"What changed since last time", "If things go wrong, call", title(care.SectionCrisisContacts), care.DecisionOptionSpec.Title}
	for _, s := range prsbOrder {
		hs = append(hs, s.heading)
	}
	for _, h := range care.AboutMeHeadings {
		hs = append(hs, h.Label)
	}
	return hs
}

// compact drops all white space, so text compares whatever the line breaks.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// pdfText is what pdftotext reads from pdf, with args such as -raw.
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	return pdfcheck.Text(t, pdfcheck.File(t, "plan.pdf", pdf), args...)
}

// TestRender_WholePlan checks, in every format, that every section of the
// sample is there in the PRSB order with a value under its heading, and
// that every field with a value is shown with its label.
func TestRender_WholePlan(t *testing.T) {
	pdfcheck.Need(t, "pdftotext")
	doc := sample(t)
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			pdf := mustRender(t, doc, format)
			text := compact(pdfText(t, pdf, "-raw"))
			pos := strings.Index(text, compact("Gosia Wiśniewska"))
			if format != planpdf.Standard {
				box := strings.Index(text, compact("If things go wrong, call"))
				if box < pos || box > strings.Index(text, compact("What matters to me")) || !strings.Contains(text[box:], compact("NHS 111 111 Day or night")) {
					t.Errorf("no box of numbers to call just after the name")
				}
			}
			for i, s := range prsbOrder {
				h := strings.Index(text[pos:], compact(s.heading))
				if h < 0 {
					t.Errorf("no heading %q after %q", s.heading, prsbOrder[max(i-1, 0)].heading)
					continue
				}
				pos += h + len(compact(s.heading))
				end := len(text)
				if i+1 < len(prsbOrder) {
					if n := strings.Index(text[pos:], compact(prsbOrder[i+1].heading)); n >= 0 {
						end = pos + n
					}
				}
				if !strings.Contains(text[pos:end], compact(s.value)) {
					t.Errorf("%q lacks %q", s.heading, s.value)
				}
			}
			for _, want := range fieldTexts(doc.Snapshot) {
				if !strings.Contains(text, compact(want)) {
					t.Errorf("lacks %q", want)
				}
			}
		})
	}
}

// fieldTexts is what the plan must say for every field of the snapshot
// with a value: its label (unless it names the entry) and how its value
// reads.
func fieldTexts(s *care.Snapshot) []string {
	named := map[string]bool{"contacts.name": true, "contacts.relationship": true, "careTeam.name": true, "community.name": true,
		"communicationNeeds.need": true, "needs.kind": true, "needs.text": true, "strengths.text": true, "goals.text": true,
		"actions.what": true, "actions.service": true, "crisisContacts.name": true, "aboutMe.mostImportant": true}
	var out []string
	add := func(section string, f care.FieldSpec, v string) {
		if v == "" || f.Hidden {
			return
		}
		switch {
		case f.NoteFor != "":
			out = append(out, "Professional note")
		case !named[section+"."+f.Key]:
			out = append(out, f.Label)
		}
		switch f.Kind {
		case care.KindBool, care.KindOwner, care.KindGoalRef, care.KindContactRef:
			return // names and yes: checked by the sections' own values
		}
		out = append(out, strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Arabic, r) {
				return -1 // drawn in visual order, read back reversed
			}
			return r
		}, care.DisplayValue(f, v)))
	}
	for _, spec := range care.Schema {
		sec := s.Sections[spec.Key]
		for _, f := range spec.Fields {
			add(spec.Key, f, sec.Fields[f.Key])
			for _, it := range sec.Items {
				add(spec.Key, f, it[f.Key])
			}
		}
	}
	for _, d := range s.Decisions {
		for _, f := range care.DecisionSpec.Fields {
			add("decisions", f, map[string]string{"decision": d.Decision, "whatMatters": d.WhatMatters, "whoTookPart": d.WhoTookPart, "reservations": d.Reservations}[f.Key])
		}
		for _, o := range d.Options {
			out = append(out, o.Option, "Benefits: "+o.Benefits, "Risks: "+o.Risks)
		}
	}
	return append(out, "Options discussed", care.FormatDate(s.Meeting.Date), "Review", s.Meeting.Summary)
}

// TestRender_KeepsHeadingsWithText checks, page by page, that no page ends
// with a heading, for the sample and for huge input.
func TestRender_KeepsHeadingsWithText(t *testing.T) {
	pdfcheck.Need(t, "pdftotext")
	for name, doc := range map[string]planpdf.Document{"Sample": sample(t), "Huge": huge(t)} {
		for _, format := range formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				pdf := mustRender(t, doc, format)
				for n, last := range lastLines(t, pdf) {
					for _, h := range headings() {
						if last != "" && strings.HasSuffix(h, last) {
							t.Errorf("page %d ends with the heading %q", n+1, h)
						}
					}
				}
			})
		}
	}
}

// lastLines is the last line of text above the footer of each page.
func lastLines(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	for _, page := range strings.Split(pdfText(t, pdf, "-layout"), "\f") {
		lines := strings.Split(page, "\n")
		for i, l := range lines {
			if strings.Contains(l, "· Version") {
				lines = lines[:i]
				break
			}
		}
		last := ""
		for i := len(lines) - 1; i >= 0 && last == ""; i-- {
			last = strings.Join(strings.Fields(strings.TrimPrefix(strings.TrimSpace(lines[i]), "£")), " ")
		}
		if strings.TrimSpace(page) != "" {
			out = append(out, last)
		}
	}
	return out
}

// huge is a plan with everything at its limits: every About me heading at
// 20,000 characters (sentences, one unbroken word, Chinese, markup), long
// notes, 31 long actions, and six signatures of 20,000 points each.
func huge(tb testing.TB) planpdf.Document {
	tb.Helper()
	doc := sample(tb)
	snap := *doc.Snapshot
	snap.Sections = map[string]care.SnapshotSection{}
	for k, v := range doc.Snapshot.Sections {
		snap.Sections[k] = v
	}
	sentences := strings.Repeat("I like my garden in the morning, when the birds are out. ", 400)[:care.MaxAboutMe]
	about := map[string]string{
		"mostImportant":    sentences,
		"peopleImportant":  strings.Repeat("ж", care.MaxAboutMe),
		"communicate":      strings.Repeat("我很喜欢我的花园。", care.MaxAboutMe/9),
		"wellness":         strings.Repeat(`<img src=x onerror=alert(1)> <script>alert("hi")</script>`+"\n", 300),
		"pleaseDo":         sentences,
		"support":          strings.Repeat("Short line.\n\n", 800),
		"alsoWorthKnowing": sentences,
		"supportedBy":      strings.Repeat("Ola ", 50),
	}
	for _, h := range care.AboutMeHeadings {
		about[h.Value+"Note"] = sentences[:care.MaxNote]
	}
	snap.Sections[care.SectionAboutMe] = care.SnapshotSection{Fields: about}
	var actions []map[string]string
	for i := 0; i < 31; i++ {
		actions = append(actions, map[string]string{"id": fmt.Sprint(100 + i), "what": sentences[:care.MaxParagraph], "owner": "contact:5",
			"byWhen": "2026-12-15", "status": "in-progress", "confidence": "3", "goal": "10"})
	}
	snap.Sections[care.SectionActions] = care.SnapshotSection{Items: actions}
	doc.Snapshot = &snap
	doc.Signatures = nil
	for i := 0; i < 6; i++ {
		var stroke []care.Point
		for j := 0; j < 20000; j++ {
			a := float64(j) / 300
			stroke = append(stroke, care.Point{X: 0.5 + 0.45*float64(j)/20000*math.Sin(a), Y: 0.5 + 0.45*math.Cos(a*1.3)})
		}
		doc.Signatures = append(doc.Signatures, care.Signature{Role: care.RoleProfessional, Name: fmt.Sprintf("Signer %d", i), Method: care.SignDrawn, Strokes: [][]care.Point{stroke}})
	}
	return doc
}

// TestRender_HugeInput renders the huge plan in every format, in reasonable
// time, to a file qpdf finds sound, with every character of the unbroken
// word and the markup drawn as plain text.
func TestRender_HugeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	doc := huge(t)
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			start := time.Now()
			pdf := mustRender(t, doc, format)
			took := time.Since(start)
			t.Logf("%s: %d KiB in %v", format, len(pdf)/1024, took)
			if took > time.Minute {
				t.Errorf("took %v", took)
			}
			pdfcheck.Need(t, "pdftotext", "qpdf")
			pdfcheck.Check(t, pdfcheck.File(t, "huge.pdf", pdf))
			text := pdfText(t, pdf, "-raw")
			if got := strings.Count(text, "ж"); got != care.MaxAboutMe {
				t.Errorf("the unbroken word has %d of its %d characters", got, care.MaxAboutMe)
			}
			if got := strings.Count(compact(text), compact(`<img src=x onerror=alert(1)> <script>alert("hi")</script>`)); got != 300 {
				t.Errorf("markup drawn %d times, want 300", got)
			}
			if got := strings.Count(text, "花"); got != care.MaxAboutMe/9 {
				t.Errorf("Chinese has %d of its %d 花", got, care.MaxAboutMe/9)
			}
		})
	}
}

// TestRender_EmptySections checks that a plan with nothing in its sections
// (or only spaces) has no headings for them.
func TestRender_EmptySections(t *testing.T) {
	pdfcheck.Need(t, "pdftotext")
	raw := `{"version":1,"agreedAt":"2026-11-21T10:30:00Z","person":{"id":1,"givenName":"Zoë","familyName":"Ó"},"sections":{
		"aboutMe":{"fields":{"wellness":"  \n\n  ","supportedBy":""}},"legal":{"fields":{"lpa":""}},"goals":{"items":[]},
		"strengths":{"items":[{"id":"1","text":" "}]},"crisis":{"fields":{"triggers":"\n"}}},"decisions":[],"meeting":{"date":"2026-11-20"}}`
	var snap care.Snapshot
	if err := json.Unmarshal([]byte(raw), &snap); err != nil {
		t.Fatal(err)
	}
	for _, format := range formats {
		pdf := mustRender(t, planpdf.Document{Snapshot: &snap, CheckCode: "AAAA-BBBB"}, format)
		text := pdfText(t, pdf, "-raw")
		for _, h := range headings() {
			if strings.Contains(text, h) {
				t.Errorf("%s: an empty plan has the heading %q", format, h)
			}
		}
		if !strings.Contains(text, "Zoë Ó") {
			t.Errorf("%s: no name", format)
		}
	}
}
