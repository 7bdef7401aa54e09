package planpdf

import (
	"fmt"
	"time"

	"whatmatters/internal/care"
)

// Pack is a pre-meeting pack: what a person is sent before a meeting, in
// their format, with prompts and room to write.
type Pack struct {
	PersonName string
	Date, Time string // YYYY-MM-DD, HH:MM
	Place      string
	Remote     bool
	AtHome     bool     // at the person's home: nothing to bring
	Purpose    string   // in plain words, as in "This meeting is to review your plan"
	Invited    []string // "Ola Wiśniewska (daughter)", without those who sent apologies
	Agenda     []string // the agenda's items, the person's own among them, in order
}

// PackPrompts are the questions the pack asks.
var PackPrompts = []string{
	"What matters to you at the moment?",
	"Who would you like there?",
	"What would you like to talk about?",
	"Is anything getting in the way of living the life you want?",
}

// RenderPack writes a pre-meeting pack in format. Same inputs, same bytes.
// It never panics: a panic inside gofpdf becomes an error.
func RenderPack(p Pack, format string) ([]byte, error) {
	return safely(format, func(st style) ([]byte, error) { return renderPack(p, st) })
}

// newMeetingDoc starts a document about a meeting (a pack or its
// minutes): dated at the meeting's date and time, and titled.
func newMeetingDoc(st style, date, clock, title string) (*renderer, error) {
	at, err := time.Parse("2006-01-02 15:04", date+" "+clock)
	if err != nil {
		return nil, fmt.Errorf("planpdf: meeting time: %w", err)
	}
	pdf, err := newPDF(st, at)
	if err != nil {
		return nil, err
	}
	pdf.SetTitle(title, true)
	pdf.SetCreator("What Matters", false)
	return &renderer{pdf: pdf, st: st}, nil
}

func renderPack(p Pack, st style) ([]byte, error) {
	r, err := newMeetingDoc(st, p.Date, p.Time, "Getting ready for your meeting: "+p.PersonName)
	if err != nil {
		return nil, err
	}
	pdf := r.pdf
	r.onFooter(func() {
		pdf.SetY(297 - 18 - st.small/2)
		r.write(p.PersonName+" · "+care.FormatDate(p.Date)+" · Page "+fmt.Sprint(pdf.PageNo())+" of {nb}", st.small, st.small*0.45)
	})
	pdf.AliasNbPages("{nb}")
	pdf.SetAutoPageBreak(true, 22+st.small/2)
	pdf.AddPage()

	pdf.SetFont("noto", "B", st.title)
	pdf.SetTextColor(0, 94, 184)
	pdf.MultiCell(0, st.title*0.5, "Getting ready for your meeting", "", "L", false)
	pdf.SetTextColor(33, 43, 50)
	pdf.SetFont("noto", "", st.body)
	pdf.Ln(2)
	r.strong(p.PersonName)

	r.heading("When and where", "calendar")
	r.text(care.FormatDate(p.Date) + " at " + p.Time)
	place := p.Place
	if p.Remote {
		place = "By phone or video" + map[bool]string{true: ", " + p.Place, false: ""}[p.Place != ""]
	}
	r.text(place)
	if p.Purpose != "" {
		r.text("This meeting is " + p.Purpose + ".")
	}

	if len(p.Agenda) > 0 {
		r.heading("What we will talk about", "speech")
		for i, title := range p.Agenda {
			r.text(fmt.Sprint(i+1) + ". " + title)
		}
		r.text("You can add your own things to talk about. Tell us, or write them below.")
	}

	if len(p.Invited) > 0 {
		r.heading("Who is invited", "people")
		for _, name := range p.Invited {
			r.text(name)
		}
	}

	r.heading("Things to think about", "heart")
	bring := " Bring this with you."
	switch {
	case p.Remote:
		bring = " Have this with you when we call."
	case p.AtHome:
		bring = " Keep this for when we meet."
	}
	r.text("You can write or draw your answers here, or ask someone to help." + bring)
	for _, q := range PackPrompts {
		// A prompt and its writing lines stay together, clear of the footer.
		if pdf.GetY()+st.line*(3+4*1.6) > 297-22-st.small/2 {
			pdf.AddPage()
		}
		pdf.Ln(st.line / 2)
		r.strong(q)
		// Room to write: ruled lines.
		pdf.SetDrawColor(174, 183, 189)
		for i := 0; i < 4; i++ {
			y := pdf.GetY() + st.line*1.6
			pdf.Line(18, y, 192, y)
			pdf.SetY(y)
		}
		pdf.Ln(st.line)
	}
	return output(pdf)
}
