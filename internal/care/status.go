package care

import (
	"context"
	"strconv"
	"time"
)

// Why a person is no longer supported.
const (
	StatusDischarged = "discharged"
	StatusDied       = "died"
	StatusArchived   = "archived"
)

// StatusKinds are the ways a person stops being supported, for the form.
var StatusKinds = []Choice{
	{StatusDischarged, "Discharged"},
	{StatusDied, "Died"},
	{StatusArchived, "Archived"},
}

// Limits for a status.
const (
	MaxStatusReasonLen   = 500
	MaxCancelReasonLen   = 500
	DefaultRetentionYrs  = 8
	RetentionSettingKey  = "retentionYears"
	MaxRetentionYears    = 100
	statusDateFieldLabel = "Date"
)

// PersonStatus records that a person is no longer supported: discharged
// (with a reason), died, or archived, from a date. A person with no status
// is supported.
type PersonStatus struct {
	PersonID   int64
	Kind       string // StatusDischarged, StatusDied or StatusArchived
	Date       string // YYYY-MM-DD
	Reason     string // required for a discharge; optional otherwise
	RecordedAt time.Time
	RecordedBy string
}

// Validate checks and tidies the status in place, for a person born on
// dob, as of now. It returns nil or EINVALID *Errors joined, one per field.
func (s *PersonStatus) Validate(dob string, now time.Time) error {
	var errs []error
	if !isStatusKind(s.Kind) {
		errs = append(errs, FieldError("kind", "Select why the person is no longer supported"))
	}
	if s.Date == "" || s.Date == "--" {
		what := "the date"
		switch s.Kind {
		case StatusDischarged:
			what = "the date of discharge"
		case StatusDied:
			what = "the date they died"
		}
		errs = append(errs, FieldError("date", "Enter "+what))
	} else if t, err := ParseDate("date", statusDateFieldLabel, s.Date); err != nil {
		errs = append(errs, err)
	} else {
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		if t.After(today) {
			errs = append(errs, FieldError("date", "The date must be today or in the past"))
		} else if dob != "" && t.Format(DateLayout) < dob {
			errs = append(errs, FieldError("date", "The date must be after their date of birth, "+FormatDate(dob)))
		} else {
			s.Date = t.Format(DateLayout)
		}
	}
	var err error
	if s.Kind == StatusDischarged {
		s.Reason, err = Required("reason", "Reason", "the reason for discharge", s.Reason, MaxStatusReasonLen)
	} else {
		s.Reason, err = CleanText("reason", "Reason", s.Reason, MaxStatusReasonLen)
	}
	if err != nil {
		errs = append(errs, err)
	}
	return joinErrors(errs)
}

func isStatusKind(k string) bool {
	for _, c := range StatusKinds {
		if c.Value == k {
			return true
		}
	}
	return false
}

// Summary is the status in plain words: "Discharged on 1 June 2027".
func (s *PersonStatus) Summary() string {
	switch s.Kind {
	case StatusDischarged:
		return "Discharged on " + FormatDate(s.Date)
	case StatusDied:
		return "Died on " + FormatDate(s.Date)
	}
	return "Archived on " + FormatDate(s.Date)
}

// DeletableFrom is the first day (YYYY-MM-DD) the record of a person with
// status s may be deleted, retention years after its date.
func (s *PersonStatus) DeletableFrom(years int) string {
	t, err := time.Parse(DateLayout, s.Date)
	if err != nil {
		return ""
	}
	return t.AddDate(years, 0, 0).Format(DateLayout)
}

// ParseRetention reads the retention setting: whole years, DefaultRetentionYrs
// if unset or unreadable.
func ParseRetention(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > MaxRetentionYears {
		return DefaultRetentionYrs
	}
	return n
}

// ValidateRetention checks a retention period typed as whole years.
func ValidateRetention(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxRetentionYears {
		return 0, FieldError("retentionYears", "Enter the retention period as a whole number of years from 1 to "+itoa(MaxRetentionYears))
	}
	return n, nil
}

// Audit actions for removing people.
const (
	AuditDeletePerson   = "delete-person"
	AuditRemoveExamples = "remove-examples"
	AuditStatusRecorded = "status-recorded"
	AuditSupportedAgain = "supported-again"
	ActionStatus        = "status"
	ActionSupportAgain  = "support-again"
	ActionCancelMeeting = "cancel-meeting"
	SectionPersonStatus = "status"
)

// ErrMeetingInProgress is what recording a status gets, unless confirmed,
// when the person has a meeting that has started and not ended.
var ErrMeetingInProgress = &Error{Code: ECONFLICT, Field: "confirm",
	Message: "This person has a meeting in progress. Discharging them leaves it unfinished. Confirm that you want to go ahead"}

// StatusService records who is no longer supported, cancels meetings, and
// deletes people.
type StatusService interface {
	// FindStatus returns the person's status, nil if they are supported.
	// ENOTFOUND if there is no such person.
	FindStatus(ctx context.Context, personID int64) (*PersonStatus, error)

	// RecordStatus records that the person is no longer supported, in
	// history. EINVALID; ErrMeetingInProgress unless confirm.
	RecordStatus(ctx context.Context, s *PersonStatus, confirm bool) error

	// SupportAgain re-opens the record of someone no longer supported.
	SupportAgain(ctx context.Context, personID int64) error

	// DeletePerson removes the person's record entirely, once the retention
	// period after their status's date has passed, and audits it (who and
	// when, never their details). ESIGNIN without a signed-in account;
	// ELOCKED (saying when it becomes possible) inside retention or for a
	// person still supported.
	DeletePerson(ctx context.Context, personID int64) error

	// RemoveExamplePeople removes every person the example loader added,
	// whatever their status, and returns how many.
	RemoveExamplePeople(ctx context.Context) (int, error)

	// MarkExample records that the example loader added the person.
	MarkExample(ctx context.Context, personID int64) error

	// CancelMeeting cancels a meeting that has not started. EINVALID for
	// no reason; ELOCKED for a meeting started, ended or cancelled.
	CancelMeeting(ctx context.Context, meetingID int64, reason string) error

	// Retention returns the retention period in years.
	Retention(ctx context.Context) (int, error)
}

// The history screen's words for status changes, kept here with the rest
// of this file's vocabulary rather than in labels.go.
func init() {
	personFieldLabels["status"] = "No longer supported"
	personFieldLabels["statusDate"] = "Date no longer supported"
	personFieldLabels["statusReason"] = "Reason no longer supported"
	HistoryActions = append(HistoryActions,
		Choice{Value: ActionStatus, Label: "Recorded as no longer supported"},
		Choice{Value: ActionSupportAgain, Label: "Supported again"})
}
