package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"whatmatters/internal/care"
	"whatmatters/internal/planpdf"
	"whatmatters/internal/signing"
	"whatmatters/internal/sysprint"
)

// The binding surface for agreeing plans, their versions and PDFs.

// PointDTO is one point of a drawn stroke, 0 to 1 across and down the box.
type PointDTO struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// SignatureDTO is one person's agreement.
type SignatureDTO struct {
	Role    string       `json:"role"`
	Name    string       `json:"name"`
	Method  string       `json:"method"` // drawn, verbal, unable
	Strokes [][]PointDTO `json:"strokes"`
	Witness string       `json:"witness"`
	Reason  string       `json:"reason"`
}

// CopyDTO is who has a copy of a version.
type CopyDTO struct {
	Holder  string `json:"holder"`
	Format  string `json:"format"`
	GivenOn string `json:"givenOn"`
}

// ChangeDTO is one change between versions, in plain words.
type ChangeDTO struct {
	Section string `json:"section"`
	Text    string `json:"text"`
}

// VersionDTO is an agreed version of a plan.
type VersionDTO struct {
	Number     int         `json:"number"`
	AgreedAt   string      `json:"agreedAt"`
	AgreedBy   string      `json:"agreedBy"`
	CheckCode  string      `json:"checkCode"`
	Superseded bool        `json:"superseded"`
	Signed     []string    `json:"signed"` // "Gosia Wiśniewska (signed)", "Ola (agreed verbally, witnessed by Sam)"
	Copies     []CopyDTO   `json:"copies"`
	Changes    []ChangeDTO `json:"changes"` // since the version before
	// PersonFormat is the format the person's communication needs called
	// for when the version was agreed: what "the person's format" means.
	PersonFormat string `json:"personFormat"`
}

// CheckResultDTO is what checking a plan found.
type CheckResultDTO struct {
	Person    string `json:"person"`
	PersonID  int64  `json:"personId"`
	Number    int    `json:"number"`
	AgreedAt  string `json:"agreedAt"`
	CheckCode string `json:"checkCode"`
	Current   bool   `json:"current"`
	Format    string `json:"format"`
}

func signedBy(s care.Signature) string {
	switch s.Method {
	case care.SignVerbal:
		return s.Name + " (agreed verbally, witnessed by " + s.Witness + ")"
	case care.SignUnable:
		return s.Name + " (unable to sign: " + s.Reason + ")"
	}
	return s.Name + " (signed)"
}

func (a *App) versionDTO(v *care.PlanVersion) VersionDTO {
	out := VersionDTO{Number: v.Number, AgreedAt: formatTime(v.AgreedAt), AgreedBy: v.AgreedBy.Name, CheckCode: v.CheckCode,
		Superseded: v.Superseded, Signed: []string{}, Copies: []CopyDTO{}, Changes: []ChangeDTO{}}
	var snap care.Snapshot
	if json.Unmarshal(v.Snapshot, &snap) == nil {
		out.PersonFormat = signing.PlanFormat(&snap, "")
		for _, c := range a.plans.Changes(a.ctx, v, &snap) {
			out.Changes = append(out.Changes, ChangeDTO{Section: c.Section, Text: c.Text})
		}
	}
	for _, s := range v.Signatures {
		out.Signed = append(out.Signed, signedBy(s))
	}
	for _, c := range v.Copies {
		out.Copies = append(out.Copies, CopyDTO{Holder: c.Holder, Format: c.Format, GivenOn: c.GivenOn})
	}
	return out
}

// AgreePlan freezes the person's plan as the next version, with the
// signatures. Errors: invalid (with field, such as "sig0strokes"), not_found.
func (a *App) AgreePlan(personID int64, sigs []SignatureDTO) (_ VersionDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return VersionDTO{}, err
	}
	var cs []care.Signature
	for _, s := range sigs {
		c := care.Signature{Role: s.Role, Name: s.Name, Method: s.Method, Witness: s.Witness, Reason: s.Reason}
		for _, st := range s.Strokes {
			var pts []care.Point
			for _, p := range st {
				pts = append(pts, care.Point{X: p.X, Y: p.Y})
			}
			c.Strokes = append(c.Strokes, pts)
		}
		cs = append(cs, c)
	}
	v, err := a.plans.Agree(a.writeCtx(), personID, cs)
	if err != nil {
		return VersionDTO{}, err
	}
	return a.versionDTO(v), nil
}

// Versions lists a person's agreed versions, newest first.
func (a *App) Versions(personID int64) (_ []VersionDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return nil, err
	}
	vs, err := a.versions.FindVersions(a.ctx, personID)
	if err != nil {
		return nil, err
	}
	out := make([]VersionDTO, 0, len(vs))
	for _, v := range vs {
		out = append(out, a.versionDTO(v))
	}
	return out, nil
}

