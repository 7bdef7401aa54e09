package care

import (
	"errors"
	"strings"
	"time"
	"unicode"
)

// PersonDetails are the person's own details beyond their name (the PRSB
// "Person" demographics): where they live and how to reach them, their GP
// practice, who they live with, how to get in, and how they describe
// themselves. Every one is optional. The JSON names are the field keys of
// PersonDetailsSpec; empty ones are left out, so a plan agreed without a
// detail reads and hashes the same.
type PersonDetails struct {
	Address          string `json:"address,omitempty"` // lines, without the postcode
	Postcode         string `json:"postcode,omitempty"`
	Phone            string `json:"phone,omitempty"`
	Email            string `json:"email,omitempty"`
	PreferredContact string `json:"preferredContact,omitempty"` // one of ContactMethods
	GPName           string `json:"gpName,omitempty"`           // the practice
	GPAddress        string `json:"gpAddress,omitempty"`
	GPPhone          string `json:"gpPhone,omitempty"`
	GPODSCode        string `json:"gpOdsCode,omitempty"`  // the practice's organisation code, such as A81001
	LivesAlone       string `json:"livesAlone,omitempty"` // "yes", "no" or "" (not known)
	LivesWith        string `json:"livesWith,omitempty"`
	AccessNotes      string `json:"accessNotes,omitempty"` // key safe, "knock loudly and wait"
	Gender           string `json:"gender,omitempty"`      // as the person describes it
	Ethnicity        string `json:"ethnicity,omitempty"`
	Religion         string `json:"religion,omitempty"`
}

// Ways the person prefers to be contacted.
var ContactMethods = []Choice{{"phone", "Phone call"}, {"text", "Text message"}, {"email", "Email"},
	{"letter", "Letter"}, {"visit", "A visit at home"}, {"through-contact", "Through a family member or carer"}}

// LivesAloneChoices say whether the person lives alone.
var LivesAloneChoices = []Choice{{"yes", "Yes"}, {"no", "No"}}

// Length limits of the person's details.
const (
	MaxAddress = 500
	MaxAccess  = 1000
)

// PersonDetailsSpec describes the person's details as the change-details
// form shows them, in groups: the keys are PersonDetails' JSON names.
var PersonDetailsSpec = []SectionSpec{
	{Key: "contact", Title: "Address and contact details", Fields: []FieldSpec{
		{Key: "address", Label: "Address", Hint: "House number and street, town", Kind: KindLongText, Max: MaxAddress},
		{Key: "postcode", Label: "Postcode", Kind: KindText, Max: 10},
		{Key: "phone", Label: "Phone number", Hint: "For example, 01632 960 001 or 07700 900 982", Kind: KindPhone, Max: MaxPhone},
		{Key: "email", Label: "Email address", Kind: KindEmail, Max: MaxEmail},
		{Key: "preferredContact", Label: "How they prefer to be contacted", Kind: KindChoice, Choices: ContactMethods},
	}},
	{Key: "gp", Title: "GP practice", Fields: []FieldSpec{
		{Key: "gpName", Label: "Practice name", Kind: KindText, Max: MaxShortText},
		{Key: "gpAddress", Label: "Practice address", Kind: KindLongText, Max: MaxAddress},
		{Key: "gpPhone", Label: "Practice phone number", Kind: KindPhone, Max: MaxPhone},
		{Key: "gpOdsCode", Label: "Practice code (ODS code)", Hint: "Letters and numbers, like A81001. Ask the practice if you do not know it", Kind: KindText, Max: 10},
	}},
	{Key: "home", Title: "Home and getting in", Fields: []FieldSpec{
		{Key: "livesAlone", Label: "Lives alone", Kind: KindChoice, Choices: LivesAloneChoices},
		{Key: "livesWith", Label: "Who they live with", Hint: "For example, their husband Tom and a dog", Kind: KindText, Max: MaxShortText},
		{Key: "accessNotes", Label: "Getting in", Hint: "For example, a key safe (never write its code here), or \"knock loudly and wait\"", Kind: KindLongText, Max: MaxAccess},
	}},
	{Key: "identity", Title: "How they describe themselves", Fields: []FieldSpec{
		{Key: "gender", Label: "Gender", Hint: "In the person's own words", Kind: KindText, Max: 100},
		{Key: "ethnicity", Label: "Ethnicity", Kind: KindText, Max: 100},
		{Key: "religion", Label: "Religion or belief", Kind: KindText, Max: 100},
	}},
}

// PersonDetailField returns the spec of one of the person's details, or nil.
func PersonDetailField(key string) *FieldSpec {
	for i := range PersonDetailsSpec {
		if f := PersonDetailsSpec[i].Field(key); f != nil {
			return f
		}
	}
	return nil
}

