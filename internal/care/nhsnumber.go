package care

import "strings"

// NormalizeNHSNumber checks an NHS number as typed (spaces and hyphens
// allowed, as people copy it from letters) and returns its 10 digits. The
// last digit must be the modulus-11 check digit of the first nine. An empty
// string is allowed and returned as "". Errors are EINVALID for field.
func NormalizeNHSNumber(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	digits := make([]byte, 0, 10)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == ' ' || c == '-':
		default:
			return "", FieldError(field, "NHS number must contain only numbers, like 943 476 5919")
		}
	}
	if len(digits) != 10 {
		return "", FieldError(field, "NHS number must be 10 digits")
	}
	if !ValidNHSNumber(string(digits)) {
		return "", FieldError(field, "Enter a valid NHS number. Check it on a letter or ask the person")
	}
	return string(digits), nil
}

// ValidNHSNumber reports whether d is 10 digits whose last is the modulus-11
// check digit of the first nine.
func ValidNHSNumber(d string) bool {
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		c := d[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && d[9] == byte('0'+check)
}

// FormatNHSNumber shows 10 digits in the 3-3-4 form staff read, such as
// "943 476 5919". Anything else is returned unchanged.
func FormatNHSNumber(d string) string {
	if len(d) != 10 {
		return d
	}
	return d[:3] + " " + d[3:6] + " " + d[6:]
}
