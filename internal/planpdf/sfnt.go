package planpdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// sfnt reads the few TrueType tables the text layer needs itself: the
// table directory, cmap (formats 4 and 12), hmtx, loca and glyf. It does
// not interpret outlines; gofpdf embeds them.
type sfnt struct {
	data      []byte
	tables    map[string][]byte
	tags      []string // in directory order
	numGlyphs int
	longLoca  bool
	hMetrics  int // numberOfHMetrics
}

var errFont = errors.New("planpdf: malformed font")

func u16(b []byte, off int) int {
	if off < 0 || off+2 > len(b) {
		return 0
	}
	return int(binary.BigEndian.Uint16(b[off:]))
}

func u32(b []byte, off int) uint32 {
	if off < 0 || off+4 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint32(b[off:])
}

// parseSFNT reads a TrueType (glyf) font's table directory.
func parseSFNT(data []byte) (*sfnt, error) {
	if len(data) < 12 {
		return nil, errFont
	}
	if v := u32(data, 0); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("planpdf: not a TrueType font (version %#x)", v)
	}
	n := u16(data, 4)
	f := &sfnt{data: data, tables: make(map[string][]byte, n)}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errFont
		}
		tag := string(data[rec : rec+4])
		off, length := int(u32(data, rec+8)), int(u32(data, rec+12))
		if off < 0 || length < 0 || off+length > len(data) {
			return nil, fmt.Errorf("%w: table %q out of bounds", errFont, tag)
		}
		f.tables[tag] = data[off : off+length]
		f.tags = append(f.tags, tag)
	}
	for _, tag := range []string{"cmap", "head", "hhea", "hmtx", "maxp", "loca", "glyf"} {
		if f.tables[tag] == nil {
			return nil, fmt.Errorf("%w: no %s table", errFont, tag)
		}
	}
	f.numGlyphs = u16(f.tables["maxp"], 4)
	f.longLoca = u16(f.tables["head"], 50) == 1
	f.hMetrics = u16(f.tables["hhea"], 34)
	if f.hMetrics == 0 || f.numGlyphs == 0 {
		return nil, errFont
	}
	return f, nil
}

// cmap returns the font's Unicode mapping, from a format 12 subtable when
// it has one (it covers every plane), else from format 4 (the BMP only).
func (f *sfnt) cmap() (map[rune]uint16, error) {
	t := f.tables["cmap"]
	n := u16(t, 2)
	best, bestFormat := -1, 0
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		platform, encoding := u16(t, rec), u16(t, rec+2)
		off := int(u32(t, rec+4))
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		if !unicode || off >= len(t) {
			continue
		}
		switch format := u16(t, off); {
		case format == 12 && bestFormat != 12:
			best, bestFormat = off, 12
		case format == 4 && bestFormat == 0:
			best, bestFormat = off, 4
		}
	}
	m := make(map[rune]uint16)
	switch bestFormat {
	case 12:
		groups := int(u32(t, best+12))
		for g := 0; g < groups; g++ {
			rec := best + 16 + 12*g
			if rec+12 > len(t) {
				return nil, errFont
			}
			start, end, gid := u32(t, rec), u32(t, rec+4), u32(t, rec+8)
			if end > 0x10FFFF || start > end {
				return nil, errFont
			}
			for c := start; c <= end; c++ {
				if g := gid + (c - start); g != 0 && int(g) < f.numGlyphs {
					m[rune(c)] = uint16(g)
				}
			}
		}
	case 4:
		segs := u16(t, best+6) / 2
		ends, starts := best+14, best+16+2*segs
		deltas, ranges := starts+2*segs, starts+4*segs
		for s := 0; s < segs; s++ {
			end, start := u16(t, ends+2*s), u16(t, starts+2*s)
			delta, ro := u16(t, deltas+2*s), u16(t, ranges+2*s)
			for c := start; c <= end && c != 0xFFFF; c++ {
				g := 0
				if ro == 0 {
					g = (c + delta) & 0xFFFF
				} else if g = u16(t, ranges+2*s+ro+2*(c-start)); g != 0 {
					g = (g + delta) & 0xFFFF
				}
				if g != 0 && g < f.numGlyphs {
					m[rune(c)] = uint16(g)
				}
			}
		}
	default:
		return nil, fmt.Errorf("%w: no Unicode cmap", errFont)
	}
	return m, nil
}

// glyph returns glyph gid's outline bytes (empty for a blank glyph).
func (f *sfnt) glyph(gid int) []byte {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var from, to int
	if f.longLoca {
		from, to = int(u32(loca, 4*gid)), int(u32(loca, 4*gid+4))
	} else {
		from, to = 2*u16(loca, 2*gid), 2*u16(loca, 2*gid+2)
	}
	if from >= to || to > len(glyf) {
		return nil
	}
	return glyf[from:to]
}

// metric returns glyph gid's advance width and left side bearing.
func (f *sfnt) metric(gid int) (advance, lsb int) {
	hmtx := f.tables["hmtx"]
	if gid < f.hMetrics {
		return u16(hmtx, 4*gid), u16(hmtx, 4*gid+2)
	}
	return u16(hmtx, 4*(f.hMetrics-1)), u16(hmtx, 4*f.hMetrics+2*(gid-f.hMetrics))
}

