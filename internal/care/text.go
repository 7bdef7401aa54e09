package care

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText checks one line of free text typed into a field labelled label.
// Surrounding white space is removed; the rest is kept exactly as typed.
// It returns an EINVALID error for field if the text is not valid UTF-8,
// holds control characters (including NUL, tabs and line breaks), or is
// longer than max characters. Empty text is allowed: use Required for that.
func CleanText(field, label, s string, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", FieldError(field, label+" contains characters that cannot be read. Type it again")
	}
	s = strings.TrimSpace(s)
	for _, r := range s {
		if unicode.IsControl(r) {
			return "", FieldError(field, label+" must not contain line breaks, tabs or hidden control characters")
		}
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "", FieldError(field, label+" must be "+itoa(max)+" characters or fewer")
	}
	return s, nil
}

// Required is CleanText for a field that must not be empty; the message for
// an empty field is "Enter " + what.
func Required(field, label, what, s string, max int) (string, error) {
	s, err := CleanText(field, label, s, max)
	if err != nil {
		return "", err
	} else if s == "" {
		return "", FieldError(field, "Enter "+what)
	}
	return s, nil
}

// itoa formats a whole number for messages.
func itoa(n int) string { return strconv.Itoa(n) }
