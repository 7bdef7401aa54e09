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
// holds control characters (including NUL, tabs and line breaks) or hidden
// formatting characters (see hidden), or is longer than max characters.
// Empty text is allowed: use Required for that.
func CleanText(field, label, s string, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", FieldError(field, label+" contains characters that cannot be read. Type it again")
	}
	s = strings.TrimSpace(s)
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return "", FieldError(field, label+" must not contain line breaks, tabs or hidden control characters")
		}
		if hidden(rs, i) {
			return "", FieldError(field, label+" must not contain hidden formatting characters (such as zero-width spaces or direction marks). Retype it")
		}
	}
	if n := len(rs); n > max {
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

// Characters with a job only in some places.
const (
	zwnj      = '\u200C' // ZERO WIDTH NON-JOINER
	zwj       = '\u200D' // ZERO WIDTH JOINER
	blackFlag = '\U0001F3F4'
	cancelTag = '\U000E007F'
	firstTag  = '\U000E0020'
	firstVS   = '\uFE00'
)

// hidden reports whether rs[i] changes how one line of text looks, reads
// or compares without being seen, so that two names that look the same
// could be stored as different people: every format character (Unicode
// category Cf: zero-width space, joiners, soft hyphen, byte-order mark,
// word joiner, direction marks, embeddings, overrides and isolates), the
// other default-ignorable characters (Hangul fillers, the combining
// grapheme joiner, unassigned tags), and variation selectors where they
// select nothing.
//
// A few of these have a visible job next to certain characters and are
// allowed there only:
//   - ZERO WIDTH JOINER between two emoji makes one picture of them
//     (👩🏽‍🦳, 🏳️‍🌈), and after a virama it asks for a half form
//     (Sinhala ශ්‍රී);
//   - ZERO WIDTH NON-JOINER after a virama, or between two letters of the
//     Arabic script that would otherwise join, keeps them apart, as in the
//     Persian name حسین‌زاده: the CONTEXTJ rules of RFC 5892 (IDNA), with
//     Arabic joining approximated;
//   - tag characters spell a subdivision flag after a black flag and end
//     with CANCEL TAG (the flags of England, Scotland and Wales).
//
// Variation selectors (U+FE00–FE0F, U+E0100–E01EF) are combining marks
// (Mn), not Cf: VS16 (U+FE0F) asks for the emoji form of a symbol (❤️,
// 1️⃣), and the ideographic ones choose a glyph of a Han character in a
// Japanese name. Nothing defines them after a Latin, Greek or Cyrillic
// letter, a space or at the start, where they would only hide in the
// name, so they are refused there and allowed elsewhere.
func hidden(rs []rune, i int) bool {
	r := rs[i]
	switch {
	case r == zwj:
		return !(afterVirama(rs, i) || isPictographic(baseBefore(rs, i)) && i+1 < len(rs) && isPictographic(rs[i+1]))
	case r == zwnj:
		return !(afterVirama(rs, i) || arabicNonJoin(rs, i))
	case r >= firstTag && r <= cancelTag:
		return !inFlagTags(rs, i)
	case isVariationSelector(r):
		return selectsNothing(rs, i)
	}
	return unicode.Is(unicode.Cf, r) || isIgnorable(r)
}

// isIgnorable reports the default-ignorable characters (invisible unless a
// font has a reason to draw them) that are not format characters or
// variation selectors.
func isIgnorable(r rune) bool {
	switch {
	case r == '\u034F', // COMBINING GRAPHEME JOINER
		r == '\u115F', r == '\u1160', r == '\u3164', r == '\uFFA0', // Hangul fillers, which look like nothing
		r == '\u17B4', r == '\u17B5', // Khmer inherent vowels, not to be used
		r == '\u2065', r >= '\uFFF0' && r <= '\uFFF8', // reserved, ignorable
		r >= '\U000E0000' && r <= '\U000E0FFF' && !isVariationSelector(r): // tags and reserved
		return true
	}
	return false
}

// isVariationSelector reports the variation selectors, including the
// Mongolian free variation selectors.
func isVariationSelector(r rune) bool {
	return r >= firstVS && r <= '\uFE0F' || r >= '\U000E0100' && r <= '\U000E01EF' ||
		r >= '\u180B' && r <= '\u180D' || r == '\u180F'
}

// selectsNothing reports whether the variation selector at rs[i] follows
// nothing it could select a form of.
func selectsNothing(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && unicode.Is(unicode.Mn, rs[j]) && !isVariationSelector(rs[j]) {
		j-- // the base of a letter with accents
	}
	if j < 0 || isVariationSelector(rs[j]) {
		return true
	}
	p := rs[j]
	switch {
	case unicode.IsSpace(p), unicode.Is(unicode.Cf, p):
		return true
	case unicode.IsLetter(p) && unicode.In(p, unicode.Latin, unicode.Greek, unicode.Cyrillic):
		return true
	case p < utf8.RuneSelf && !unicode.IsDigit(p) && p != '#' && p != '*':
		return true // ASCII punctuation; digits, # and * take VS16 to become keycaps
	}
	return false
}

// baseBefore returns the character before rs[i], skipping variation
// selectors (🏳️‍🌈 is flag, VS16, joiner, rainbow), or 0.
func baseBefore(rs []rune, i int) rune {
	for j := i - 1; j >= 0; j-- {
		if !isVariationSelector(rs[j]) {
			return rs[j]
		}
	}
	return 0
}

// isPictographic reports emoji and other pictographic symbols, including
// the skin-tone modifiers and emoji too new for this Unicode table.
func isPictographic(r rune) bool {
	return unicode.Is(unicode.So, r) || r >= '\U0001F000' && r <= '\U0001FAFF'
}

// viramas are the characters (canonical combining class 9) that kill the
// vowel of a consonant, after which a joiner or non-joiner chooses how the
// following consonant is drawn.
var viramas = map[rune]bool{
	'\u094D': true, '\u09CD': true, '\u0A4D': true, '\u0ACD': true, '\u0B4D': true, '\u0BCD': true, // Devanagari to Tamil
	'\u0C4D': true, '\u0CCD': true, '\u0D3B': true, '\u0D3C': true, '\u0D4D': true, '\u0DCA': true, // Telugu to Sinhala
	'\u0E3A': true, '\u0F84': true, '\u1039': true, '\u103A': true, '\u1714': true, '\u1734': true, // Thai to Hanunoo
	'\u17D2': true, '\u1A60': true, '\u1B44': true, '\u1BAA': true, '\u1BAB': true, '\uA806': true, // Khmer to Syloti Nagri
	'\uA8C4': true, '\uA953': true, '\uA9C0': true, '\uAAF6': true, '\uABED': true, // Saurashtra to Meetei Mayek
}

func afterVirama(rs []rune, i int) bool {
	return i > 0 && viramas[rs[i-1]]
}

// arabicNonJoin reports whether the non-joiner at rs[i] stands between an
// Arabic-script letter that joins to the next one and a letter that joins
// to the one before (marks between are skipped), where it visibly breaks
// the join.
func arabicNonJoin(rs []rune, i int) bool {
	prev, next := rune(0), rune(0)
	for j := i - 1; j >= 0; j-- {
		if !unicode.Is(unicode.Mn, rs[j]) {
			prev = rs[j]
			break
		}
	}
	for j := i + 1; j < len(rs); j++ {
		if !unicode.Is(unicode.Mn, rs[j]) {
			next = rs[j]
			break
		}
	}
	isArabicLetter := func(r rune) bool { return unicode.IsLetter(r) && unicode.Is(unicode.Arabic, r) }
	const hamza = '\u0621' // joins to nothing
	return isArabicLetter(prev) && !joinsOnlyBefore(prev) && prev != hamza && isArabicLetter(next) && next != hamza
}

// joinsOnlyBefore reports the Arabic letters that never join to the letter
// after them (joining type R: alef, dal, reh, waw and their forms), so a
// non-joiner after them changes nothing.
func joinsOnlyBefore(r rune) bool {
	switch {
	case r >= '\u0622' && r <= '\u0625', r == '\u0627', r == '\u0629', // alef with madda or hamza, waw with hamza, alef, teh marbuta
		r >= '\u062F' && r <= '\u0632', r == '\u0648', // dal, thal, reh, zain, waw
		r >= '\u0671' && r <= '\u0673', r == '\u0675', r == '\u0677',
		r >= '\u0688' && r <= '\u0699', r == '\u06C0', r >= '\u06C3' && r <= '\u06CB',
		r == '\u06CD', r == '\u06CF', r == '\u06D2', r == '\u06D3', r == '\u06D5':
		return true
	}
	return false
}

// inFlagTags reports whether the tag character at rs[i] belongs to a
// well-formed flag sequence: black flag, tag letters, cancel tag.
func inFlagTags(rs []rune, i int) bool {
	isTag := func(r rune) bool { return r >= firstTag && r <= cancelTag }
	start, end := i, i
	for start > 0 && isTag(rs[start-1]) {
		start--
	}
	for end < len(rs) && isTag(rs[end]) {
		end++
	}
	if start == 0 || rs[start-1] != blackFlag || end-start < 2 || rs[end-1] != cancelTag {
		return false
	}
	for _, r := range rs[start : end-1] {
		if r == cancelTag {
			return false
		}
	}
	return true
}

// isHiddenInFold reports the characters folding drops, wherever they are:
// format characters, variation selectors and other ignorable characters.
func isHiddenInFold(r rune) bool {
	return unicode.Is(unicode.Cf, r) || isVariationSelector(r) || isIgnorable(r)
}
