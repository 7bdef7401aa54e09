package care

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// RecordField is one stored value of a non-list section, such as one About
// me heading. Version counts its saved changes.
type RecordField struct {
	Value     string
	Version   int
	UpdatedAt time.Time
	UpdatedBy string
}

// Item is one entry of a list section, such as one contact, in its stored
// form: Values are keyed by the schema's field keys, as the forms send
// them. Read it typed through the Record's accessors (r.Contacts()...),
// or care.Decode.
type Item struct {
	ID        int64
	UUID      string // random, version 4: the id that travels beyond this database
	PersonID  int64
	Section   string
	Values    map[string]string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Record is a person's whole record: told once, carried into every meeting.
type Record struct {
	Person *Person
	Fields map[string]map[string]RecordField // section → field → value
	Items  map[string][]*Item                // section → items, oldest first
}

// Value returns the stored text of a field of a non-list section, or "":
// what the forms show. Code that means something by a field reads it
// typed instead (r.Budget().AmountPence, r.Review().Date; see mapping.go).
func (r *Record) Value(section, key string) string {
	return r.Fields[section][key].Value
}

// FieldChange is a new value for one field, and the version it was made
// from (0 if the field had never been saved).
type FieldChange struct {
	Key     string
	Value   string
	Version int
}

// HistoryEntry is one kept change to a record: who, when, which field,
// before and after.
type HistoryEntry struct {
	ID       int64
	PersonID int64
	At       time.Time
	Actor    Actor
	Action   string
	Section  string
	ItemID   int64
	Field    string
	Before   string
	After    string
	Item     string // what the item is called, when shown (see Shown)
}

// RecordService keeps the sections of people's records, and their history.
type RecordService interface {
	// FindRecord returns a person's whole record. ENOTFOUND.
	FindRecord(ctx context.Context, personID int64) (*Record, error)

	// SaveFields saves changed fields of one non-list section at once, or
	// none of them. action is ActionEdit, or ActionEditPersonsWords, which
	// fields in the person's own words require. EINVALID, ENOTFOUND, and
	// ECONFLICT if a field changed since the version given.
	SaveFields(ctx context.Context, personID int64, section, action string, changes []FieldChange) error

	// SaveItem adds an item to a list section (ID 0) or changes one (its
	// Version must be the stored one), setting ID, Version and times.
	// EINVALID, ENOTFOUND, ECONFLICT.
	SaveItem(ctx context.Context, item *Item) error

	// RemoveItem removes an item, keeping its values in history.
	// ENOTFOUND, ECONFLICT, EINVALID if something else depends on it.
	RemoveItem(ctx context.Context, personID, itemID int64, version int) error

	// FindHistory returns a person's kept changes, newest first, and how
	// many there are in all.
	FindHistory(ctx context.Context, personID int64, offset, limit int) ([]*HistoryEntry, int, error)

	// Restore brings back what a history entry replaced, as a new change:
	// a field's earlier value or a removed item. EINVALID, with why, if it
	// depends on something no longer in the record. ENOTFOUND, ECONFLICT.
	Restore(ctx context.Context, personID, historyID int64) error

	// FindNames returns what a person's history needs to name what it
	// refers to (see Names). ENOTFOUND.
	FindNames(ctx context.Context, personID int64) (*Names, error)
}

// Clean checks one value against the field's rules, as of now, and returns
// it tidied: one-line text loses surrounding white space; long text is kept
// exactly as typed; money becomes whole pence. EINVALID with Field set to
// the field's key.
func (f *FieldSpec) Clean(v string, now time.Time) (string, error) {
	switch f.Kind {
	case KindScale:
		v = strings.TrimSpace(v)
		if v == "" {
			return "", nil
		}
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 10 {
			return "", FieldError(f.Key, "Enter a whole number from 1 to 10 for "+lowerFirst(shortLabel(f.Label)))
		} else {
			return strconv.Itoa(n), nil
		}
	case KindMoney:
		return cleanMoney(f, v)
	case KindDate:
		v = strings.TrimSpace(v)
		if v == "" || v == "--" {
			return "", nil
		}
		t, err := ParseDate(f.Key, f.Label, v)
		if err != nil {
			return "", err
		}
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		if f.NotPast && t.Before(today) {
			return "", FieldError(f.Key, f.Label+" must be today or in the future")
		}
		return t.Format(DateLayout), nil
	case KindOwner:
		o, err := ParseOwner(v)
		if err != nil {
			return "", FieldError(f.Key, "Choose who will do it")
		}
		return o.String(), nil
	case KindRef, KindGoalRef:
		if v == "" {
			return "", nil
		}
		if id, err := strconv.ParseInt(v, 10, 64); err != nil || id <= 0 {
			return "", FieldError(f.Key, "Choose one of the options for "+lowerFirst(f.Label))
		} else {
			return Itoa(id), nil
		}
	case KindLongText:
		return cleanLongText(f, v)
	case KindBool:
		switch v {
		case "true":
			return "true", nil
		case "", "false":
			return "", nil
		}
		return "", FieldError(f.Key, "Choose yes or no for "+lowerFirst(f.Label))
	case KindChoice:
		if v == "" {
			return "", nil
		}
		for _, c := range f.Choices {
			if c.Value == v {
				return v, nil
			}
		}
		return "", FieldError(f.Key, "Select one of the options for "+lowerFirst(f.Label))
	case KindContactRef:
		if v == "" {
			return "", nil
		}
		if id, err := strconv.ParseInt(v, 10, 64); err != nil || id <= 0 {
			return "", FieldError(f.Key, "Choose the person or one of their contacts")
		} else {
			return Itoa(id), nil
		}
	}
	v, err := CleanText(f.Key, f.Label, v, f.Max)
	if err != nil || v == "" {
		return v, err
	}
	switch f.Kind {
	case KindPhone:
		digits := 0
		for _, r := range v {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case strings.ContainsRune(" +()-", r):
			default:
				return "", FieldError(f.Key, f.Label+" must only include numbers, spaces and + ( ) -, like 01632 960 001")
			}
		}
		if digits < 3 {
			return "", FieldError(f.Key, f.Label+" must have at least 3 digits")
		}
	case KindEmail:
		at := strings.IndexByte(v, '@')
		if at <= 0 || at != strings.LastIndexByte(v, '@') || !strings.Contains(v[at+1:], ".") ||
			strings.ContainsAny(v, " ,;<>") || strings.HasSuffix(v, ".") {
			return "", FieldError(f.Key, "Enter "+lowerFirst(f.Label)+" in the correct format, like name@example.com")
		}
	}
	return v, nil
}

