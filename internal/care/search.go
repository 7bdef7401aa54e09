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
var accentFree = byLetter(map[rune]string{
	'a': "àáâãäåāăą", 'c': "çćĉċč", 'd': "ď", 'e': "èéêëēĕėęě", 'g': "ĝğġģ",
	'h': "ĥħ", 'i': "ìíîïĩīĭįİ", 'j': "ĵ", 'k': "ķ", 'l': "ĺļľŀ", 'n': "ñńņňŉ",
	'o': "òóôõöōŏő", 'r': "ŕŗř", 's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűų",
	'w': "ŵẁẃẅ", 'y': "ýÿŷỳ", 'z': "źżž",
})

// FoldLetters turns text into the letters it looks like, for matching:
// letters of other scripts that pass for Latin letters become those
// letters (a UTS #39 skeleton, see confusableGroups: Cyrillic "Dеrek" and
// fullwidth "Ｄerek" become "derek"), everything is lowered, accented and
// special Latin letters become their base letters, and hidden characters
// (zero-width spaces, joiners, direction marks, variation selectors) are
// dropped. Punctuation, spaces and other scripts stay as they are:
// "Łukasiewicz" becomes "lukasiewicz".
func FoldLetters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isHiddenInFold(r) {
			continue
		}
		if sk := skeleton(r); sk != "" {
			b.WriteString(sk)
			continue
		}
		r = unicode.ToLower(r)
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

// LooksAlike reports whether two names read the same once folded (see
// Fold), as typed or in lower case: UTS #39 skeletons depend on case
// (Greek Η looks like H, η does not look like h), so comparing both ways
// also catches a name typed once in capitals.
func LooksAlike(a, b string) bool {
	// Lowering, as case folding does, treats the Greek final sigma as sigma.
	lower := strings.NewReplacer("ς", "σ").Replace
	return Fold(a) == Fold(b) || Fold(lower(strings.ToLower(a))) == Fold(lower(strings.ToLower(b)))
}
