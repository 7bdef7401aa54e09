package printing

import (
	"context"

	"whatmatters/internal/care"
	"whatmatters/internal/planpdf"
)

// MeetingMinutes renders the minutes of meeting m, in format ("" for the
// person's format), and names the file they are saved as. Errors:
// not_found, invalid (field "format").
func MeetingMinutes(ctx context.Context, records care.RecordService, m *care.Meeting, format string) (pdf []byte, name string, err error) {
	rec, format, err := meetingRecord(ctx, records, m, format)
	if err != nil {
		return nil, "", err
	}
	mins := Minutes(rec, m)
	if pdf, err = planpdf.RenderMinutes(mins, format); err != nil {
		return nil, "", err
	}
	return pdf, FileSafe(mins.PersonName) + " meeting notes " + m.Date + " " + format + ".pdf", nil
}

// meetingRecord finds the record of meeting m's person and the format a
// paper about the meeting is in: format, or else the person's, or else
// standard. Errors: not_found, invalid (field "format").
func meetingRecord(ctx context.Context, records care.RecordService, m *care.Meeting, format string) (*care.Record, string, error) {
	rec, err := records.FindRecord(ctx, m.PersonID)
	if err != nil {
		return nil, "", err
	}
	if format == "" {
		format = rec.Communication().PrintFormat
	}
	if format == "" {
		format = planpdf.Standard
	}
	if !ValidFormat(format) {
		return nil, "", care.FieldError("format", "Choose standard, large print or easy read")
	}
	return rec, format, nil
}

// ValidFormat reports whether format is one of the three print formats.
func ValidFormat(format string) bool {
	return format == planpdf.Standard || format == planpdf.LargePrint || format == planpdf.EasyRead
}

// Minutes gathers what the minutes of meeting m show, from it and from the
// person's record: who came, what was said under each agenda item as it
// stands after corrections, the decisions, and the goals and actions made
// in it.
func Minutes(rec *care.Record, m *care.Meeting) planpdf.Minutes {
	out := planpdf.Minutes{PersonName: rec.Person.DisplayName(), Date: m.Date, Time: m.Time, Place: m.Place, Remote: m.Remote,
		Purpose: care.ChoiceLabel(care.MeetingPurposes, m.Purpose), Summary: m.Summary}
	if !m.EndedAt.IsZero() {
		out.Ended = m.EndedAt.Local().Format("15:04")
	}
	names := map[int64]string{}
	for _, p := range m.Participants {
		name := p.Name
		if p.Role != "" && p.Kind != care.ParticipantPerson {
			name += " (" + p.Role + ")"
		}
		names[p.ID] = name
		switch {
		case p.Removed:
		case p.Attendance == "apologies":
			out.Apologies = append(out.Apologies, name)
		case p.Attendance == "present" || p.Attendance == "remote" || p.Kind == care.ParticipantPerson:
			if p.Attendance == "remote" {
				name += ", joined remotely"
			}
			out.Attended = append(out.Attended, name)
		}
	}
	for _, it := range m.Agenda {
		item := planpdf.MinutesItem{Title: it.Title}
		for _, c := range m.Contributions {
			if c.AgendaItemID == it.ID {
				item.Said = append(item.Said, said(c, names[c.ParticipantID]))
			}
		}
		if len(item.Said) > 0 {
			out.Items = append(out.Items, item)
		}
	}
	for _, d := range m.Decisions {
		out.Decisions = append(out.Decisions, *d)
	}
	for _, g := range rec.Goals() {
		if g.Meeting == m.ID {
			out.Goals = append(out.Goals, g.Text)
		}
	}
	plan := rec.Plan()
	for _, a := range rec.Actions() {
		if a.Meeting != m.ID {
			continue
		}
		by := ""
		if a.ByWhen != "" {
			by = care.FormatDate(a.ByWhen)
		}
		out.Actions = append(out.Actions, planpdf.MinutesAction{What: a.What, Who: ownerName(plan, m, a, out.PersonName), ByWhen: by})
	}
	return out
}

// said is a contribution as it stands, with a note of its last correction.
func said(c *care.Contribution, speaker string) planpdf.Said {
	text, struck := c.Current()
	s := planpdf.Said{Speaker: speaker, Text: text, PersonsWords: c.PersonsWords, Struck: struck}
	if n := len(c.Corrections); n > 0 {
		k := c.Corrections[n-1]
		s.Note = k.Note()
	}
	return s
}

// ownerName names who does an action.
func ownerName(plan *care.Plan, m *care.Meeting, a care.Action, person string) string {
	switch a.Owner.Kind {
	case care.OwnerPerson:
		return person
	case care.OwnerService:
		return a.Service
	case care.OwnerContact:
		if c := plan.Contact(a.Owner.ID); c != nil {
			return c.Name
		}
	case care.OwnerProfessional:
		if c := plan.CareTeamMember(a.Owner.ID); c != nil {
			return c.Name
		}
	case care.OwnerParticipant:
		for _, p := range m.Participants {
			if p.ID == a.Owner.ID {
				return p.Name
			}
		}
	}
	return "Not decided yet"
}