// Composite glyph flags.
const (
	argsAreWords  = 1 << 0
	haveScale     = 1 << 3
	moreComponent = 1 << 5
	haveXYScale   = 1 << 6
	have2x2       = 1 << 7
)

// components calls fn with the offset of each component glyph index in a
// composite glyph's data; a simple glyph has none.
func components(data []byte, fn func(off int)) {
	if len(data) < 10 || int16(u16(data, 0)) >= 0 {
		return
	}
	for off := 10; off+4 <= len(data); {
		flags := u16(data, off)
		fn(off + 2)
		off += 4
		if flags&argsAreWords != 0 {
			off += 4
		} else {
			off += 2
		}
		switch {
		case flags&haveScale != 0:
			off += 2
		case flags&haveXYScale != 0:
			off += 4
		case flags&have2x2 != 0:
			off += 8
		}
		if flags&moreComponent == 0 {
			return
		}
	}
}

// format4 encodes code → glyph mappings (codes below 0xFFFF) as a cmap
// format 4 subtable: a segment for each run of consecutive codes, with an
// idDelta when the glyphs are consecutive too, else a glyphIdArray.
func format4(m map[uint16]uint16) ([]byte, error) {
	codes := make([]int, 0, len(m))
	for c := range m {
		if c != 0xFFFF {
			codes = append(codes, int(c))
		}
	}
	sort.Ints(codes)
	type seg struct {
		start, end int
		delta      int
		glyphs     []int // nil when delta is used
	}
	var segs []seg
	for i := 0; i < len(codes); {
		j := i
		for j+1 < len(codes) && codes[j+1] == codes[j]+1 {
			j++
		}
		linear := true
		for k := i + 1; k <= j; k++ {
			if int(m[uint16(codes[k])]) != int(m[uint16(codes[i])])+(codes[k]-codes[i]) {
				linear = false
				break
			}
		}
		s := seg{start: codes[i], end: codes[j]}
		if linear {
			s.delta = int(m[uint16(codes[i])]) - codes[i]
		} else {
			for k := i; k <= j; k++ {
				s.glyphs = append(s.glyphs, int(m[uint16(codes[k])]))
			}
		}
		segs = append(segs, s)
		i = j + 1
	}
	segs = append(segs, seg{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	arrays := 0
	for _, s := range segs {
		arrays += len(s.glyphs)
	}
	length := 16 + 8*n + 2*arrays
	if length > 0xFFFF {
		return nil, fmt.Errorf("planpdf: cmap format 4 would be %d bytes", length)
	}
	b := make([]byte, length)
	put := func(off, v int) { binary.BigEndian.PutUint16(b[off:], uint16(v)) }
	searchRange, entrySelector := 2, 0
	for searchRange*2 <= 2*n {
		searchRange *= 2
		entrySelector++
	}
	put(0, 4)
	put(2, length)
	put(6, 2*n)
	put(8, searchRange)
	put(10, entrySelector)
	put(12, 2*n-searchRange)
	ends, starts := 14, 16+2*n
	deltas, ranges := starts+2*n, starts+4*n
	array := ranges + 2*n
	for i, s := range segs {
		put(ends+2*i, s.end)
		put(starts+2*i, s.start)
		if s.glyphs == nil {
			put(deltas+2*i, s.delta&0xFFFF)
			continue
		}
		put(ranges+2*i, array-(ranges+2*i))
		for _, g := range s.glyphs {
			put(array, g)
			array += 2
		}
	}
	return b, nil
}

// cmapTable wraps a format 4 subtable as a whole cmap table with one
// Windows Unicode BMP (3,1) encoding record, the one gofpdf reads.
func cmapTable(sub []byte) []byte {
	b := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(b[2:], 1)
	binary.BigEndian.PutUint16(b[4:], 3)
	binary.BigEndian.PutUint16(b[6:], 1)
	binary.BigEndian.PutUint32(b[8:], 12)
	return append(b, sub...)
}

// assemble writes an sfnt file from its tables, in tag order, each padded
// to four bytes. Checksums are left zero: gofpdf rewrites every table it
// embeds and computes its own.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, t := range tables {
		tags = append(tags, tag)
		size += (len(t) + 3) &^ 3
	}
	sort.Strings(tags)
	b := make([]byte, 12+16*len(tags), size)
	binary.BigEndian.PutUint32(b, 0x00010000)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(b[4:], uint16(n))
	binary.BigEndian.PutUint16(b[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(b[8:], uint16(es))
	binary.BigEndian.PutUint16(b[10:], uint16(16*n-16*sr))
	for i, tag := range tags {
		rec := 12 + 16*i
		copy(b[rec:], tag)
		binary.BigEndian.PutUint32(b[rec+8:], uint32(len(b)))
		binary.BigEndian.PutUint32(b[rec+12:], uint32(len(tables[tag])))
		b = append(b, tables[tag]...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	return b
}
