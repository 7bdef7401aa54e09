package planpdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"
)

// finishPDF is a small pass over gofpdf's output before signing. gofpdf
// writes content streams uncompressed here (SetCompression(false)): a new
// zlib writer for every stream was a fifth of a render, so this
// compresses them with pooled writers. It also puts into the catalog what
// gofpdf cannot: the document language and "show the title, not the file
// name". The result is still one revision with a classic xref table, so
// the signer can append its incremental update.
func finishPDF(in []byte, lang string) ([]byte, error) {
	xrefAt, err := startxref(in)
	if err != nil {
		return nil, err
	}
	// "xref\n0 N\n" then N entries of 20 bytes.
	rest := in[xrefAt:]
	var n int
	if _, err := fmt.Sscanf(string(rest[:min(len(rest), 32)]), "xref\n0 %d\n", &n); err != nil || n < 2 {
		return nil, errors.New("planpdf: finish: no xref table")
	}
	table := bytes.IndexByte(rest[5:], '\n') + 6
	if table+20*n > len(rest) {
		return nil, errors.New("planpdf: finish: short xref table")
	}
	trailer := rest[table+20*n:]
	if end := bytes.Index(trailer, []byte("startxref")); end >= 0 {
		trailer = trailer[:end]
	}
	type obj struct{ num, off int }
	objs := make([]obj, 0, n-1)
	for i := 1; i < n; i++ {
		off, err := strconv.Atoi(string(rest[table+20*i : table+20*i+10]))
		if err != nil || off <= 0 || off >= xrefAt {
			return nil, errors.New("planpdf: finish: bad xref entry")
		}
		objs = append(objs, obj{i, off})
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].off < objs[j].off })

	out := bytes.NewBuffer(make([]byte, 0, len(in)))
	out.Write(bytes.Replace(in[:objs[0].off], []byte("%PDF-1.3"), []byte("%PDF-1.5"), 1)) // ActualText is PDF 1.5
	offsets := make([]int, n)
	for i, o := range objs {
		end := xrefAt
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		offsets[o.num] = out.Len()
		if err := finishObject(out, in[o.off:end], lang); err != nil {
			return nil, err
		}
	}
	at := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", n)
	for i := 1; i < n; i++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[i])
	}
	out.Write(trailer)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", at)
	return out.Bytes(), nil
}

func startxref(pdf []byte) (int, error) {
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	if i < 0 {
		return 0, errors.New("planpdf: finish: no startxref")
	}
	var at int
	if _, err := fmt.Sscanf(string(pdf[i+10:]), "%d", &at); err != nil || at <= 0 || at >= i {
		return 0, errors.New("planpdf: finish: bad startxref")
	}
	return at, nil
}

// finishObject copies one object ("N 0 obj\n...endobj\n"), compressing it
// if it is a plain stream and adding to it if it is the catalog.
func finishObject(out *bytes.Buffer, o []byte, lang string) error {
	head := bytes.IndexByte(o, '\n') + 1
	body := o[head:]
	if bytes.HasPrefix(body, []byte("<<\n/Type /Catalog\n")) {
		out.Write(o[:head])
		out.WriteString("<<\n/Type /Catalog\n")
		fmt.Fprintf(out, "/Lang %s\n/ViewerPreferences <</DisplayDocTitle true>>\n", pdfText(lang))
		out.Write(body[len("<<\n/Type /Catalog\n"):])
		return nil
	}
	var length int
	if !bytes.HasPrefix(body, []byte("<</Length ")) {
		out.Write(o)
		return nil
	}
	dict := bytes.Index(body, []byte(">>\nstream\n"))
	if dict < 0 {
		out.Write(o)
		return nil
	}
	if l, err := strconv.Atoi(string(body[len("<</Length "):dict])); err != nil {
		out.Write(o) // more than a length: not one of ours to touch
		return nil
	} else {
		length = l
	}
	data := body[dict+len(">>\nstream\n"):]
	if len(data) < length || !bytes.HasPrefix(data[length:], []byte("\nendstream")) {
		return errors.New("planpdf: finish: stream length does not match")
	}
	z := compress(data[:length])
	out.Write(o[:head])
	fmt.Fprintf(out, "<</Filter /FlateDecode /Length %d>>\nstream\n", len(z.Bytes()))
	out.Write(z.Bytes())
	out.Write(data[length:])
	z.release()
	return nil
}

// A zlib writer costs more to make than to compress a page with: keep
// them, and their output buffers, for the next stream.
var zpool = sync.Pool{New: func() any {
	z := &zbuf{}
	z.w, _ = zlib.NewWriterLevel(&z.Buffer, zlib.BestSpeed)
	return z
}}

type zbuf struct {
	bytes.Buffer
	w *zlib.Writer
}

func compress(data []byte) *zbuf {
	z := zpool.Get().(*zbuf)
	z.Reset()
	z.w.Reset(&z.Buffer)
	z.w.Write(data)
	z.w.Close()
	return z
}

func (z *zbuf) release() { zpool.Put(z) }

// pdfText writes s as a PDF literal string.
func pdfText(s string) string {
	var b bytes.Buffer
	b.WriteByte('(')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '(' || c == ')' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte(')')
	return b.String()
}
