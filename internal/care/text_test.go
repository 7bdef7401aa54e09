package care_test

import (
	"fmt"
	"testing"
	"unicode"

	"whatmatters/internal/care"
)

// formatChars are characters that hide in a name: every one must be refused
// wherever it is put in a one-line field.
var formatChars = []struct {
	name string
	r    rune
}{
	{"soft hyphen", '\u00AD'},
	{"Arabic letter mark", '\u061C'},
	{"Mongolian vowel separator", '\u180E'},
	{"zero-width space", '\u200B'},
	{"zero-width non-joiner", '\u200C'},
	{"zero-width joiner", '\u200D'},
	{"left-to-right mark", '\u200E'},
	{"right-to-left mark", '\u200F'},
	{"left-to-right embedding", '\u202A'},
	{"right-to-left embedding", '\u202B'},
	{"pop directional formatting", '\u202C'},
	{"left-to-right override", '\u202D'},
	{"right-to-left override", '\u202E'},
	{"word joiner", '\u2060'},
	{"function application", '\u2061'},
	{"invisible times", '\u2062'},
	{"left-to-right isolate", '\u2066'},
	{"right-to-left isolate", '\u2067'},
	{"first strong isolate", '\u2068'},
	{"pop directional isolate", '\u2069'},
	{"inhibit symmetric swapping", '\u206A'},
	{"byte-order mark", '\uFEFF'},
	{"interlinear annotation anchor", '\uFFF9'},
	{"Arabic number sign", '\u0600'},
	{"musical symbol begin beam", '\U0001D173'},
	{"language tag", '\U000E0001'},
	{"tag letter g", '\U000E0067'},
	{"cancel tag", '\U000E007F'},
	{"combining grapheme joiner", '\u034F'},
	{"Hangul filler", '\u3164'},
	{"halfwidth Hangul filler", '\uFFA0'},
	{"Hangul choseong filler", '\u115F'},
	{"variation selector 16", '\uFE0F'},
	{"variation selector 1", '\uFE00'},
	{"ideographic variation selector", '\U000E0100'},
	{"Mongolian free variation selector", '\u180B'},
}

// oneLineFields are the one-line fields the characters are tried in, each
// checked through the code the app uses for it.
var oneLineFields = []struct {
	field, label string
	check        func(v string) error
}{
	{"givenName", "Given name", func(v string) error { p := validPerson(); p.GivenName = v; return p.Validate(now) }},
	{"familyName", "Family name", func(v string) error { p := validPerson(); p.FamilyName = v; return p.Validate(now) }},
	{"preferredName", "Preferred name", func(v string) error { p := validPerson(); p.PreferredName = v; return p.Validate(now) }},
	{"name", "Name", func(v string) error { // a contact's name
		_, err := care.FindSection(care.SectionContacts).CleanValues(map[string]string{"name": v, "type": "family"}, now)
		return err
	}},
	{"relationship", "Relationship to the person", func(v string) error {
		_, err := care.FindSection(care.SectionContacts).CleanValues(map[string]string{"name": "Ola", "type": "family", "relationship": v}, now)
		return err
	}},
	{"role", "Your role", func(v string) error { a := care.Actor{Name: "Sam Okafor", Role: v}; return a.Validate() }},
	{"role", "Role", func(v string) error { // a meeting participant's role
		p := care.Participant{Name: "Dr Rao", Role: v, Kind: care.ParticipantOther, Attendance: "present"}
		return p.Validate()
	}},
}

func TestCleanText_FormatCharacters(t *testing.T) {
	for _, f := range oneLineFields {
		for _, c := range formatChars {
			for _, where := range []struct{ name, value string }{
				{"Inside", "Der" + string(c.r) + "ek"},
				{"Start", string(c.r) + "Derek"},
				{"End", "Derek" + string(c.r)},
				{"Alone", string(c.r)},
			} {
				t.Run(fmt.Sprintf("%s/%s/%U/%s", f.label, c.name, c.r, where.name), func(t *testing.T) {
					err := f.check(where.value)
					if got, want := care.ErrorCode(err), care.EINVALID; got != want {
						t.Fatalf("code = %q, want %q (err %v)", got, want, err)
					}
					if got, want := care.ErrorField(err), f.field; got != want {
						t.Errorf("field = %q, want %q", got, want)
					}
					want := f.label + " must not contain hidden formatting characters (such as zero-width spaces or direction marks). Retype it"
					if got := care.ErrorMessage(err); got != want {
						t.Errorf("message = %q, want %q", got, want)
					}
				})
			}
		}
	}
}

// Every format character (Cf) in the Unicode table, not only the listed
// ones, is refused between two Latin letters.
func TestCleanText_EveryFormatCharacter(t *testing.T) {
	n := 0
	for _, rng := range unicode.Cf.R16 {
		for r := rune(rng.Lo); r <= rune(rng.Hi); r += rune(rng.Stride) {
			n += checkRefused(t, r)
		}
	}
	for _, rng := range unicode.Cf.R32 {
		for r := rune(rng.Lo); r <= rune(rng.Hi); r += rune(rng.Stride) {
			n += checkRefused(t, r)
		}
	}
	if n < 150 {
		t.Errorf("only %d format characters checked", n)
	}
}

