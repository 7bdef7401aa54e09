package care

import (
	"context"
	"errors"
	"time"
)

// Length limits for a person's details, in characters.
const (
	MaxNameLen     = 100
	MaxPronounsLen = 50
)

// Person is someone whose care is planned. Their record is told once and
// carried into every meeting and plan.
type Person struct {
	ID            int64
	UUID          string // random, version 4: the id that travels beyond this database
	GivenName     string
	FamilyName    string
	PreferredName string // what they like to be called, if not their given name
	Pronouns      string
	DateOfBirth   string // YYYY-MM-DD
	NHSNumber     string // 10 digits, or "" if not known
	Details       PersonDetails

	// Version counts saved changes; an update must name the version it
	// started from, so two windows cannot silently overwrite each other.
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// DisplayName is how the person is shown in lists and headings: preferred
// name if given, then family name.
func (p *Person) DisplayName() string {
	first := p.GivenName
	if p.PreferredName != "" {
		first = p.PreferredName
	}
	switch {
	case first == "":
		return p.FamilyName
	case p.FamilyName == "":
		return first
	}
	return first + " " + p.FamilyName
}

// Validate checks and tidies the person's details in place, as of now. It
// returns nil, or one EINVALID *Error per field in the order of the form
// (joined with errors.Join; see FieldErrors), each with Field set to the
// input it belongs beside.
func (p *Person) Validate(now time.Time) error {
	var errs []error
	check := func(dst *string, clean func(string) (string, error)) {
		v, err := clean(*dst)
		if err != nil {
			errs = append(errs, err)
			return
		}
		*dst = v
	}
	check(&p.GivenName, func(s string) (string, error) {
		return Required("givenName", "Given name", "the person's given name", s, MaxNameLen)
	})
	check(&p.FamilyName, func(s string) (string, error) {
		return Required("familyName", "Family name", "the person's family name", s, MaxNameLen)
	})
	check(&p.PreferredName, func(s string) (string, error) {
		return CleanText("preferredName", "Preferred name", s, MaxNameLen)
	})
	check(&p.Pronouns, func(s string) (string, error) { return CleanText("pronouns", "Pronouns", s, MaxPronounsLen) })
	check(&p.DateOfBirth, func(s string) (string, error) { return ValidateDateOfBirth("dateOfBirth", s, now) })
	check(&p.NHSNumber, func(s string) (string, error) { return NormalizeNHSNumber("nhsNumber", s) })
	if err := p.Details.Validate(now); err != nil {
		errs = append(errs, err)
	}
	return joinErrors(errs)
}

// MayBe reports whether p and q may be the same person: their given and
// family names read the same once folded (see LooksAlike: case, accents,
// hidden characters and look-alike letters of other scripts aside) and
// they were born on the same day.
func (p *Person) MayBe(q *Person) bool {
	return p.DateOfBirth == q.DateOfBirth && LooksAlike(p.GivenName+" "+p.FamilyName, q.GivenName+" "+q.FamilyName)
}

// DuplicateError is the ECONFLICT error for a new person who may already
// be recorded (see Person.MayBe). errors.As finds its *Error, so code that
// knows only *Error shows the message; Existing is the person recorded.
type DuplicateError struct {
	Err      *Error
	Existing *Person
}

// NewDuplicateError returns the error for a new person who may be existing,
// with Field "givenName": "There is already a Derek Johnson born 9 August 1962".
func NewDuplicateError(existing *Person) *DuplicateError {
	return &DuplicateError{Existing: existing, Err: &Error{Code: ECONFLICT, Field: "givenName",
		Message: "There is already a " + existing.GivenName + " " + existing.FamilyName + " born " + FormatDate(existing.DateOfBirth)}}
}

// Error implements the error interface.
func (e *DuplicateError) Error() string { return e.Err.Error() }

// Unwrap returns the *Error.
func (e *DuplicateError) Unwrap() error { return e.Err }

// DuplicateOf returns the id of the person already recorded if err is (or
// wraps) a *DuplicateError, else 0.
func DuplicateOf(err error) int64 {
	var d *DuplicateError
	if errors.As(err, &d) && d.Existing != nil {
		return d.Existing.ID
	}
	return 0
}

// joinErrors is errors.Join that returns a plain nil for no errors.
func joinErrors(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}

// ValidateDateOfBirth checks a YYYY-MM-DD date of birth: required, a real
// date, in the past as of now and no more than 130 years before it.
func ValidateDateOfBirth(field, s string, now time.Time) (string, error) {
	if s == "" || s == "--" {
		return "", FieldError(field, "Enter the person's date of birth")
	}
	t, err := ParseDate(field, "Date of birth", s)
	if err != nil {
		return "", err
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if !t.Before(today) {
		return "", FieldError(field, "Date of birth must be in the past")
	}
	if t.Before(today.AddDate(-130, 0, 0)) {
		return "", FieldError(field, "Date of birth must be after "+today.AddDate(-130, 0, 0).Format("2 January 2006"))
	}
	return t.Format(DateLayout), nil
}

// PersonUpdate holds the details to change; nil fields are left as they are.
// Version must be the version the change was made from.
type PersonUpdate struct {
	GivenName     *string
	FamilyName    *string
	PreferredName *string
	Pronouns      *string
	DateOfBirth   *string
	NHSNumber     *string
	Details       *PersonDetails // all of them at once
	Version       int
}

// Apply copies the set fields of upd onto p.
func (upd PersonUpdate) Apply(p *Person) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&p.GivenName, upd.GivenName)
	set(&p.FamilyName, upd.FamilyName)
	set(&p.PreferredName, upd.PreferredName)
	set(&p.Pronouns, upd.Pronouns)
	set(&p.DateOfBirth, upd.DateOfBirth)
	set(&p.NHSNumber, upd.NHSNumber)
	if upd.Details != nil {
		p.Details = *upd.Details
	}
}

