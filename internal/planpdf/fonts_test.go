package planpdf

import (
	"bytes"
	"log/slog"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"time"

	"github.com/jung-kurt/gofpdf"
)

// TestGofpdfLayout fails loudly if gofpdf's unexported font structures
// are not those of v1.16.2, which fontshare.go copies between documents.
// If it fails after a gofpdf upgrade, fonts are loaded per document again
// (slow) until fontshare.go is brought in line.
func TestGofpdfLayout(t *testing.T) {
	if _, err := fontsLayout(); err != nil {
		t.Fatalf("gofpdf's internals are not what fontshare.go expects: %v", err)
	}
	for _, fc := range allFaces {
		if err := fc.load(); err != nil {
			t.Fatal(err)
		}
		if fc.share == nil {
			t.Errorf("%s%s is not shared", fc.family, fc.style)
		}
	}
}

// TestSharedFontsMatchGofpdf: a document whose fonts were shared and cut
// is byte for byte the document gofpdf makes loading every font itself.
func TestSharedFontsMatchGofpdf(t *testing.T) {
	text := "Gosia Wiśniewska 🌻 → ✓ 王秀英 عائشہ 𠀀"
	render := func(shared, cut bool) []byte {
		t.Helper()
		shareFonts, cutFonts = shared, cut
		defer func() { shareFonts, cutFonts = true, true }()
		d := &pdfDoc{Fpdf: gofpdf.New("P", "mm", "A4", ""), faces: map[*face]*docFace{}}
		if err := d.install(faceRegular); err != nil {
			t.Fatal(err)
		}
		d.SetFooterFunc(func() {})
		d.SetCatalogSort(true)
		d.SetCreationDate(timeZero)
		d.SetModificationDate(timeZero)
		d.AliasNbPages("{nb}")
		d.SetFont("noto", "", 12)
		d.AddPage()
		d.flow(text, false, 12, 6)
		d.Ln(6)
		d.MultiCell(40, 6, text, "1", "L", false)
		var b bytes.Buffer
		if err := d.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	gofpdfs := render(false, false)
	if shared := render(true, false); !bytes.Equal(shared, gofpdfs) {
		t.Error("shared fonts give a different PDF from gofpdf's own loading")
	}
	if cut := render(true, true); !bytes.Equal(cut, gofpdfs) {
		t.Error("cutting fonts first changes the PDF")
	}
}

// TestClean: clean drops the characters that draw nothing or break lines
// where they should not, and keeps the rest.
func TestClean(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"ZeroWidthSpace", "Go\u200Bsia", "Gosia"},
		{"Joiners", "Wiś\u200Dniew\u200Cska", "Wiśniewska"},
		{"SoftHyphen", "Llywe\u00ADlyn", "Llywelyn"},
		{"BidiEmbedding", "\u202Aleft\u202C \u202Bright\u202C \u202Dover\u202E\u202C", "left right over"},
		{"BidiIsolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"Marks", "\u200Eleft\u200F", "left"},
		{"BOM", "\uFEFFSiân", "Siân"},
		{"VariationSelectors", "❤\uFE0F ☕\uFE0E 葛\U000E0100", "❤ ☕ 葛"},
		{"Tags", "🏴\U000E0067\U000E0062\U000E007F", "🏴"},
		{"Controls", "a\x00b\x07c\u0085d", "abcd"},
		{"KeepsTabAndNewline", "a\tb\nc", "a\tb\nc"},
		{"NFC", "Sia\u0302n", "Siân"},
		{"KeepsPUA", "\uE000", "\uE000"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNoBreakInsideName: a name with format characters in it stays on one
// line (gofpdf counted a zero-width glyph as 65535 units and broke there).
func TestNoBreakInsideName(t *testing.T) {
	d := testDoc(t)
	for _, name := range []string{"Go\u200Bsia Wiś\u200Dniew\u00ADska", "Ma\u0301ria\u200C Jose\u0301"} {
		for _, width := range []float64{40, 200} {
			lines := d.lines(name, false, 11, width)
			for _, l := range lines {
				for _, word := range strings.Fields(l.src) {
					if !strings.Contains(clean(name), word) || (len(lines) > 1 && len([]rune(word)) < 4) {
						t.Errorf("width %v: %q broke into %q", width, name, l.src)
					}
				}
			}
			if width == 200 && len(lines) != 1 {
				t.Errorf("%q takes %d lines at width 200", name, len(lines))
			}
		}
	}
}

var breakTests = []struct {
	name  string
	in    string
	width float64
	want  []string
}{
	{"Words", "one two three four", 25, []string{"one two", "three four"}},
	{"LongWordSplit", "Llanfairpwllgwyngyll", 20, []string{"Llanfairpw", "llgwyngyll"}},
	{"CJKEveryCharacterKept", "和我的孙子一起喝茶。", 20, []string{"和我的孙子", "一起喝茶。"}},
	{"CJKClosingPunctuationStays", "一二三四，五", 15.5, []string{"一二三", "四，五"}},
	{"Emoji", "sun 🌻🌻 flower", 25, []string{"sun 🌻🌻", "flower"}},
}

func TestBreakLines(t *testing.T) {
	d := testDoc(t)
	for _, tt := range breakTests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range d.lines(tt.in, false, 11, tt.width) {
				got = append(got, l.src)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines = %q, want %q", got, tt.want)
			}
		})
	}
}