func checkRefused(t *testing.T, r rune) int {
	t.Helper()
	if _, err := care.CleanText("givenName", "Given name", "Ann"+string(r)+"e", 100); care.ErrorCode(err) != care.EINVALID {
		t.Errorf("%U accepted inside a name", r)
	}
	return 1
}

func TestCleanText_ControlCharacters(t *testing.T) {
	for _, r := range []rune{0, '\t', '\n', '\r', '\v', '\f', 0x1B, 0x7F, 0x85, 0x9B, '\u2028', '\u2029'} {
		_, err := care.CleanText("givenName", "Given name", "Ann"+string(r)+"e", 100)
		if got, want := care.ErrorMessage(err), "Given name must not contain line breaks, tabs or hidden control characters"; got != want {
			t.Errorf("%U: message = %q, want %q", r, got, want)
		}
	}
}

// Names that use joiners and selectors as they are meant to be used.
var visibleJoins = []struct{ name, in string }{
	{"EmojiZWJSequence", "Mary 👩🏽‍🦳"},
	{"EmojiFamily", "👨‍👩‍👧"},
	{"RainbowFlagVS16BeforeZWJ", "Alex 🏳️‍🌈"},
	{"RunnerWithGender", "🏃‍♀️"},
	{"HeartVS16", "Sam ❤️"},
	{"Keycap", "Flat 1️⃣"},
	{"WalesFlagTags", "Rhys 🏴\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F"},
	{"ScotlandFlagTags", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"},
	{"PersianZWNJ", "حسین\u200Cزاده"},
	{"PersianZWNJBeforeMark", "می\u200Cخواهم"},
	{"SinhalaZWJAfterVirama", "ශ්\u200Dරී"},
	{"DevanagariZWNJAfterVirama", "क्\u200Cष"},
	{"JapaneseIdeographicVariant", "葛\U000E0100飾"},
	{"CJKCompatibilityVariant", "漢\uFE00"},
	{"MongolianFreeVariation", "ᠠ\u180Bᠨ"},
	{"NewEmojiAfterZWJ", "🙂‍\U0001FAE9"},
	{"Accents", "Zoë Ó'Brien-Łukasiewicz"},
	{"Emoji", "🌷"},
}

func TestCleanText_VisibleJoins(t *testing.T) {
	for _, tt := range visibleJoins {
		t.Run(tt.name, func(t *testing.T) {
			got, err := care.CleanText("givenName", "Given name", tt.in, 100)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if got != tt.in {
				t.Errorf("got %q, want it kept exactly as %q", got, tt.in)
			}
		})
	}
}

// The same characters out of place are refused.
var misplacedJoins = []struct{ name, in string }{
	{"ZWJBetweenLetters", "Der\u200Dek"},
	{"ZWJAfterEmojiBeforeLetter", "🌷\u200Dek"},
	{"ZWJBeforeEmojiAfterLetter", "Derek\u200D🌷"},
	{"ZWJAtEnd", "🌷\u200D"},
	{"ZWNJBetweenLatinLetters", "Der\u200Cek"},
	{"ZWNJAfterAlef", "زا\u200Cده"},
	{"ZWNJBeforeLatin", "حسین\u200Cek"},
	{"VS16AfterLetter", "Dere\uFE0Fk"},
	{"VS16AfterAccentedLetter", "Zoe\u0308\uFE0F"},
	{"VS16AfterSpace", "Derek \uFE0FJones"},
	{"VS16AfterApostrophe", "O'\uFE0FBrien"},
	{"VS16AfterGreek", "Αλ\uFE0Fίκη"},
	{"VS16AfterCyrillic", "Ан\uFE0Fна"},
	{"TwoVS16", "❤\uFE0F\uFE0F"},
	{"IdeographicVSAfterLatin", "Derek\U000E0100"},
	{"TagsWithoutFlag", "Rhys\U000E0067\U000E0062\U000E007F"},
	{"FlagTagsWithoutCancel", "🏴\U000E0067\U000E0062\U000E0077"},
	{"FlagWithOnlyCancel", "🏴\U000E007F"},
	{"FlagTagsCancelTwice", "🏴\U000E0067\U000E007F\U000E007F"},
}

func TestCleanText_MisplacedJoins(t *testing.T) {
	for _, tt := range misplacedJoins {
		t.Run(tt.name, func(t *testing.T) {
			_, err := care.CleanText("givenName", "Given name", tt.in, 100)
			want := "Given name must not contain hidden formatting characters (such as zero-width spaces or direction marks). Retype it"
			if got := care.ErrorMessage(err); got != want {
				t.Errorf("message = %q, want %q", got, want)
			}
		})
	}
}

// Long text keeps the person's words byte for byte, format characters
// included: a joiner may be part of how they wrote.
func TestCleanLongText_KeepsFormatCharacters(t *testing.T) {
	f := care.FindSection(care.SectionAboutMe).Field("mostImportant")
	in := "My cat\u200B, my garden\u200F and מרים\u202E.\n👩🏽‍🦳"
	got, err := f.Clean(in, now)
	if err != nil {
		t.Fatal(err)
	}
	if got != in {
		t.Errorf("got %q, want %q", got, in)
	}
}