// PersonFilter narrows a search for people.
type PersonFilter struct {
	// Query is what was typed in the search box; see SearchPeople.
	Query string
	// IncludeInactive also finds people no longer supported (see PersonStatus).
	IncludeInactive bool
	Offset          int
	Limit           int // 0 means DefaultPersonLimit
}

// Search limits.
const (
	DefaultPersonLimit = 20
	MaxPersonLimit     = 100
	MaxQueryLen        = 200
	// MaxCounted is how far matches are counted. A search that matches more
	// reports MaxCounted+1 ("more than 1,000") and returns them unranked:
	// ranking most of the county helps nobody, and the next key narrows it.
	MaxCounted = 1000
)

// TextRun is a piece of text, marked if it matched a search.
type TextRun struct {
	Text  string
	Match bool
}

// PersonMatch is one search result: the person, their name with the
// matching words marked, and a marked snippet of About me if words there
// matched.
type PersonMatch struct {
	Person  *Person
	Name    []TextRun
	Snippet []TextRun
	Status  *PersonStatus // nil if they are supported
}

// PersonService stores and finds people.
type PersonService interface {
	// FindPersonByID returns one person. ENOTFOUND if there is none.
	FindPersonByID(ctx context.Context, id int64) (*Person, error)

	// SearchPeople returns the people matching filter, best first, at most
	// Limit of them, and how many match in all. A query matches the start of
	// words in names, the NHS number (with or without spaces), a date of
	// birth (such as 1/4/1950 or 1950-04-01), About me words, the postcode
	// (with or without its space) and the phone number (ignoring spaces),
	// and each person comes with their Details; an empty
	// query lists everyone by name. EINVALID if the query is too long or not
	// readable text. The total is exact up to MaxCounted; beyond it the
	// total is MaxCounted+1 and the results are not ranked.
	SearchPeople(ctx context.Context, filter PersonFilter) ([]*PersonMatch, int, error)

	// CreatePerson validates and stores a new person, setting p.ID, Version
	// and times. EINVALID for bad details; ECONFLICT if the NHS number is
	// already recorded for someone else, or (a *DuplicateError) if someone
	// who may be the same person (Person.MayBe) is recorded, unless the
	// coordinator has said they are not: their id is in differentFrom.
	CreatePerson(ctx context.Context, p *Person, differentFrom ...int64) error

	// UpdatePerson changes a person's details and returns the new record.
	// ENOTFOUND, EINVALID, or ECONFLICT if the record changed since
	// upd.Version or the NHS number belongs to someone else.
	UpdatePerson(ctx context.Context, id int64, upd PersonUpdate) (*Person, error)
}
