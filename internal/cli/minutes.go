package cli

import (
	"fmt"
	"io"

	"whatmatters/internal/atomicfile"
	"whatmatters/internal/care"
	"whatmatters/internal/printing"
)

// exportMinutes is "whatmatters export-minutes -db DB -meeting ID
// [-format standard|large-print|easy-read] -o FILE": the minutes of a
// meeting as a PDF (the person's format by default), written atomically,
// and the export recorded.
func exportMinutes(args []string, out io.Writer) error {
	c := newCommand("export-minutes", out, signedIn, "database file")
	meeting := c.fs.Int64("meeting", 0, "the meeting's id")
	format := c.fs.String("format", "", "standard, large-print or easy-read (default: the person's format)")
	file := c.fs.String("o", "", "the PDF file to write")
	check := func() error {
		if *meeting <= 0 || *file == "" {
			return care.Errorf(care.EINVALID, "Give -meeting ID and -o FILE")
		}
		if *format != "" && !printing.ValidFormat(*format) {
			return care.Errorf(care.EINVALID, "The format %q is not one of standard, large-print or easy-read", *format)
		}
		return nil
	}
	return c.run(args, out, check, func(e *env) error {
		m, err := e.s.Meetings.FindMeetingByID(e.ctx, *meeting)
		if care.ErrorCode(err) == care.ENOTFOUND {
			return care.Errorf(care.ENOTFOUND, "There is no meeting %d in %s", *meeting, e.path)
		} else if err != nil {
			return err
		}
		pdf, _, err := printing.MeetingMinutes(e.ctx, e.s.Records, m, *format)
		if err != nil {
			return err
		}
		if err := atomicfile.Save(*file, pdf); err != nil {
			return err
		}
		e.audit(care.AuditExport, m.PersonID, "minutes of the meeting on "+m.Date)
		fmt.Fprintf(out, "Wrote the minutes of the meeting on %s to %s\n", care.FormatDate(m.Date), *file)
		return nil
	})
}
