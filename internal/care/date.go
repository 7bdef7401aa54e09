package care

import (
	"strconv"
	"strings"
	"time"
)

// DateLayout is how dates are stored and cross the Go/JS boundary.
const DateLayout = "2006-01-02"

// ParseDate checks a date given as YYYY-MM-DD and returns it at midnight UTC.
// It refuses dates that do not exist (such as 31 February) with an EINVALID
// error for field, using label in the message.
func ParseDate(field, label, s string) (time.Time, error) {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) != 3 {
		return time.Time{}, FieldError(field, label+" must be a real date")
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || p == "" || p[0] == '+' || p[0] == '-' {
			return time.Time{}, FieldError(field, label+" must be a real date")
		}
		n[i] = v
	}
	y, m, d := n[0], n[1], n[2]
	if y < 1000 || y > 9999 {
		return time.Time{}, FieldError(field, label+" must include a year with 4 numbers")
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || t.Day() != d || int(t.Month()) != m {
		return time.Time{}, FieldError(field, label+" must be a real date")
	}
	return t, nil
}

// FormatDate shows a stored YYYY-MM-DD date in UK form, "21 November 2026".
// Anything that is not such a date is returned unchanged.
func FormatDate(s string) string {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}
