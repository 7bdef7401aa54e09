package care

import (
	"strings"
	"time"
)

// The words the screens show for stored things: history rows, audit
// events and signatures.

// personFieldLabels name the fields of a person's details.
var personFieldLabels = map[string]string{
	"givenName": "Given name", "familyName": "Family name", "preferredName": "Preferred name",
	"pronouns": "Pronouns", "dateOfBirth": "Date of birth", "nhsNumber": "NHS number",
}

// Labelled returns the entry with its section and field named as the
// forms name them, and its values as the record's Display shows them
// (choices and NHS numbers as they are read).
func (h HistoryEntry) Labelled() HistoryEntry {
	n := Names{}
	h.Before, h.After = n.Display(h.Section, h.Field, h.Before), n.Display(h.Section, h.Field, h.After)
	h.Section, h.Field = fieldLabels(h.Section, h.Field)
	return h
}

// fieldLabels names a stored section and field as the forms name them;
// an unknown section keeps its stored names.
func fieldLabels(section, key string) (string, string) {
	if section == "person" {
		if f := PersonDetailField(key); f != nil {
			return "Personal details", f.Label
		}
		return "Personal details", personFieldLabels[key]
	}
	s := FindSection(section)
	if s == nil {
		return section, key
	}
	if f := s.Field(key); f != nil {
		return s.Title, f.Label
	}
	return s.Title, key
}

// auditWords say what an audit action was, in plain words.
var auditWords = map[string]string{
	AuditOpenRecord: "Opened the record", AuditExport: "Saved the signed plan", AuditPrint: "Printed the plan",
	AuditCopy: "Recorded who has a copy", AuditCheck: "Checked a plan", AuditWithdrawCopy: "Withdrew a copy recorded by mistake",
}

// AuditWithdrawCopy is the audit action of withdrawing a copy recorded by
// mistake.
const AuditWithdrawCopy = "copy-withdrawn"

// Words says what the event was, in plain words, with its detail.
func (e *AuditEvent) Words() string {
	words := auditWords[e.Action]
	if words == "" {
		words = strings.ReplaceAll(e.Action, "-", " ")
	}
	if e.Detail != "" {
		words += " (" + e.Detail + ")"
	}
	return words
}

// SignedBy says who agreed and how: "Gosia Wiśniewska (signed)", "Ola
// (agreed verbally, witnessed by Sam)".
func (s Signature) SignedBy() string {
	switch s.Method {
	case SignVerbal:
		return s.Name + " (agreed verbally, witnessed by " + s.Witness + ")"
	case SignUnable:
		return s.Name + " (unable to sign: " + s.Reason + ")"
	}
	return s.Name + " (signed)"
}

// PersonsWordsUpdated is when the person's own words in the record were
// last changed; zero if never.
func (r *Record) PersonsWordsUpdated() time.Time {
	var at time.Time
	for _, s := range Schema {
		for k, f := range r.Fields[s.Key] {
			if spec := s.Field(k); spec != nil && spec.PersonsWords && f.UpdatedAt.After(at) {
				at = f.UpdatedAt
			}
		}
	}
	return at
}

// SignatureMethods are the ways of agreeing to a plan, as the signature
// form offers them.
var SignatureMethods = []Choice{
	{Value: SignDrawn, Label: "Sign in the box"},
	{Value: SignVerbal, Label: "Agreed verbally, with a witness"},
	{Value: SignUnable, Label: "Unable to sign"},
}

// HistoryActions are the actions recorded in a record's history, as the
// history screen names them.
var HistoryActions = []Choice{
	{Value: ActionCreate, Label: "Added to What Matters"},
	{Value: ActionAdd, Label: "Added"},
	{Value: ActionEdit, Label: "Changed"},
	{Value: ActionEditPersonsWords, Label: "Edited the person's words"},
	{Value: ActionRemove, Label: "Removed"},
	{Value: ActionAutomatic, Label: "Set by What Matters on their behalf, to meet a communication need"},
	{Value: ActionRestore, Label: "Restored"},
}
