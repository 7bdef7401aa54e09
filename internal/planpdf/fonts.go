package planpdf

import (
	_ "embed"
	"fmt"
	"log/slog"
	"sync"
)

// Fonts, embedded with their licences (see fonts/README.md).
var (
	//go:embed fonts/NotoSans-Regular.ttf
	notoRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	notoBold []byte
	//go:embed fonts/NotoNaskhArabic-Regular.ttf
	naskh []byte
	//go:embed fonts/NotoEmoji-Regular.ttf
	notoEmoji []byte
	//go:embed fonts/NotoSansMath-Regular.ttf
	notoMath []byte
	//go:embed fonts/NotoSansSymbols2-Regular.ttf
	notoSymbols2 []byte
	//go:embed fonts/DroidSansFallbackFull.ttf
	droid []byte
)

// A face is one embedded font. Each is read once per process, when a
// document first needs it: its cmap (every plane) for the fallback chain,
// and gofpdf's parse of it, shared by every document (fontshare.go).
type face struct {
	family, style string
	file          []byte

	once  sync.Once
	err   error
	runes map[rune]uint16 // the font's own coverage: character → glyph
	pua   map[rune]rune   // supplementary character → the PUA code drawn
	codes map[rune]uint16 // code gofpdf draws → glyph
	sf    *sfnt           // the file gofpdf embeds (derived when pua != nil)
	share *sharedFont     // nil when gofpdf's internals are not as expected
	cw    []int           // gofpdf's widths by code, in 1/1000 em
	miss  int             // width of a code the font lacks
}

// The faces, and the order in which the fallback chain tries them: the
// body font first, then Arabic script, emoji (before the symbol fonts, so
// all emoji share one style), arrows and mathematics, other symbols, and
// last the large CJK font.
var (
	faceRegular  = &face{family: "noto", file: notoRegular}
	faceBold     = &face{family: "noto", style: "B", file: notoBold}
	faceNaskh    = &face{family: "naskh", file: naskh}
	faceEmoji    = &face{family: "emoji", file: notoEmoji}
	faceMath     = &face{family: "math", file: notoMath}
	faceSymbols2 = &face{family: "symbols", file: notoSymbols2}
	faceCJK      = &face{family: "droid", file: droid}

	fallbacks = []*face{faceNaskh, faceEmoji, faceMath, faceSymbols2, faceCJK}
	allFaces  = []*face{faceRegular, faceBold, faceNaskh, faceEmoji, faceMath, faceSymbols2, faceCJK}
)

// load reads the face once; every later call returns the same result.
func (fc *face) load() error {
	fc.once.Do(func() { fc.err = fc.read() })
	return fc.err
}

func (fc *face) read() error {
	orig, err := parseSFNT(fc.file)
	if err != nil {
		return fmt.Errorf("planpdf: font %s%s: %w", fc.family, fc.style, err)
	}
	if fc.runes, err = orig.cmap(); err != nil {
		return fmt.Errorf("planpdf: font %s%s: %w", fc.family, fc.style, err)
	}
	data, pua, codes, err := derivePUA(orig, fc.runes)
	if err != nil {
		return fmt.Errorf("planpdf: font %s%s: %w", fc.family, fc.style, err)
	}
	fc.pua, fc.codes = pua, codes
	if fc.sf, err = parseSFNT(data); err != nil {
		return fmt.Errorf("planpdf: font %s%s: %w", fc.family, fc.style, err)
	}
	if fc.share, err = parseShared(fc.family, fc.style, data); err != nil {
		_, layout := fontsLayout()
		if layout == nil {
			return err // the font itself is the problem
		}
		layoutWarning.Do(func() {
			slog.Warn("planpdf: gofpdf is not v1.16.2 inside; fonts are parsed in every document (slow)", "err", layout)
		})
		fc.share = nil
		fc.cw, fc.miss = widthsOf(fc.sf, codes), 500
		return nil
	}
	fc.cw = fc.share.cw
	fc.miss = fc.share.def.FieldByName("Desc").FieldByName("MissingWidth").Interface().(int)
	if fc.miss == 0 {
		fc.miss = 500
	}
	return nil
}

var layoutWarning sync.Once

// widthsOf computes widths the way gofpdf does, for when its parse cannot
// be shared.
func widthsOf(f *sfnt, codes map[rune]uint16) []int {
	cw := make([]int, 0x10000)
	upem := u16(f.tables["head"], 18)
	if upem == 0 {
		upem = 1000
	}
	for c, g := range codes {
		adv, _ := f.metric(int(g))
		w := (adv*1000 + upem/2) / upem
		if w == 0 {
			w = 65535
		}
		if c > 0 && c < 0xFFFF {
			cw[c] = w
		}
	}
	return cw
}

// has reports whether the face draws r itself.
func (fc *face) has(r rune) bool {
	_, ok := fc.runes[r]
	if ok && r > 0xFFFF {
		_, ok = fc.pua[r]
	}
	return ok
}

// code is what gofpdf is given to draw r with this face.
func (fc *face) code(r rune) rune {
	if c, ok := fc.pua[r]; ok {
		return c
	}
	return r
}

// width is the advance of code c, in 1/1000 of the font size.
func (fc *face) width(c rune) int {
	if c < 0 || int(c) >= len(fc.cw) || fc.cw[c] == 0 {
		return fc.miss
	}
	if w := fc.cw[c]; w != 65535 {
		return w
	}
	return 0
}

// pick returns the first face of the chain, starting at primary, that has
// r, or nil when no embedded font has it.
func pick(primary *face, r rune) *face {
	if primary.load() == nil && primary.has(r) {
		return primary
	}
	for _, fc := range fallbacks {
		if fc.load() == nil && fc.has(r) {
			return fc
		}
	}
	return nil
}

// loadFaces reads every face, for CheckFonts.
func loadFaces() error {
	for _, fc := range allFaces {
		if err := fc.load(); err != nil {
			return err
		}
	}
	return nil
}