// SavePlanPDF asks where to save the signed PDF of a version, in format
// ("" for the person's format), and writes it there atomically. It returns
// the path, or "" if the coordinator cancelled. Errors: not_found, invalid.
func (a *App) SavePlanPDF(personID int64, number int, format string) (_ string, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return "", err
	}
	pdf, v, f, err := a.plans.Render(a.ctx, personID, number, format)
	if err != nil {
		return "", err
	}
	var snap care.Snapshot
	_ = json.Unmarshal(v.Snapshot, &snap)
	name := fmt.Sprintf("%s care plan v%d %s.pdf", fileSafe(snap.Person.DisplayName()), v.Number, f)
	path, err := chooseSaveFile(a.ctx, "Save the signed plan", name, "*.pdf")
	if err != nil || path == "" {
		return "", err
	}
	if err := writeFileAtomic(path, pdf); err != nil {
		return "", err
	}
	a.record(care.AuditExport, personID, f+", version "+care.Itoa(int64(v.Number)))
	return path, nil
}

// PrinterDTO is a printer set up on this computer.
type PrinterDTO struct {
	Name    string `json:"name"`
	Default bool   `json:"default"`
}

// PrintersDTO is the printers set up on this computer. Problem, when set,
// says in plain words why none can be used.
type PrintersDTO struct {
	Printers []PrinterDTO `json:"printers"`
	Problem  string       `json:"problem"`
}

// Printers lists the printers set up on this computer, the default one
// marked, so the coordinator can choose one. It never fails: a computer
// that cannot print says why in Problem.
func (a *App) Printers() PrintersDTO {
	defer recoverBinding(nil)
	out := PrintersDTO{Printers: []PrinterDTO{}}
	list, err := a.printing.system.Printers(a.ctx)
	if err != nil {
		out.Problem = care.ErrorMessage(err)
		return out
	}
	for _, p := range list {
		out.Printers = append(out.Printers, PrinterDTO{Name: p.Name, Default: p.Default})
	}
	if len(out.Printers) == 0 {
		out.Problem = sysprint.ErrNoPrinter.Message
	}
	return out
}

// PrintDTO is how to print a version.
type PrintDTO struct {
	Format  string `json:"format"`  // "" for the person's format
	Printer string `json:"printer"` // "" for the default printer
	Viewer  bool   `json:"viewer"`  // open in the PDF viewer instead, to print from there
	Holder  string `json:"holder"`  // who the copy is for; "" for the person
}

// PrintedDTO is what printing did.
type PrintedDTO struct {
	Printer string     `json:"printer"` // the printer it went to; "" when opened in the viewer
	Format  string     `json:"format"`  // the format printed
	Version VersionDTO `json:"version"` // with the printed copy recorded
}

// PrintPlan prints the signed PDF of a version through the system: to a
// printer (the default one for ""), recording the copy, or opened in the
// PDF viewer to print from there. The PDF is written in a private folder
// and removed once the printer or viewer has it; the webview never
// chooses a path. Errors: not_found, invalid (with the system's reason:
// no printer, the job refused).
func (a *App) PrintPlan(personID int64, number int, req PrintDTO) (_ PrintedDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return PrintedDTO{}, err
	}
	res, err := a.printing.print(a.writeCtx(), printRequest{PersonID: personID, Number: number, Format: req.Format,
		Printer: req.Printer, Viewer: req.Viewer, Holder: req.Holder})
	if err != nil {
		return PrintedDTO{}, err
	}
	where := "opened in the PDF viewer"
	if !req.Viewer {
		where = "to " + res.Printer
	}
	a.record(care.AuditPrint, personID, res.Format+", version "+care.Itoa(int64(res.Version.Number))+", "+where)
	return PrintedDTO{Printer: res.Printer, Format: res.Format, Version: a.versionDTO(res.Version)}, nil
}

// fileSafe keeps a name usable as a file name on Windows and Linux.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '-'
		}
		return r
	}, s)
}

// RecordCopy records who has a copy of a version; format "" is the
// person's format, as the version recorded it. Errors: invalid (with
// field), not_found.
func (a *App) RecordCopy(personID int64, number int, c CopyDTO) (_ VersionDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return VersionDTO{}, err
	}
	v, err := a.versions.FindVersion(a.ctx, personID, number)
	if err != nil {
		return VersionDTO{}, err
	}
	if c.Format == "" {
		var snap care.Snapshot
		if err := json.Unmarshal(v.Snapshot, &snap); err != nil {
			return VersionDTO{}, err
		}
		c.Format = signing.PlanFormat(&snap, "")
	}
	cp := &care.Copy{VersionID: v.ID, Holder: c.Holder, Format: c.Format, GivenOn: c.GivenOn}
	if err := a.versions.RecordCopy(a.writeCtx(), cp); err != nil {
		return VersionDTO{}, err
	}
	v.Copies = append(v.Copies, cp)
	a.record(care.AuditCopy, personID, "version "+care.Itoa(int64(number)))
	return a.versionDTO(v), nil
}

