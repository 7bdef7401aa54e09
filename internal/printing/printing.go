// Package printing prints the signed PDF of an agreed version through the
// system (internal/sysprint) and records who has the printed copy: used by
// the app and by the print command. The PDF is written in a private folder
// and removed as soon as nothing needs it.
package printing

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/signing"
	"whatmatters/internal/sysprint"
)

// Service prints plans.
type Service struct {
	plans    *signing.Plans
	versions care.VersionService
	// System is the system's printers; Folder is where PDFs wait for them.
	System sysprint.System
	Folder *sysprint.Folder
	now    func() time.Time
	// linger is how long a file opened in a viewer is kept, so the viewer
	// can read it; the app removes what is left when it closes.
	linger time.Duration
}

// New returns printing of the plans to system (sysprint.New() for the
// system's printers), with private folders in the temp folder.
func New(plans *signing.Plans, versions care.VersionService, system sysprint.System) *Service {
	return &Service{plans: plans, versions: versions, System: system, Folder: &sysprint.Folder{},
		now: time.Now, linger: 10 * time.Minute}
}

// ForThePerson is the holder of a printed copy when no one else is named.
const ForThePerson = "Printed for the person"

// printJobTitle names every job in the print queue, where others may see
// it: never the person's name.
const printJobTitle = "What Matters care plan"

// Request is what to print and how.
type Request struct {
	PersonID int64
	Number   int    // 0: the latest agreed version
	Format   string // "": the person's format
	Printer  string // "": the default printer
	Viewer   bool   // open in the PDF viewer instead, to print from there
	Holder   string // who the copy is for; "": the person
}

// Printed is what printing did.
type Printed struct {
	Version *care.PlanVersion
	Format  string     // the format actually printed
	Printer string     // the printer it went to; "" when opened in the viewer
	Copy    *care.Copy // the copy recorded; nil when opened in the viewer
}

// Print renders the version and sends it to a printer, recording the copy
// (who, today, the format printed), or opens it in the PDF viewer, where
// printing is up to the coordinator so no copy is recorded. Errors:
// not_found, invalid (with the system's reason).
func (p *Service) Print(ctx context.Context, req Request) (*Printed, error) {
	holder := strings.TrimSpace(req.Holder)
	if holder == "" {
		holder = ForThePerson
	}
	holder, err := care.Required("holder", "Who the copy is for", "who the copy is for", holder, care.MaxShortText)
	if err != nil {
		return nil, err
	}
	pdf, v, format, err := p.plans.Render(ctx, req.PersonID, req.Number, req.Format)
	if err != nil {
		return nil, err
	}
	path, err := p.Folder.Write("care-plan.pdf", pdf)
	if err != nil {
		return nil, err
	}
	out := &Printed{Version: v, Format: format}
	if req.Viewer {
		if err := p.System.Open(ctx, path); err != nil {
			p.Folder.Remove(path)
			return nil, err
		}
		p.Folder.RemoveAfter(path, p.linger)
		return out, nil
	}
	job, err := p.System.Print(ctx, path, req.Printer, printJobTitle)
	if err != nil || job.Spooled {
		p.Folder.Remove(path)
	} else {
		p.Folder.RemoveAfter(path, p.linger)
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

// Start clears the files an earlier run left behind.
func (p *Service) Start() {
	if n := p.Folder.ClearLeftovers(); n > 0 {
		slog.Info("removed files left from printing before", "count", n)
	}
}

// Close removes the files still open in a viewer, as the app closes.
func (p *Service) Close() {
	if err := p.Folder.Close(); err != nil {
		slog.Error("removing printed files", "err", err)
	}
}

// Printers lists the printers set up on this computer, the default one
// marked. Errors: invalid (why none can be used, sysprint.ErrNoPrinter if
// none is set up).
func (p *Service) Printers(ctx context.Context) ([]sysprint.Printer, error) {
	list, err := p.System.Printers(ctx)
	if err == nil && len(list) == 0 {
		err = sysprint.ErrNoPrinter
	}
	return list, err
}
