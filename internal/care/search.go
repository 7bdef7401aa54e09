package care

import (
	"strings"
	"unicode"
)

// foldMap covers letters that do not decompose into a base letter plus an
// accent, so that "lukasiewicz" finds "Łukasiewicz".
var foldMap = map[rune]string{
	'ł': "l", 'ø': "o", 'đ': "d", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ı': "i",
}

// accentFree maps common precomposed Latin letters to their base letter; it
// avoids a dependency on a Unicode normalisation package for this one job.
var accentFree = buildAccentFree()

func buildAccentFree() map[rune]rune {
	groups := map[rune]string{
		'a': "àáâãäåāăą", 'c': "çćĉċč", 'd': "ď", 'e': "èéêëēĕėęě", 'g': "ĝğġģ",
		'h': "ĥħ", 'i': "ìíîïĩīĭįİ", 'j': "ĵ", 'k': "ķ", 'l': "ĺļľŀ", 'n': "ñńņňŉ",
		'o': "òóôõöōŏő", 'r': "ŕŗř", 's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűų",
		'w': "ŵẁẃẅ", 'y': "ýÿŷỳ", 'z': "źżž",
	}
	m := make(map[rune]rune)
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}

// FoldLetters lowers text and replaces accented and special Latin letters
// with their base letters, keeping everything else (punctuation, spaces,
// other scripts) as it is: "Łukasiewicz" becomes "lukasiewicz".
func FoldLetters(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if base, ok := accentFree[r]; ok {
			r = base
		}
		if f := foldMap[r]; f != "" {
			b.WriteString(f)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fold turns text into the form used for matching: FoldLetters, with
// apostrophes, hyphens and dots dropped and runs of space folded.
// "Zoë Ó'Brien" folds to "zoe obrien".
func Fold(s string) string {
	var b strings.Builder
	for _, r := range FoldLetters(s) {
		switch {
		case r == '\'' || r == '’' || r == '-' || r == '‐' || r == '.':
		case unicode.IsSpace(r):
			if b.Len() > 0 && !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimRight(b.String(), " ")
}
