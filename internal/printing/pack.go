package printing

import (
	"context"
	"strings"

	"whatmatters/internal/care"
	"whatmatters/internal/planpdf"
)

// MeetingPack renders the pre-meeting pack for meeting m, in format ("" for
// the person's format), and names the file it is saved as. Errors:
// not_found, invalid (field "format").
func MeetingPack(ctx context.Context, records care.RecordService, m *care.Meeting, format string) (pdf []byte, name string, err error) {
	rec, format, err := meetingRecord(ctx, records, m, format)
	if err != nil {
		return nil, "", err
	}
	pack := planpdf.Pack{PersonName: rec.Person.DisplayName(), Date: m.Date, Time: m.Time, Place: m.Place, Remote: m.Remote,
		AtHome: m.AtHome(), Purpose: care.PurposeInPlainWords(m.Purpose)}
	for _, p := range m.Attendees() {
		name := p.Name
		if p.Role != "" {
			name += " (" + p.Role + ")"
		}
		pack.Invited = append(pack.Invited, name)
	}
	for _, it := range m.Agenda {
		pack.Agenda = append(pack.Agenda, it.Title)
	}
	if pdf, err = planpdf.RenderPack(pack, format); err != nil {
		return nil, "", care.FieldError("format", "Choose standard, large print or easy read")
	}
	return pdf, FileSafe(pack.PersonName) + " meeting pack " + m.Date + ".pdf", nil
}

// PlanFileName is the file a signed plan of version number, for person, in
// format, is saved as.
func PlanFileName(person string, number int, format string) string {
	return FileSafe(person) + " care plan v" + care.Itoa(int64(number)) + " " + format + ".pdf"
}

// FileSafe keeps a name usable as a file name on Windows and Linux.
func FileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '-'
		}
		return r
	}, s)
}
