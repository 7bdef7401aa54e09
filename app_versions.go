package main

import (
	"os"

	"whatmatters/internal/atomicfile"
	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/printing"
	"whatmatters/internal/signing"
	"whatmatters/internal/sysprint"
)

// The binding surface for agreeing plans, their versions and PDFs.

// versionDTO converts v, whose snapshot the caller read once as snap (nil
// if unreadable); changes are what changed since the version before.
func versionDTO(v *care.PlanVersion, snap *care.Snapshot, changes []care.Change) dto.VersionDTO {
	out := dto.VersionDTO{Number: v.Number, AgreedAt: dto.Time(v.AgreedAt), AgreedBy: v.AgreedBy.Name, CheckCode: v.CheckCode,
		Superseded: v.Superseded, Signed: dto.List(v.Signatures, care.Signature.SignedBy), Copies: copiesOf(v),
		Changes: dto.List(changes, dto.FromChange)}
	if snap != nil {
		out.PersonFormat = signing.PlanFormat(snap, "")
	}
	return out
}

// oneVersionDTO is versionDTO for a version on its own.
func (a *App) oneVersionDTO(v *care.PlanVersion) dto.VersionDTO {
	var changes []care.Change
	snap := signing.Snapshot(v)
	if snap != nil {
		changes = a.plans.Changes(a.ctx, v, snap)
	}
	return versionDTO(v, snap, changes)
}

// copiesOf lists who has a copy of v (read with it).
func copiesOf(v *care.PlanVersion) []dto.CopyDTO {
	return dto.List(v.Copies, func(c *care.Copy) dto.CopyDTO {
		out := dto.CopyDTO{ID: c.ID, Holder: c.Holder, Format: c.Format, GivenOn: c.GivenOn}
		if w := c.Withdrawn; w != nil {
			out.Withdrawn, out.WithdrawnReason, out.WithdrawnAt, out.WithdrawnBy = true, w.Reason, dto.Time(w.At), w.By.Name
		}
		return out
	})
}

// AgreePlan freezes the person's plan as the next version, with the
// signatures. Errors: invalid (with field, such as "sig0strokes"), not_found.
func (a *App) AgreePlan(personID int64, sigs []dto.SignatureDTO) (dto.VersionDTO, error) {
	return bind("AgreePlan", a.ready, func() (dto.VersionDTO, error) {
		cs := dto.List(sigs, func(s dto.SignatureDTO) care.Signature {
			return care.Signature{Role: s.Role, Name: s.Name, Method: s.Method, Witness: s.Witness, Reason: s.Reason,
				Strokes: dto.List(s.Strokes, func(st []dto.PointDTO) []care.Point {
					return dto.List(st, func(p dto.PointDTO) care.Point { return care.Point{X: p.X, Y: p.Y} })
				})}
		})
		return dto.Convert(a.oneVersionDTO)(a.plans.Agree(a.writeCtx(), personID, cs))
	})
}

// Versions lists a person's agreed versions, newest first.
func (a *App) Versions(personID int64) ([]dto.VersionDTO, error) {
	return bind("Versions", a.ready, func() ([]dto.VersionDTO, error) {
		vs, err := a.s.Versions.FindVersions(a.ctx, personID)
		changes := signing.ChangesOver(vs)
		return dto.List(vs, func(v *care.PlanVersion) dto.VersionDTO { return versionDTO(v, signing.Snapshot(v), changes[v.Number]) }), err
	})
}

// SavePlanPDF asks where to save the signed PDF of a version, in format
// ("" for the person's format), and writes it there atomically. It returns
// the path, or "" if the coordinator cancelled. Errors: not_found, invalid.
func (a *App) SavePlanPDF(personID int64, number int, format string) (string, error) {
	return bind("SavePlanPDF", a.ready, func() (string, error) {
		pdf, v, f, err := a.plans.Render(a.ctx, personID, number, format)
		if err != nil {
			return "", err
		}
		path, err := chooseSaveFile(a.ctx, "Save the signed plan", printing.PlanFileName(personName(v), v.Number, f), "*.pdf")
		if err != nil || path == "" {
			return "", err
		}
		if err := atomicfile.Save(path, pdf); err != nil {
			return "", err
		}
		a.record(care.AuditExport, personID, f+", version "+care.Itoa(int64(v.Number)))
		return path, nil
	})
}

