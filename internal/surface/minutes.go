package surface

import (
	"context"

	"whatmatters/internal/atomicfile"
	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/printing"
)

// The meeting after it ends: its minutes, and corrections of what was said.

// CorrectContribution corrects, or strikes through, something the user
// added to a meeting; the original words are kept. Errors: invalid (with
// field; or someone else's contribution), not_found.
func (x *MinutesBindings) CorrectContribution(meetingID int64, in dto.CorrectionInput) (dto.MeetingDTO, error) {
	return x.changeMeeting("CorrectContribution", meetingID, func(ctx context.Context) error {
		return x.S.Minutes.CorrectContribution(ctx, &care.Correction{MeetingID: meetingID, ContributionID: in.ContributionID, Text: in.Text,
			Struck: in.Struck, Reason: in.Reason})
	})
}

// SaveMinutes asks where to save the minutes of a meeting, in format (""
// for the person's format), saves them and records the export. It returns
// the path, or "" if cancelled. Errors: not_found, invalid (field "format").
func (x *MinutesBindings) SaveMinutes(meetingID int64, format string) (string, error) {
	return binding.Do("SaveMinutes", x.Ready, func() (string, error) {
		m, err := x.S.Meetings.FindMeetingByID(x.Ctx(), meetingID)
		if err != nil {
			return "", err
		}
		pdf, name, err := printing.MeetingMinutes(x.Ctx(), x.S.Records, m, format)
		if err != nil {
			return "", err
		}
		path, err := x.SaveFile(x.Ctx(), "Save the minutes", name, "*.pdf")
		if err != nil || path == "" {
			return "", err
		}
		if err := atomicfile.Save(path, pdf); err != nil {
			return "", err
		}
		x.Audit(care.AuditExport, m.PersonID, "minutes of the meeting on "+m.Date)
		return path, nil
	})
}