var pickTests = []struct {
	r    rune
	want *face
}{
	{'a', faceRegular},
	{'ŵ', faceRegular},
	{'Ж', faceRegular},
	{'λ', faceRegular},
	{'£', faceRegular},
	{'•', faceRegular},
	{'ع', faceNaskh},
	{'🌻', faceEmoji},
	{'☕', faceEmoji},
	{'→', faceMath},
	{'✓', faceSymbols2},
	{'王', faceCJK},
	{0x20000, nil},
	{0x10FFFD, nil},
	{0xE000, nil}, // PUA: the emoji font's PUA slots are not its characters
}

func TestPick(t *testing.T) {
	for _, tt := range pickTests {
		if got := pick(faceRegular, tt.r); got != tt.want {
			t.Errorf("pick(%U) = %v, want %v", tt.r, name(got), name(tt.want))
		}
	}
	if faceEmoji.code('🌻') < puaFirst || faceEmoji.code('🌻') > puaLast {
		t.Errorf("🌻 is drawn as %U, want a PUA code", faceEmoji.code('🌻'))
	}
}

func name(fc *face) string {
	if fc == nil {
		return "none"
	}
	return fc.family + fc.style
}

func TestActualText(t *testing.T) {
	for in, want := range map[string]string{
		"🌻":  "/Span <</ActualText <FEFFD83CDF3B>>> BDC",
		"𠀀":  "/Span <</ActualText <FEFFD840DC00>>> BDC",
		"لا": "/Span <</ActualText <FEFF06440627>>> BDC",
	} {
		if got := actualText(in); got != want {
			t.Errorf("actualText(%q) = %q, want %q", in, got, want)
		}
	}
}

func testDoc(t *testing.T) *pdfDoc {
	t.Helper()
	d, err := newPDF(styles[Standard], timeZero)
	if err != nil {
		t.Fatal(err)
	}
	d.AddPage()
	return d
}

var timeZero = time.Unix(0, 0).UTC()