// personName is who v's plan is for.
func personName(v *care.PlanVersion) string {
	if snap := signing.Snapshot(v); snap != nil {
		return snap.Person.DisplayName()
	}
	return ""
}

// Printers lists the printers set up on this computer, the default one
// marked, so the coordinator can choose one. It never fails: a computer
// that cannot print says why in Problem.
func (a *App) Printers() dto.PrintersDTO {
	defer binding.Recover("Printers", nil)
	ps, err := a.printing.Printers(a.ctx)
	return dto.PrintersDTO{Problem: care.ErrorMessage(err), Printers: dto.List(ps, func(p sysprint.Printer) dto.PrinterDTO {
		return dto.PrinterDTO{Name: p.Name, Default: p.Default}
	})}
}

// PrintPlan prints the signed PDF of a version through the system: to a
// printer (the default one for ""), recording the copy, or opened in the
// PDF viewer to print from there. The PDF is written in a private folder
// and removed once the printer or viewer has it; the webview never
// chooses a path. Errors: not_found, invalid (with the system's reason:
// no printer, the job refused).
func (a *App) PrintPlan(personID int64, number int, req dto.PrintDTO) (dto.PrintedDTO, error) {
	return bind("PrintPlan", a.ready, func() (dto.PrintedDTO, error) {
		res, err := a.printing.Print(a.writeCtx(), printing.Request{PersonID: personID, Number: number, Format: req.Format,
			Printer: req.Printer, Viewer: req.Viewer, Holder: req.Holder})
		if err != nil {
			return dto.PrintedDTO{}, err
		}
		where := "opened in the PDF viewer"
		if !req.Viewer {
			where = "to " + res.Printer
		}
		a.record(care.AuditPrint, personID, res.Format+", version "+care.Itoa(int64(res.Version.Number))+", "+where)
		return dto.PrintedDTO{Printer: res.Printer, Format: res.Format, Version: a.oneVersionDTO(res.Version)}, nil
	})
}

// RecordCopy records who has a copy of a version; format "" is the
// person's format, as the version recorded it. Errors: invalid (with
// field), not_found.
func (a *App) RecordCopy(personID int64, number int, c dto.CopyDTO) (dto.VersionDTO, error) {
	return bind("RecordCopy", a.ready, func() (dto.VersionDTO, error) {
		v, err := a.s.Versions.FindVersion(a.ctx, personID, number)
		if err != nil {
			return dto.VersionDTO{}, err
		}
		if snap := signing.Snapshot(v); c.Format == "" && snap != nil {
			c.Format = signing.PlanFormat(snap, "")
		} else if c.Format == "" {
			return dto.VersionDTO{}, care.Errorf(care.EINTERNAL, "version %d cannot be read", number)
		}
		cp := &care.Copy{VersionID: v.ID, Holder: c.Holder, Format: c.Format, GivenOn: c.GivenOn}
		if err := a.s.Versions.RecordCopy(a.writeCtx(), cp); err != nil {
			return dto.VersionDTO{}, err
		}
		v.Copies = append(v.Copies, cp)
		a.record(care.AuditCopy, personID, "version "+care.Itoa(int64(number)))
		return a.oneVersionDTO(v), nil
	})
}

func checkResult(v *care.PlanVersion, format string) dto.CheckResultDTO {
	return dto.CheckResultDTO{Person: personName(v), PersonID: v.PersonID, Number: v.Number, AgreedAt: dto.Time(v.AgreedAt),
		CheckCode: v.CheckCode, Current: !v.Superseded, Format: format}
}

// CheckPlanCode finds the agreed version a printed check code belongs to.
// Errors: not_found.
func (a *App) CheckPlanCode(code string) (dto.CheckResultDTO, error) {
	return bind("CheckPlanCode", a.ready, func() (dto.CheckResultDTO, error) {
		v, err := a.s.Versions.FindVersionByCheckCode(a.ctx, code)
		if err != nil {
			return dto.CheckResultDTO{}, err
		}
		if err := v.Intact(); err != nil {
			return dto.CheckResultDTO{}, err
		}
		a.record(care.AuditCheck, v.PersonID, "by check code")
		return checkResult(v, ""), nil
	})
}