// Fields pairs each detail's key with where its value is, in the order of
// the form: the one place the details are read and written by key.
func (d *PersonDetails) Fields() []struct {
	Key   string
	Value *string
} {
	return []struct {
		Key   string
		Value *string
	}{
		{"address", &d.Address}, {"postcode", &d.Postcode}, {"phone", &d.Phone}, {"email", &d.Email},
		{"preferredContact", &d.PreferredContact}, {"gpName", &d.GPName}, {"gpAddress", &d.GPAddress},
		{"gpPhone", &d.GPPhone}, {"gpOdsCode", &d.GPODSCode}, {"livesAlone", &d.LivesAlone},
		{"livesWith", &d.LivesWith}, {"accessNotes", &d.AccessNotes}, {"gender", &d.Gender},
		{"ethnicity", &d.Ethnicity}, {"religion", &d.Religion},
	}
}

// IsZero reports whether no detail is recorded.
func (d PersonDetails) IsZero() bool { return d == PersonDetails{} }

// Validate checks and tidies the details in place. It returns nil, or one
// EINVALID *Error per field in the order of the form, joined (see
// FieldErrors), each with Field set to the detail's key.
func (d *PersonDetails) Validate(now time.Time) error {
	var errs []error
	for _, f := range d.Fields() {
		spec := PersonDetailField(f.Key)
		v, err := spec.Clean(*f.Value, now)
		var e *Error
		if f.Key == "email" && errors.As(err, &e) && strings.HasSuffix(e.Message, "like name@example.com") {
			// the NHS pattern's own words, for the person's address
			err = FieldError(f.Key, "Enter an email address in the correct format, like name@example.com")
		}
		if err == nil && v != "" {
			switch f.Key {
			case "postcode":
				v, err = NormalizePostcode(f.Key, v)
			case "phone", "gpPhone":
				err = checkPhoneDigits(f.Key, spec.Label, v)
			case "gpOdsCode":
				v, err = NormalizeODSCode(f.Key, v)
			case "address", "gpAddress", "accessNotes":
				v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
			}
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		*f.Value = v
	}
	if d.LivesAlone == "yes" && d.LivesWith != "" {
		errs = append(errs, FieldError("livesWith", "Leave who they live with empty if they live alone"))
	}
	return joinErrors(errs)
}

// NormalizePostcode reads a UK postcode as typed, in any case and with or
// without its space ("sw1a1aa"), and returns it as it is written:
// "SW1A 1AA". EINVALID, with Field set to field, if it is not the shape of
// a UK postcode.
func NormalizePostcode(field, s string) (string, error) {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if !postcodeShape(compact) {
		return "", FieldError(field, "Enter a real postcode, like SW1A 1AA")
	}
	return compact[:len(compact)-3] + " " + compact[len(compact)-3:], nil
}

// postcodeShape reports whether s (upper case, no spaces) has the shape of
// a UK postcode: an outward code of A9, A99, AA9, AA99, A9A or AA9A, then
// an inward code of 9AA.
func postcodeShape(s string) bool {
	if len(s) < 5 || len(s) > 7 {
		return false
	}
	out, in := s[:len(s)-3], s[len(s)-3:]
	if !isDigit(in[0]) || !isUpper(in[1]) || !isUpper(in[2]) {
		return false
	}
	shape := make([]byte, len(out))
	for i := 0; i < len(out); i++ {
		switch {
		case isUpper(out[i]):
			shape[i] = 'A'
		case isDigit(out[i]):
			shape[i] = '9'
		default:
			return false
		}
	}
	switch string(shape) {
	case "A9", "A99", "AA9", "AA99", "A9A", "AA9A":
		return true
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

// PostcodeKey is a postcode as search compares it: upper case, no spaces,
// or "" if s is not the shape of a whole postcode.
func PostcodeKey(s string) string {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if !postcodeShape(compact) {
		return ""
	}
	return compact
}

// PhoneDigits is a phone number as search compares it: its digits only.
func PhoneDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// checkPhoneDigits refuses a UK phone number without 10 or 11 digits; a
// number starting with + (from abroad) may have from 8 to 15.
func checkPhoneDigits(field, label, v string) error {
	n := len(PhoneDigits(v))
	if strings.HasPrefix(v, "+") {
		if n < 8 || n > 15 {
			return FieldError(field, label+" must have between 8 and 15 digits after the +, like +44 1632 960 001")
		}
		return nil
	}
	if n < 10 || n > 11 {
		return FieldError(field, "Enter a "+lowerFirst(label)+" with 10 or 11 digits, like 01632 960 001")
	}
	return nil
}

// NormalizeODSCode reads an organisation (ODS) code as typed, such as
// "a81001", and returns it in upper case. EINVALID, with Field set to
// field, if it is not 3 to 10 letters and digits.
func NormalizeODSCode(field, s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	ok := len(s) >= 3 && len(s) <= 10
	for _, r := range s {
		if r > unicode.MaxASCII || !(isDigit(byte(r)) || isUpper(byte(r))) {
			ok = false
		}
	}
	if !ok {
		return "", FieldError(field, "Enter a practice code of 3 to 10 letters and numbers, like A81001")
	}
	return s, nil
}
