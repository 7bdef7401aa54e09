package care

import (
	"testing"
	"unicode"
)

// The table holds only non-ASCII letters of the three scripts, each once,
// folding to plain lower-case Latin letters.
func TestConfusableGroups(t *testing.T) {
	seen := map[rune]string{}
	for latin, letters := range confusableGroups {
		for _, r := range latin {
			if r < 'a' || r > 'z' {
				t.Errorf("prototype %q is not lower-case Latin letters", latin)
			}
		}
		for _, r := range letters {
			if r < unicode.MaxASCII || !unicode.IsLetter(r) || !unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) {
				t.Errorf("%U (%q → %q) is not a non-ASCII Latin, Greek or Cyrillic letter", r, r, latin)
			}
			if prev, ok := seen[r]; ok {
				t.Errorf("%U is listed for both %q and %q", r, prev, latin)
			}
			seen[r] = latin
		}
	}
	if len(seen) < 200 {
		t.Errorf("only %d letters in the table", len(seen))
	}
}
