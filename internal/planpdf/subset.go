package planpdf

import (
	"encoding/binary"
	"sort"
)

// gofpdf subsets each font when it writes a PDF, but to do so it reads the
// whole font's cmap and metrics into maps again, in every document: for the
// 4 MB CJK font that is most of a render. cut makes the file it subsets
// small first: only the glyphs a document used (and the components of
// composite glyphs), in their original order, with their outlines,
// metrics and hinting tables untouched (no padding added: gofpdf keeps
// whatever a glyph's loca entry spans), so gofpdf's own subset of it is
// the same, byte for byte, as its subset of the whole font
// (TestCutKeepsOutput).

// cut returns a font with the glyphs that cmap gives for the codes in
// used (gofpdf's used-character set: code → code).
func (f *sfnt) cut(cmap map[rune]uint16, used map[int]int) []byte {
	keep := map[int]bool{0: true}
	var queue []int
	for _, c := range used {
		if g, ok := cmap[rune(c)]; ok && !keep[int(g)] {
			keep[int(g)] = true
			queue = append(queue, int(g))
		}
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		data := f.glyph(g)
		components(data, func(off int) {
			if c := u16(data, off); c < f.numGlyphs && !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		})
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	renum := make(map[int]int, len(old))
	for i, g := range old {
		renum[g] = i
	}

	var glyf []byte
	loca := make([]byte, 4*(len(old)+1))
	hmtx := make([]byte, 4*len(old))
	for i, g := range old {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, f.glyph(g)...)
		components(glyf[start:], func(off int) {
			binary.BigEndian.PutUint16(glyf[start+off:], uint16(renum[u16(glyf, start+off)]))
		})
		adv, lsb := f.metric(g)
		binary.BigEndian.PutUint16(hmtx[4*i:], uint16(adv))
		binary.BigEndian.PutUint16(hmtx[4*i+2:], uint16(lsb))
	}
	binary.BigEndian.PutUint32(loca[4*len(old):], uint32(len(glyf)))

	codes := make(map[uint16]uint16, len(used))
	for _, c := range used {
		if g, ok := cmap[rune(c)]; ok && c >= 0 && c < 0xFFFF {
			codes[uint16(c)] = uint16(renum[int(g)])
		}
	}
	sub, err := format4(codes)
	if err != nil {
		return f.data // cannot happen for a document's worth of characters
	}
	patched := func(tag string, off, v int) []byte {
		t := append([]byte(nil), f.tables[tag]...)
		binary.BigEndian.PutUint16(t[off:], uint16(v))
		return t
	}
	tables := map[string][]byte{
		"cmap": cmapTable(sub),
		"glyf": glyf,
		"loca": loca,
		"hmtx": hmtx,
		"head": patched("head", 50, 1),
		"hhea": patched("hhea", 34, len(old)),
		"maxp": patched("maxp", 4, len(old)),
	}
	for _, tag := range []string{"name", "cvt ", "fpgm", "prep", "gasp", "post", "OS/2"} {
		if t, ok := f.tables[tag]; ok {
			tables[tag] = t
		}
	}
	return assemble(tables)
}
