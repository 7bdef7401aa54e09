package dto

import (
	"whatmatters/internal/care"
)

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
	ID      int64  `json:"id"`
	Holder  string `json:"holder"`
	Format  string `json:"format"`
	GivenOn string `json:"givenOn"`
	// Withdrawn says the copy was recorded by mistake and withdrawn; the
	// copy is still shown, beside why, when and by whom.
	Withdrawn       bool   `json:"withdrawn"`
	WithdrawnReason string `json:"withdrawnReason"`
	WithdrawnAt     string `json:"withdrawnAt"` // RFC 3339, "" if not withdrawn
	WithdrawnBy     string `json:"withdrawnBy"`
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

// FromChange converts a change between versions.
func FromChange(c care.Change) ChangeDTO { return ChangeDTO{Section: c.Section, Text: c.Text} }