// TestFooterRegular: the footer is drawn in the regular font even on
// pages that break inside bold text.
func TestFooterRegular(t *testing.T) {
	d, err := newPDF(styles[Standard], timeZero)
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{pdf: d, st: styles[Standard]}
	d.AliasNbPages("{nb}")
	d.SetAutoPageBreak(true, 30)
	r.onFooter(func() { r.write("Gosia 🌻 · Page "+strconv.Itoa(d.PageNo())+" of {nb}", 9, 4) })
	d.AddPage()
	r.strong(strings.Repeat("Wiśniewska 王 ", 600))
	if d.PageNo() < 3 {
		t.Fatalf("only %d pages", d.PageNo())
	}
	var b bytes.Buffer
	if err := d.Output(&b); err != nil {
		t.Fatal(err)
	}
	l, _ := fontsLayout()
	regular := "/F" + faceRegular.share.def.FieldByIndex([]int{fieldIndex(t, l.def, "i")}).String() + " "
	bold := "/F" + faceBold.share.def.FieldByIndex([]int{fieldIndex(t, l.def, "i")}).String() + " "
	pages := 0
	for _, part := range strings.Split(b.String(), "/Artifact")[1:] {
		// The footer runs to the EMC that closes the artifact.
		footer, depth := part, 0
		for i := 0; i < len(part); i++ {
			if strings.HasPrefix(part[i:], "BDC") {
				depth++
			} else if strings.HasPrefix(part[i:], "EMC") {
				if depth--; depth == 0 {
					footer = part[:i]
					break
				}
			}
		}
		pages++
		if strings.Contains(footer, bold) {
			t.Errorf("footer %d uses the bold font", pages)
		}
		if !strings.Contains(footer, regular) {
			t.Errorf("footer %d does not use the regular font", pages)
		}
	}
	if pages != d.PageNo() {
		t.Errorf("%d footers marked as artifacts, want %d", pages, d.PageNo())
	}
}

func fieldIndex(t *testing.T, typ reflect.Type, name string) int {
	f, ok := typ.FieldByName(name)
	if !ok {
		t.Fatalf("no field %s", name)
	}
	return f.Index[0]
}

// TestMissingCharacterLogged: a character no font has is logged once, by
// code point, without the text around it.
func TestMissingCharacterLogged(t *testing.T) {
	var log bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
	missingLog.Lock()
	missingLog.seen = nil // other tests may have filled it
	missingLog.Unlock()
	d := testDoc(t)
	for i := 0; i < 2; i++ {
		d.flow("Private \U0010FFF0 name", false, 11, 5)
	}
	if n := strings.Count(log.String(), "U+10FFF0"); n != 1 {
		t.Errorf("U+10FFF0 logged %d times, want once:\n%s", n, log.String())
	}
	if strings.Contains(log.String(), "Private") {
		t.Errorf("the log has the person's text: %s", log.String())
	}
}

// TestWidthsOf: the widths used when gofpdf's parse cannot be shared are
// gofpdf's own.
func TestWidthsOf(t *testing.T) {
	for _, fc := range allFaces {
		if err := fc.load(); err != nil {
			t.Fatal(err)
		}
		got := widthsOf(fc.sf, fc.codes)
		for c := range fc.codes {
			if c > 0 && c < 0xFFFF && got[c] != fc.cw[c] { // gofpdf keeps a count at 0
				t.Errorf("%s%s %U: width %d, gofpdf says %d", fc.family, fc.style, c, got[c], fc.cw[c])
				break
			}
		}
	}
}

// TestFaceAfterPageBreak: text after a page break that the layout starts
// itself (not gofpdf's automatic break) is drawn in its own face, although
// gofpdf selects again on the new page whatever face it had before.
func TestFaceAfterPageBreak(t *testing.T) {
	d := testDoc(t)
	d.useFace(faceEmoji, 11)
	d.AddPage()
	d.flow("plain text", false, 11, 5)
	var b bytes.Buffer
	if err := d.Output(&b); err != nil {
		t.Fatal(err)
	}
	l, _ := fontsLayout()
	regular := "/F" + faceRegular.share.def.FieldByIndex([]int{fieldIndex(t, l.def, "i")}).String() + " "
	// The second page's content follows the first page's footer.
	page2 := strings.Split(b.String(), "/Artifact")[1]
	tj := strings.LastIndex(page2, ")Tj")
	tf := strings.LastIndex(page2[:tj], " Tf")
	if got := page2[strings.LastIndex(page2[:tf], "/F"):tf]; !strings.HasPrefix(got+" ", regular) {
		t.Errorf("the text on the new page is drawn with %q, want %q", got, regular)
	}
}
