package care_test

import (
	"testing"
	"time"

	"whatmatters/internal/care"
)

func TestPersonStatus_Validate(t *testing.T) {
	now := time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		name  string
		st    care.PersonStatus
		field string
		msg   string
	}{
		{"Discharged", care.PersonStatus{Kind: care.StatusDischarged, Date: "2026-11-21", Reason: " Moved away "}, "", ""},
		{"DiedNoReason", care.PersonStatus{Kind: care.StatusDied, Date: "2026-11-01"}, "", ""},
		{"ErrKind", care.PersonStatus{Kind: "gone", Date: "2026-11-01"}, "kind", "Select why the person is no longer supported"},
		{"ErrNoDate", care.PersonStatus{Kind: care.StatusDied}, "date", "Enter the date they died"},
		{"ErrFuture", care.PersonStatus{Kind: care.StatusArchived, Date: "2026-11-22"}, "date", "The date must be today or in the past"},
		{"ErrBeforeBirth", care.PersonStatus{Kind: care.StatusArchived, Date: "1940-01-01"}, "date", "The date must be after their date of birth, 14 March 1946"},
		{"ErrNotADate", care.PersonStatus{Kind: care.StatusArchived, Date: "2026-02-30"}, "date", "Date must be a real date"},
		{"ErrNoReason", care.PersonStatus{Kind: care.StatusDischarged, Date: "2026-11-01", Reason: "  "}, "reason", "Enter the reason for discharge"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			errs := care.FieldErrors(tt.st.Validate("1946-03-14", now))
			if tt.field == "" {
				if len(errs) != 0 {
					t.Fatalf("errors: %v", errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Field != tt.field || errs[0].Message != tt.msg {
				t.Errorf("got %v, want %s: %s", errs, tt.field, tt.msg)
			}
		})
	}
}

func TestPersonStatus_DeletableFrom(t *testing.T) {
	st := care.PersonStatus{Kind: care.StatusDischarged, Date: "2024-02-29"}
	if got := st.DeletableFrom(8); got != "2032-02-29" {
		t.Errorf("8 years = %s", got)
	}
	for v, want := range map[string]int{"": 8, "x": 8, "-1": 8, "12": 12} {
		if got := care.ParseRetention(v); got != want {
			t.Errorf("ParseRetention(%q) = %d, want %d", v, got, want)
		}
	}
}
