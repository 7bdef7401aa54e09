package planpdf

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	"github.com/jung-kurt/gofpdf"
)

// gofpdf v1.16.2 parses a UTF-8 font inside each document
// (AddUTF8FontFromBytes), then JSON-marshals the parsed font to make its
// id: most of a render's time. It has no way to share a parsed font
// between documents, so this file does it against the pinned version's
// unexported fields: a font is parsed once per process into a throwaway
// document, and each new document gets a copy of that definition with its
// own used-character set and its own reader of the font file (gofpdf
// mutates both while writing). Nothing else of gofpdf is touched.
// TestGofpdfLayout fails loudly if the fields are not what this expects;
// if they are not, fonts are loaded through the public API instead
// (correct, but slow).

// fontsLayout holds the gofpdf fields used here, looked up once.
var fontsLayout = sync.OnceValues(func() (*gofpdfFields, error) {
	var l gofpdfFields
	fpdf := reflect.TypeFor[gofpdf.Fpdf]()
	fonts, ok := fpdf.FieldByName("fonts")
	if !ok || fonts.Type.Kind() != reflect.Map || fonts.Type.Key().Kind() != reflect.String {
		return nil, errors.New("planpdf: gofpdf.Fpdf.fonts is not a map[string]fontDefType")
	}
	l.fonts = fonts.Index
	l.def = fonts.Type.Elem()
	field := func(t reflect.Type, name string, kind reflect.Kind) ([]int, reflect.Type, error) {
		f, ok := t.FieldByName(name)
		if !ok || f.Type.Kind() != kind {
			return nil, nil, fmt.Errorf("planpdf: gofpdf %s.%s is not a %s", t.Name(), name, kind)
		}
		return f.Index, f.Type, nil
	}
	var err error
	var typ reflect.Type
	if l.used, typ, err = field(l.def, "usedRunes", reflect.Map); err != nil {
		return nil, err
	}
	if typ != reflect.TypeFor[map[int]int]() {
		return nil, errors.New("planpdf: gofpdf fontDefType.usedRunes is not a map[int]int")
	}
	if l.cw, typ, err = field(l.def, "Cw", reflect.Slice); err != nil || typ.Elem().Kind() != reflect.Int {
		return nil, errors.New("planpdf: gofpdf fontDefType.Cw is not an []int")
	}
	if l.tp, _, err = field(l.def, "Tp", reflect.String); err != nil {
		return nil, err
	}
	if l.utf8, typ, err = field(l.def, "utf8File", reflect.Pointer); err != nil {
		return nil, err
	}
	l.utf8Type = typ.Elem()
	if l.reader, typ, err = field(l.utf8Type, "fileReader", reflect.Pointer); err != nil {
		return nil, err
	}
	l.readerType = typ.Elem()
	if l.array, typ, err = field(l.readerType, "array", reflect.Slice); err != nil || typ.Elem().Kind() != reflect.Uint8 {
		return nil, errors.New("planpdf: gofpdf fileReader.array is not a []byte")
	}
	if l.utf8Type.NumField() != 20 || l.def.NumField() != 17 || l.readerType.NumField() != 2 {
		return nil, errors.New("planpdf: gofpdf's font structures have changed since v1.16.2")
	}
	return &l, nil
})

type gofpdfFields struct {
	fonts                []int // Fpdf.fonts
	def                  reflect.Type
	used, cw, tp, utf8   []int // in fontDefType
	utf8Type, readerType reflect.Type
	reader, array        []int // utf8FontFile.fileReader, fileReader.array
}

// settable returns v's field at index, writable although unexported.
func settable(v reflect.Value, index []int) reflect.Value {
	f := v.FieldByIndex(index)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// sharedFont is one font as gofpdf parsed it, once per process.
type sharedFont struct {
	key string        // gofpdf's font key: family and style
	def reflect.Value // a fontDefType
	cw  []int         // widths in 1/1000 em by code, as gofpdf measures
}

// parseShared has gofpdf parse a font in a throwaway document.
func parseShared(family, style string, data []byte) (*sharedFont, error) {
	l, err := fontsLayout()
	if err != nil {
		return nil, err
	}
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, style, data)
	if err := pdf.Error(); err != nil {
		return nil, err
	}
	fonts := settable(reflect.ValueOf(pdf).Elem(), l.fonts)
	key := family + style
	found := fonts.MapIndex(reflect.ValueOf(key))
	// gofpdf prints, rather than returns, most parse errors.
	if !found.IsValid() || found.FieldByIndex(l.tp).String() != "UTF8" || found.FieldByIndex(l.utf8).IsNil() {
		return nil, fmt.Errorf("planpdf: gofpdf could not load font %s%s", family, style)
	}
	def := reflect.New(l.def).Elem()
	def.Set(found)
	settable(def, l.utf8).SetZero() // each document gets its own
	settable(def, l.used).SetZero()
	cw := def.FieldByIndex(l.cw).Interface().([]int)
	return &sharedFont{key: key, def: def, cw: cw}, nil
}

// install adds the font to pdf with a fresh used-character set and a reader
// of data, the font file gofpdf subsets when it writes the PDF. It returns
// the set and a way to swap the file (for a smaller one with the same
// glyphs for the characters used).
func (s *sharedFont) install(pdf *gofpdf.Fpdf, data []byte) (used map[int]int, setFile func([]byte)) {
	l, _ := fontsLayout()
	fonts := settable(reflect.ValueOf(pdf).Elem(), l.fonts)
	if fonts.IsNil() {
		fonts.Set(reflect.MakeMap(fonts.Type()))
	}
	def := reflect.New(l.def).Elem()
	def.Set(s.def)
	used = map[int]int{}
	for c := 0; c < 32; c++ {
		used[c] = 0 // what gofpdf starts a font's set with (it then draws U+0000's glyph, if any)
	}
	settable(def, l.used).Set(reflect.ValueOf(used))
	utf8 := reflect.New(l.utf8Type)
	reader := reflect.New(l.readerType)
	array := settable(reader.Elem(), l.array)
	array.SetBytes(data)
	settable(utf8.Elem(), l.reader).Set(reader)
	settable(def, l.utf8).Set(utf8)
	fonts.SetMapIndex(reflect.ValueOf(s.key), def)
	return used, array.SetBytes
}
