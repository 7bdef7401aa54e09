package main

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/signing"
	"whatmatters/internal/sysprint"
)

// printing prints the signed PDF of an agreed version through the system
// (internal/sysprint) and records who has the printed copy: used by the
// app and by the print command. The PDF is written in a private folder and
// removed as soon as nothing needs it.
type printing struct {
	plans    *signing.Plans
	versions care.VersionService
	system   sysprint.System
	folder   *sysprint.Folder
	now      func() time.Time
	// linger is how long a file opened in a viewer is kept, so the viewer
	// can read it; the app removes what is left when it closes.
	linger time.Duration
}

// newSystem is the printing system the app and the print command use; a
// development build may replace it (print_dev.go).
var newSystem = sysprint.New

// newPrinting builds printing on the services, with the system's printers
// and private folders in the temp folder.
func newPrinting(s Services, p *signing.Plans) *printing {
	return &printing{plans: p, versions: s.Versions, system: newSystem(), folder: &sysprint.Folder{},
		now: time.Now, linger: 10 * time.Minute}
}

// printedForThePerson is the holder of a printed copy when no one else is named.
const printedForThePerson = "Printed for the person"

// printJobTitle names every job in the print queue, where others may see
// it: never the person's name.
const printJobTitle = "What Matters care plan"

// printRequest is what to print and how.
type printRequest struct {
	PersonID int64
	Number   int    // 0: the latest agreed version
	Format   string // "": the person's format
	Printer  string // "": the default printer
	Viewer   bool   // open in the PDF viewer instead, to print from there
	Holder   string // who the copy is for; "": the person
}

// printed is what printing did.
type printed struct {
	Version *care.PlanVersion
	Format  string     // the format actually printed
	Printer string     // the printer it went to; "" when opened in the viewer
	Copy    *care.Copy // the copy recorded; nil when opened in the viewer
}

// print renders the version and sends it to a printer, recording the copy
// (who, today, the format printed), or opens it in the PDF viewer, where
// printing is up to the coordinator so no copy is recorded. Errors:
// not_found, invalid (with the system's reason).
func (p *printing) print(ctx context.Context, req printRequest) (*printed, error) {
	holder := strings.TrimSpace(req.Holder)
	if holder == "" {
		holder = printedForThePerson
	}
	holder, err := care.Required("holder", "Who the copy is for", "who the copy is for", holder, care.MaxShortText)
	if err != nil {
		return nil, err
	}
	pdf, v, format, err := p.plans.Render(ctx, req.PersonID, req.Number, req.Format)
	if err != nil {
		return nil, err
	}
	path, err := p.folder.Write("care-plan.pdf", pdf)
	if err != nil {
		return nil, err
	}
	out := &printed{Version: v, Format: format}
	if req.Viewer {
		if err := p.system.Open(ctx, path); err != nil {
			p.folder.Remove(path)
			return nil, err
		}
		p.folder.RemoveAfter(path, p.linger)
		return out, nil
	}
	job, err := p.system.Print(ctx, path, req.Printer, printJobTitle)
	if err != nil || job.Spooled {
		p.folder.Remove(path)
	} else {
		p.folder.RemoveAfter(path, p.linger)
	}
	if err != nil {
		return nil, err
	}
	out.Printer = job.Printer
	c := &care.Copy{VersionID: v.ID, Holder: holder, Format: format, GivenOn: p.now().Format(time.DateOnly)}
	if err := p.versions.RecordCopy(ctx, c); err != nil {
		slog.Error("recording a printed copy", "err", err)
		return nil, care.Errorf(care.EINTERNAL, "The plan was sent to the printer %s, but the copy could not be recorded. Record it below", job.Printer)
	}
	out.Copy = c
	v.Copies = append(v.Copies, c)
	return out, nil
}

// start clears the files an earlier run left behind.
func (p *printing) start() {
	if n := p.folder.ClearLeftovers(); n > 0 {
		slog.Info("removed files left from printing before", "count", n)
	}
}

// close removes the files still open in a viewer, as the app closes.
func (p *printing) close() {
	if err := p.folder.Close(); err != nil {
		slog.Error("removing printed files", "err", err)
	}
}
