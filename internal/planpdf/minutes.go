package planpdf

import (
	"fmt"

	"whatmatters/internal/care"
)

// Minutes are the notes of a meeting after it ends: who came, what was
// said under each agenda item and by whom, the shared decisions, and the
// goals and actions made from it. They are not the agreed plan, and every
// page says so.
type Minutes struct {
	PersonName string
	Date, Time string // YYYY-MM-DD, HH:MM: when it started
	Ended      string // HH:MM, or ""
	Place      string
	Remote     bool
	Purpose    string
	Attended   []string // "Ola Wiśniewska (daughter)"
	Apologies  []string
	Summary    string
	Items      []MinutesItem
	Decisions  []care.Decision
	Goals      []string
	Actions    []MinutesAction
}

// MinutesItem is one agenda item and what was said under it.
type MinutesItem struct {
	Title string
	Said  []Said
}

// Said is one contribution as it stands now.
type Said struct {
	Speaker      string
	Text         string // as corrected; the struck-through words are not printed
	PersonsWords bool   // their own words: quoted, and marked as theirs
	Struck       bool
	Note         string // "Corrected on 2 December 2026: spelling", or ""
}

// MinutesAction is one action made in the meeting.
type MinutesAction struct {
	What, Who, ByWhen string // ByWhen as it is shown
}

// MinutesMark is on every page of the minutes.
const MinutesMark = "Notes of the meeting — not the agreed plan"

// RenderMinutes writes the minutes in format. Same inputs, same bytes. It
// never panics: a panic inside gofpdf becomes an error.
func RenderMinutes(m Minutes, format string) ([]byte, error) {
	return safely(format, func(st style) ([]byte, error) { return renderMinutes(m, st) })
}

func renderMinutes(m Minutes, st style) ([]byte, error) {
	r, err := newMeetingDoc(st, m.Date, m.Time, "Notes of the meeting: "+m.PersonName+", "+care.FormatDate(m.Date))
	if err != nil {
		return nil, err
	}
	pdf := r.pdf
	pdf.SetSubject(MinutesMark, true)
	// The mark heads every page, above the top margin, and the footer
	// names the person, the meeting and the page.
	r.onFooter(func() {
		pdf.SetTextColor(174, 37, 115)
		pdf.SetXY(pageLeft, 5)
		r.bold = true
		r.write(MinutesMark, st.small, st.small*0.45)
		r.bold = false
		pdf.SetTextColor(33, 43, 50)
		pdf.SetXY(pageLeft, 297-18-st.small/2)
		r.write(m.PersonName+" · Meeting on "+care.FormatDate(m.Date)+" · "+MinutesMark+" · Page "+fmt.Sprint(pdf.PageNo())+" of {nb}", st.small, st.small*0.45)
	})
	pdf.AliasNbPages("{nb}")
	pdf.SetAutoPageBreak(true, 24+st.small)
	pdf.AddPage()

	pdf.SetFont("noto", "B", st.title)
	pdf.SetTextColor(0, 94, 184)
	r.write("Notes of the meeting", st.title, st.title*0.5)
	pdf.Ln(st.title * 0.5)
	pdf.SetTextColor(33, 43, 50)
	pdf.SetFont("noto", "", st.body)
	r.strong(m.PersonName)
	r.text("These notes say what was said and decided. They are not the agreed plan: the plan is the signed copy.")

	r.section("When and where", "calendar", []block{{paras: r.when(m)}})
	var who block
	who.paras = append(who.paras, r.names("Taking part", m.Attended)...)
	who.paras = append(who.paras, r.names("Sent apologies", m.Apologies)...)
	r.section("Who was there", "people", []block{who})
	if m.Summary != "" {
		r.section("Summary", "meeting", []block{{paras: r.words(m.Summary, para{})}})
	}
	for _, it := range m.Items {
		var blocks []block
		for _, s := range it.Said {
			blocks = append(blocks, block{paras: r.said(s)})
		}
		r.section(it.Title, "speech", blocks)
	}
	r.section(care.DecisionSpec.Title, "decision", r.minutesDecisions(m.Decisions))
	r.section("Goals from the meeting", "star", each(m.Goals, func(g string) []para { return r.words(g, para{bullet: true}) }))
	r.section("Actions from the meeting", "check", each(m.Actions, func(a MinutesAction) []para {
		ps := r.words(a.What, para{bold: true, keep: true})
		ps = append(ps, r.words(a.Who, para{label: "Who"})...)
		return append(ps, r.words(a.ByWhen, para{label: "By when"})...)
	}))
	return output(pdf)
}

// when is the meeting's date, time and place.
func (r *renderer) when(m Minutes) []para {
	t := care.FormatDate(m.Date) + " at " + m.Time
	if m.Ended != "" {
		t += ", until " + m.Ended
	}
	place := m.Place
	if m.Remote {
		place = "By phone or video"
		if m.Place != "" {
			place += ", " + m.Place
		}
	}
	ps := r.words(t, para{label: "Date"})
	ps = append(ps, r.words(place, para{label: "Place"})...)
	return append(ps, r.words(m.Purpose, para{label: "Purpose"})...)
}

// names is a labelled list of people, or nothing.
func (r *renderer) names(label string, names []string) []para {
	if len(names) == 0 {
		return nil
	}
	ps := r.words(label, para{bold: true, keep: true, space: r.st.line / 3})
	for _, n := range names {
		ps = append(ps, r.words(n, para{bullet: true})...)
	}
	return ps
}

// said is one contribution: who said it, then their words (quoted, and
// marked as their own, when they are the person's), and any correction.
func (r *renderer) said(s Said) []para {
	who := s.Speaker
	if s.PersonsWords {
		who += ", in their own words"
	}
	ps := r.words(who, para{bold: true, keep: true, space: r.st.line / 3})
	switch {
	case s.Struck && s.Note != "":
	case s.Struck:
		ps = append(ps, r.words("Struck through", para{indent: r.bulletWidth()})...)
	case s.PersonsWords:
		ps = append(ps, r.words("“"+s.Text+"”", para{indent: r.bulletWidth()})...)
	default:
		ps = append(ps, r.words(s.Text, para{indent: r.bulletWidth()})...)
	}
	return append(ps, r.words(s.Note, para{indent: r.bulletWidth()})...)
}

// minutesDecisions is each shared decision with its options, what matters
// to the person about it, who took part and any reservations.
func (r *renderer) minutesDecisions(ds []care.Decision) []block {
	var out []block
	for _, d := range ds {
		sd := care.SnapshotDecision{Decision: d.Decision, WhatMatters: d.WhatMatters, WhoTookPart: d.WhoTookPart, Reservations: d.Reservations}
		for _, o := range d.Options {
			sd.Options = append(sd.Options, care.SnapshotOption(o))
		}
		out = append(out, block{paras: r.decision(sd)})
	}
	return out
}
