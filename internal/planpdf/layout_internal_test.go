package planpdf

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode"
)

var splitTests = []struct {
	name                string
	n, room, head, want int
}{
	{"Fits", 5, 5, 2, 5},
	{"FitsWithRoomToSpare", 1, 30, 1, 1},
	{"Splits", 10, 6, 2, 6},
	{"LeavesTwoForTheNextPage", 7, 6, 2, 5},
	{"NoOrphanAtTheFoot", 10, 1, 2, 0},
	{"ThreeLinesMoveWhole", 3, 2, 2, 0},
	{"FourLinesSplitTwoAndTwo", 4, 3, 2, 2},
	{"LabelOnItsOwnLineStaysWithTwo", 8, 2, 3, 0},
	{"NoRoom", 4, 0, 2, 0},
}

func TestSplit(t *testing.T) {
	for _, tt := range splitTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := split(tt.n, tt.room, tt.head); got != tt.want {
				t.Errorf("split(%d, %d, %d) = %d, want %d", tt.n, tt.room, tt.head, got, tt.want)
			}
		})
	}
}

var wrapTests = []struct {
	name, text string
	width      float64
}{
	{"Words", "I like my garden in the morning, when the birds are out and the frost has gone.", 60},
	{"OneLongWord", strings.Repeat("ж", 300), 50},
	{"LongWordAfterWords", "See " + strings.Repeat("x", 200) + " soon", 40},
	{"Chinese", "和我的孙子一起喝茶。在公园里打太极拳。我很喜欢我的花园，每天早上都去看看它们长得怎么样了。", 40},
	{"Mixed", "Siân — côr y capel, 我很喜欢我的花园。 میں تھوڑی اردو بولتی ہوں and an emoji 🌱 too", 45},
	{"Tabs", "a\tb\tc", 40},
}

// TestWrap checks, alone and after a label, that every line fits, nothing
// is lost, and no line starts with a space or with CJK punctuation.
func TestWrap(t *testing.T) {
	r := testRenderer(t, Standard)
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, tt := range wrapTests {
		t.Run(tt.name, func(t *testing.T) {
			labelled := r.lay(para{label: "Phone", text: tt.text, right: pageWidth - tt.width})
			for name, c := range map[string]struct {
				lines []line
				text  string
			}{
				"alone":    {r.wrap(tt.text, 11, false, tt.width), tt.text},
				"labelled": {labelled.lines, "Phone: " + tt.text},
			} {
				var src []string
				for i, l := range c.lines {
					if room := r.room(tt.width); l.w > room+1e-9 || itemsWidth(l.items) != l.w {
						t.Errorf("%s: line %d is %.2f mm wide (items %.2f), room %.2f: %q", name, i, l.w, itemsWidth(l.items), room, l.src)
					}
					if rs := []rune(l.src); len(rs) == 0 || unicode.IsSpace(rs[0]) || unicode.IsPunct(rs[0]) && isCJK(rs[0]) {
						t.Errorf("%s: line %d starts badly: %q", name, i, l.src)
					}
					src = append(src, l.src)
				}
				if got, want := squash(strings.Join(src, " ")), squash(c.text); got != want {
					t.Errorf("%s: lines lose text:\n got %q\nwant %q", name, got, want)
				}
			}
		})
	}
}

// TestMeasureLikeGofpdf checks that the layout measures text as gofpdf
// draws it: plain text as gofpdf's own GetStringWidth does, and a
// character beyond U+FFFF as the glyph that is drawn for it.
func TestMeasureLikeGofpdf(t *testing.T) {
	d := testDoc(t)
	for _, tt := range []struct {
		name string
		fc   *face
		text string
		bold bool
	}{
		{"Regular", faceRegular, "Gosia Wiśniewska, 14 Chapel Row: £1,250.50", false},
		{"Bold", faceBold, "What matters to me", true},
		{"Supplementary", faceEmoji, "🌻", false},
		{"CJK", faceCJK, "我很喜欢我的花园", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var codes []rune
			for _, c := range tt.text {
				codes = append(codes, tt.fc.code(c))
			}
			d.useFace(tt.fc, 11)
			want := d.Fpdf.GetStringWidth(string(codes))
			if got := itemsWidth(d.items(tt.text, tt.bold, 11)); math.Abs(got-want) > 1e-9 {
				t.Errorf("measured %.4f mm, gofpdf draws %.4f mm", got, want)
			}
		})
	}
}

func testRenderer(tb testing.TB, format string) *renderer {
	tb.Helper()
	pdf, err := newPDF(styles[format], time.Unix(0, 0))
	if err != nil {
		tb.Fatal(err)
	}
	pdf.SetAutoPageBreak(true, 30)
	return &renderer{pdf: pdf, st: styles[format]}
}

// TestLines checks where a page may break ("|") and where not ("-"): never
// after a sub-heading, never inside a short entry, never leaving one line
// of a paragraph, an entry or a section alone.
func TestLines(t *testing.T) {
	r := testRenderer(t, Standard)
	long := strings.Repeat("I like my garden in the morning, when the birds are out. ", 60)
	n := len(r.lay(para{text: long}).lines)
	if float64(n)*r.st.line <= r.keepMax() {
		t.Fatalf("the long paragraph (%d lines) is kept whole; the test needs a longer one", n)
	}
	breaks := func(blocks ...block) string {
		var b strings.Builder
		for _, sl := range r.slots(blocks) {
			b.WriteByte(map[bool]byte{true: '-', false: '|'}[sl.keep])
		}
		return b.String()
	}
	for _, tt := range []struct {
		name   string
		blocks []block
		want   string
	}{
		{"ShortEntriesWhole", []block{{paras: []para{{text: "Ola", bold: true, keep: true}, {label: "Phone", text: "07700"}}}, {paras: []para{{text: "Siân"}, {text: "Friend"}}}}, "-|-|"},
		{"LastLineNotAlone", []block{{paras: []para{{text: "Ola", bold: true, keep: true}, {label: "Phone", text: "07700"}}}, {paras: []para{{text: "Siân"}}}}, "--|"},
		{"LongParagraph", []block{{paras: []para{{text: long}}}}, "-" + strings.Repeat("|", n-3) + "-|"},
		{"SubHeadingKeptWithTwoLines", []block{{paras: []para{{text: "My wellness", bold: true, keep: true}, {text: long}}}}, "--" + strings.Repeat("|", n-3) + "-|"},
		{"LabelOnItsOwnLines", []block{{paras: []para{{label: strings.Repeat("How confident is the person ", 4), text: long}}}}, "---" + strings.Repeat("|", n-3) + "-|"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := breaks(tt.blocks...); got != tt.want {
				t.Errorf("breaks =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