func (a *App) checkResult(v *care.PlanVersion, format string) CheckResultDTO {
	var snap care.Snapshot
	_ = json.Unmarshal(v.Snapshot, &snap)
	return CheckResultDTO{Person: snap.Person.DisplayName(), PersonID: v.PersonID, Number: v.Number, AgreedAt: formatTime(v.AgreedAt),
		CheckCode: v.CheckCode, Current: !v.Superseded, Format: format}
}

// CheckPlanCode finds the agreed version a printed check code belongs to.
// Errors: not_found.
func (a *App) CheckPlanCode(code string) (_ CheckResultDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return CheckResultDTO{}, err
	}
	v, err := a.versions.FindVersionByCheckCode(a.ctx, code)
	if err != nil {
		return CheckResultDTO{}, err
	}
	if err := v.Intact(); err != nil {
		return CheckResultDTO{}, err
	}
	a.record(care.AuditCheck, v.PersonID, "by check code")
	return a.checkResult(v, ""), nil
}

// CheckPlanFile asks for a PDF file and checks it against the records: a
// valid signature, and byte for byte the PDF of an agreed version.
// Errors: invalid (with the reason), not_found. A cancelled dialog returns
// an empty result.
func (a *App) CheckPlanFile() (_ CheckResultDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return CheckResultDTO{}, err
	}
	path, err := chooseOpenFile(a.ctx, "Open a plan PDF", "*.pdf", "check.pdf")
	if err != nil || path == "" {
		return CheckResultDTO{}, err
	}
	data, err := signing.ReadPlanFile(path)
	if err != nil {
		return CheckResultDTO{}, err
	}
	verdict, err := a.plans.Verify(a.ctx, data)
	if err != nil {
		a.record(care.AuditCheck, 0, "a file, not genuine")
		return CheckResultDTO{}, err
	}
	a.record(care.AuditCheck, verdict.Version.PersonID, "a file, genuine")
	return a.checkResult(verdict.Version, verdict.Format), nil
}

// ExportRootCertificate asks where to save the root certificate that signs
// plans, so a practice can choose to trust it, and saves it. It returns the
// path, or "" if cancelled.
func (a *App) ExportRootCertificate() (_ string, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return "", err
	}
	pem, err := a.plans.RootCertificatePEM(a.ctx)
	if err != nil {
		return "", err
	}
	path, err := chooseSaveFile(a.ctx, "Save the plan-signing certificate", "What Matters plan signing root.pem", "*.pem;*.crt")
	if err != nil || path == "" {
		return "", err
	}
	return path, writeFileAtomic(path, []byte(pem))
}

// SaveMeetingPack asks where to save the pre-meeting pack for a meeting, in
// format ("" for the person's format), and saves it. It returns the path,
// or "" if cancelled. Errors: not_found, invalid.
func (a *App) SaveMeetingPack(meetingID int64, format string) (_ string, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return "", err
	}
	m, err := a.meetings.FindMeetingByID(a.ctx, meetingID)
	if err != nil {
		return "", err
	}
	rec, err := a.records.FindRecord(a.ctx, m.PersonID)
	if err != nil {
		return "", err
	}
	if format == "" {
		format = rec.Communication().PrintFormat
	}
	if format == "" {
		format = "standard"
	}
	pack := planpdf.Pack{PersonName: rec.Person.DisplayName(), Date: m.Date, Time: m.Time, Place: m.Place, Remote: m.Remote,
		Purpose: care.ChoiceLabel(care.MeetingPurposes, m.Purpose)}
	for _, p := range m.Participants {
		if !p.Removed && p.Kind != care.ParticipantPerson {
			name := p.Name
			if p.Role != "" {
				name += " (" + p.Role + ")"
			}
			pack.Invited = append(pack.Invited, name)
		}
	}
	pdf, err := planpdf.RenderPack(pack, format)
	if err != nil {
		return "", care.FieldError("format", "Choose standard, large print or easy read")
	}
	path, err := chooseSaveFile(a.ctx, "Save the pre-meeting pack", fileSafe(pack.PersonName)+" meeting pack "+m.Date+".pdf", "*.pdf")
	if err != nil || path == "" {
		return "", err
	}
	return path, writeFileAtomic(path, pdf)
}

// ImportSigningCertificate asks for the organisation's own certificate (a
// .p12 or .pfx file) and makes it sign plans from now on. It returns the
// organisation's name, or "" if cancelled. Errors: invalid (field
// "password" for a file that will not open).
func (a *App) ImportSigningCertificate(password string) (_ string, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return "", err
	}
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
}

// CompareVersions says what changed from one agreed version to another, in
// plain words. Errors: not_found.
func (a *App) CompareVersions(personID int64, from, to int) (_ []ChangeDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return nil, err
	}
	var snaps [2]care.Snapshot
	for i, n := range []int{from, to} {
		v, err := a.versions.FindVersion(a.ctx, personID, n)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(v.Snapshot, &snaps[i]); err != nil {
			return nil, err
		}
	}
	out := []ChangeDTO{}
	for _, c := range care.Diff(&snaps[0], &snaps[1]) {
		out = append(out, ChangeDTO{Section: c.Section, Text: c.Text})
	}
	return out, nil
}
