package planpdf

import (
	"slices"
	"testing"
)

var shapeTests = []struct{ in, want string }{
	// عائشہ: ain (initial), alef (final), yeh-hamza (initial), sheen (medial), heh goal (final); then reversed.
	{"عائشہ", string([]rune{0xFBA7, 0xFEB8, 0xFE8B, 0xFE8E, 0xFECB})},
	// لا is one ligature.
	{"لا", string([]rune{0xFEFB})},
	// Two words keep the space, in visual order; alef after reh stands alone.
	{"میرا گھر", string([]rune{0xFEAE, 0xFBAD, 0xFB94, ' ', 0xFE8D, 0xFEAE, 0xFBFF, 0xFEE3})},
	{"ے", string([]rune{0xFBAE})},
	// Digits keep their left-to-right order: "85 سال" (85 years).
	{"سال ٨٥", "٨٥ " + string([]rune{0xFEDD, 0xFE8E, 0xFEB3})},
}

func TestShapeArabic(t *testing.T) {
	for _, tt := range shapeTests {
		if got := shapeArabic(tt.in); got != tt.want {
			t.Errorf("shapeArabic(%q) = %U, want %U", tt.in, []rune(got), []rune(tt.want))
		}
	}
}

// TestItemsByScript checks that text is cut into words in the font of
// their script, Arabic-script words marked to be put in visual order.
func TestItemsByScript(t *testing.T) {
	var got []string
	for _, it := range testDoc(t).items("Ayesha عائشہ صدیقی and 王 ok", false, 11) {
		k := name(it.pieces[0].face)
		if it.rtl {
			k += " rtl"
		}
		got = append(got, k+":"+it.src)
	}
	want := []string{"noto:Ayesha", "noto: ", "naskh rtl:عائشہ", "noto: ", "naskh rtl:صدیقی", "noto: ", "noto:and", "noto: ", "droid:王", "noto: ", "noto:ok"}
	if !slices.Equal(got, want) {
		t.Errorf("items =\n%q\nwant\n%q", got, want)
	}
}