// CheckPlanFile asks for a PDF file and checks it against the records: a
// valid signature, and byte for byte the PDF of an agreed version.
// Errors: invalid (with the reason), not_found. A cancelled dialog returns
// an empty result.
func (a *App) CheckPlanFile() (dto.CheckResultDTO, error) {
	return bind("CheckPlanFile", a.ready, func() (dto.CheckResultDTO, error) {
		path, err := chooseOpenFile(a.ctx, "Open a plan PDF", "*.pdf", "check.pdf")
		if err != nil || path == "" {
			return dto.CheckResultDTO{}, err
		}
		data, err := signing.ReadPlanFile(path)
		if err != nil {
			return dto.CheckResultDTO{}, err
		}
		verdict, err := a.plans.Verify(a.ctx, data)
		if err != nil {
			a.record(care.AuditCheck, 0, "a file, not genuine")
			return dto.CheckResultDTO{}, err
		}
		a.record(care.AuditCheck, verdict.Version.PersonID, "a file, genuine")
		return checkResult(verdict.Version, verdict.Format), nil
	})
}

// ExportRootCertificate asks where to save the root certificate that signs
// plans, so a practice can choose to trust it, and saves it. It returns the
// path, or "" if cancelled.
func (a *App) ExportRootCertificate() (string, error) {
	return bind("ExportRootCertificate", a.ready, func() (string, error) {
		pem, err := a.plans.RootCertificatePEM(a.ctx)
		if err != nil {
			return "", err
		}
		return a.saveFile("Save the plan-signing certificate", "What Matters plan signing root.pem", "*.pem;*.crt", []byte(pem))
	})
}

// saveFile asks where to save data and saves it there; "" if cancelled.
func (a *App) saveFile(title, name, pattern string, data []byte) (string, error) {
	path, err := chooseSaveFile(a.ctx, title, name, pattern)
	if err != nil || path == "" {
		return "", err
	}
	return path, atomicfile.Save(path, data)
}

// SaveMeetingPack asks where to save the pre-meeting pack for a meeting, in
// format ("" for the person's format), and saves it. It returns the path,
// or "" if cancelled. Errors: not_found, invalid.
func (a *App) SaveMeetingPack(meetingID int64, format string) (string, error) {
	return bind("SaveMeetingPack", a.ready, func() (string, error) {
		m, err := a.s.Meetings.FindMeetingByID(a.ctx, meetingID)
		if err != nil {
			return "", err
		}
		pdf, name, err := printing.MeetingPack(a.ctx, a.s.Records, m, format)
		if err != nil {
			return "", err
		}
		return a.saveFile("Save the pre-meeting pack", name, "*.pdf", pdf)
	})
}

// ImportSigningCertificate asks for the organisation's own certificate (a
// .p12 or .pfx file) and makes it sign plans from now on. It returns the
// organisation's name, or "" if cancelled. Errors: invalid (field
// "password" for a file that will not open).
func (a *App) ImportSigningCertificate(password string) (string, error) {
	return bind("ImportSigningCertificate", a.ready, func() (string, error) {
		path, err := chooseOpenFile(a.ctx, "Open the organisation's certificate", "*.p12;*.pfx", "org.p12")
		if err != nil || path == "" {
			return "", err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return "", care.Errorf(care.EINVALID, "Cannot read that file")
		}
		org, err := a.plans.ImportPKCS12(a.ctx, data, password)
		if err != nil {
			return "", err
		}
		a.record(care.AuditImportCert, 0, org)
		return org, nil
	})
}

// CompareVersions says what changed from one agreed version to another, in
// plain words. Errors: not_found.
func (a *App) CompareVersions(personID int64, from, to int) ([]dto.ChangeDTO, error) {
	return bind("CompareVersions", a.ready, func() ([]dto.ChangeDTO, error) {
		changes, err := a.plans.Compare(a.ctx, personID, from, to)
		return dto.List(changes, dto.FromChange), err
	})
}