func cleanLongText(f *FieldSpec, v string) (string, error) {
	if !utf8.ValidString(v) {
		return "", FieldError(f.Key, f.Label+" contains characters that cannot be read. Type it again")
	}
	for _, r := range v {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return "", FieldError(f.Key, f.Label+" must not contain hidden control characters")
		}
	}
	if strings.TrimSpace(v) == "" {
		return "", nil
	}
	if n := utf8.RuneCountInString(v); n > f.Max {
		return "", FieldError(f.Key, f.Label+" must be "+itoa(f.Max)+" characters or fewer. It has "+itoa(n))
	}
	return v, nil
}

// missing is the message for a required field left empty.
func (f *FieldSpec) missing() error {
	verb := "Enter "
	if f.Kind == KindChoice || f.Kind == KindBool {
		verb = "Select "
	}
	return FieldError(f.Key, verb+lowerFirst(f.Label))
}

// CleanValues checks all the values of one list item (or one section), as
// of now, and returns them tidied, without empty values. Every problem is
// reported, one EINVALID *Error per field, joined in the order of the schema.
func (s *SectionSpec) CleanValues(values map[string]string, now time.Time) (map[string]string, error) {
	var errs []error
	for k := range values {
		if s.Field(k) == nil {
			errs = append(errs, Errorf(EINVALID, "%q is not part of %s", k, lowerFirst(s.Title)))
		}
	}
	out := make(map[string]string, len(values))
	failed := map[string]bool{}
	for i := range s.Fields {
		f := &s.Fields[i]
		v, err := f.Clean(values[f.Key], now)
		if err != nil {
			errs = append(errs, err)
			failed[f.Key] = true
			continue
		}
		// A rule that depends on another field waits until that field is right.
		cond := f.RequiredWhen
		required := f.Required || (cond != nil && !failed[cond.Field] &&
			(values[cond.Field] == cond.Value || cond.Value == "*" && values[cond.Field] != ""))
		if required && v == "" {
			errs = append(errs, f.missing())
			continue
		}
		if v != "" {
			out[f.Key] = v
		}
	}
	return out, joinErrors(errs)
}

// shortLabel drops a trailing ", from 1 to 10?" style question from a label.
func shortLabel(label string) string {
	if i := strings.Index(label, ","); i > 0 {
		return strings.TrimSuffix(label[:i], "?")
	}
	return strings.TrimSuffix(label, "?")
}

// cleanMoney reads pounds and pence ("£1,250.50", "12", "12.5") and returns
// whole pence. Negative amounts and words are refused.
func cleanMoney(f *FieldSpec, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	s := strings.ReplaceAll(strings.TrimPrefix(v, "£"), ",", "")
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") || strings.HasPrefix(v, "-£") {
		return "", FieldError(f.Key, f.Label+" must be £0 or more")
	}
	pounds, pence, hasDot := strings.Cut(s, ".")
	if pounds == "" {
		pounds = "0"
	}
	if !allDigits(pounds) || len(pounds) > 9 || (hasDot && (len(pence) == 0 || len(pence) > 2 || !allDigits(pence))) {
		return "", FieldError(f.Key, "Enter "+lowerFirst(f.Label)+" in pounds and pence, like 120.50")
	}
	if len(pence) == 1 {
		pence += "0"
	}
	p, _ := strconv.ParseInt(pounds, 10, 64)
	q, _ := strconv.ParseInt("0"+pence, 10, 64)
	return strconv.FormatInt(p*100+q, 10), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// FormatPence shows whole pence as pounds: "125050" → "£1,250.50".
func FormatPence(p string) string {
	n, err := strconv.ParseInt(p, 10, 64)
	if err != nil {
		return p
	}
	pounds := strconv.FormatInt(n/100, 10)
	for i := len(pounds) - 3; i > 0; i -= 3 {
		pounds = pounds[:i] + "," + pounds[i:]
	}
	return "£" + pounds + "." + strconv.FormatInt(100+n%100, 10)[1:]
}

func lowerFirst(s string) string {
	if s == "" || (len(s) > 1 && unicode.IsUpper(rune(s[1]))) {
		return s // keep acronyms such as "GP" or "ReSPECT"
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// CommunicationBanner is the flag shown on every screen of a person with
// communication needs, such as "Large print; British Sign Language
// interpreter (for Anna Nowak, carer)". It is "" when there are none.
func CommunicationBanner(r *Record) string {
	p := &Plan{Contacts: r.Contacts()}
	var parts []string
	for _, n := range r.CommunicationNeeds() {
		s := ChoiceLabel(CommunicationNeedChoices, n.Need)
		switch {
		case n.Need == "other" && n.Detail != "":
			s = n.Detail
		case n.Language != "":
			s += ": " + n.Language
		}
		if c := p.Contact(n.ForWhom); c != nil {
			who := c.Name
			if c.IsCarer {
				who += ", carer"
			}
			s += " (for " + who + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}
