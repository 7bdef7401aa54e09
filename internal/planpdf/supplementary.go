package planpdf

import (
	"fmt"
	"sort"
)

// gofpdf's UTF-8 fonts assume 16-bit characters: it reads only a cmap
// format 4 subtable, sizes its width table at 65536 entries and writes
// each character as a 16-bit CID. A character beyond U+FFFF (emoji, rare
// Han characters, mathematical letters) crashes it. The mend, kept here:
// when a font has such characters, gofpdf is given a copy of the font
// whose format 4 cmap also maps unused Private Use Area codes
// (U+E000..U+F8FF) to their glyphs. The text layer draws the PUA code and
// wraps it in marked content whose /ActualText is the real character, so
// copying text and screen readers get the original. The fallback chain
// decides coverage from the font's own cmap, never the derived one, so a
// PUA character a person typed is never drawn as one of these glyphs.

// Private Use Area of the Basic Multilingual Plane.
const (
	puaFirst = 0xE000
	puaLast  = 0xF8FF
)

// derivePUA returns the font file with supplementary characters mapped
// into the PUA as well, the code for each such character, and the code →
// glyph mapping gofpdf will see. With no supplementary characters it
// returns the file unchanged.
func derivePUA(f *sfnt, cmap map[rune]uint16) (data []byte, pua map[rune]rune, codes map[rune]uint16, err error) {
	codes = make(map[rune]uint16, len(cmap))
	var sup []rune
	for r, g := range cmap {
		if r <= 0xFFFF {
			codes[r] = g
		} else {
			sup = append(sup, r)
		}
	}
	if len(sup) == 0 {
		return f.data, nil, codes, nil
	}
	sort.Slice(sup, func(i, j int) bool { return sup[i] < sup[j] })
	pua = make(map[rune]rune, len(sup))
	next := rune(puaFirst)
	for _, r := range sup {
		for next <= puaLast && codes[next] != 0 {
			next++ // the font's own PUA characters keep their codes
		}
		if next > puaLast {
			break // the rest are not drawn from this font
		}
		pua[r] = next
		codes[next] = cmap[r]
		next++
	}
	m := make(map[uint16]uint16, len(codes))
	for c, g := range codes {
		m[uint16(c)] = g
	}
	sub, err := format4(m)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("planpdf: PUA font: %w", err)
	}
	tables := make(map[string][]byte, len(f.tables))
	for tag, t := range f.tables {
		tables[tag] = t
	}
	tables["cmap"] = cmapTable(sub)
	return assemble(tables), pua, codes, nil
}
