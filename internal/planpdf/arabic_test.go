package planpdf

import "testing"

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

func TestScriptRuns(t *testing.T) {
	runs := scriptRuns("Ayesha عائشہ صدیقی and 王 ok")
	var kinds []string
	for _, r := range runs {
		k := "latin"
		if r.cjk {
			k = "cjk"
		} else if r.arabic {
			k = "arabic"
		}
		kinds = append(kinds, k+":"+r.text)
	}
	want := []string{"latin:Ayesha ", "arabic:عائشہ صدیقی", "latin: and ", "cjk:王", "latin: ok"}
	if len(kinds) != len(want) {
		t.Fatalf("runs = %q", kinds)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("run %d = %q, want %q", i, kinds[i], want[i])
		}
	}
}
