// Package pdfsign signs PDF files with a PAdES B-B signature (ETSI.CAdES.
// detached, ECDSA P-256, SHA-256) written as an incremental update, and
// checks such signatures. It uses only the standard library and knows
// nothing of what the PDF says.
package pdfsign

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Signer is who signs, and how the signature describes itself.
type Signer struct {
	Key   crypto.Signer       // an ECDSA (P-256) or RSA private key
	Chain []*x509.Certificate // the signing certificate first, then its issuers
	// Name, Reason and Location are shown by PDF readers.
	Name, Reason, Location string
	// Time is written as the signature dictionary's /M; fixed for repeatable bytes.
	Time time.Time
}

// contentsSize is the room reserved for the CMS, in bytes (hex doubles it).
const contentsSize = 8192

// MaxFileSize is the largest file Verify reads: far beyond any plan, small
// enough that a hostile file cannot exhaust memory.
const MaxFileSize = 16 << 20

// Sign returns pdf with a signature added as an incremental update after
// its last %%EOF, covering the whole file but the signature itself, with
// an invisible signature widget on the last page. Signing is always the
// last step: any later rewrite of the file breaks the signature.
func Sign(pdf []byte, s Signer) ([]byte, error) {
	doc, err := parse(pdf)
	if err != nil {
		return nil, err
	}
	if err := doc.signable(); err != nil {
		return nil, err
	}
	meta := fmt.Sprintf("/M %s /Name %s /Reason %s /Location %s", pdfDate(s.Time), pdfString(s.Name), pdfString(s.Reason), pdfString(s.Location))
	out, contentsStart, contentsEnd, err := doc.revision(meta, bytes.Repeat([]byte("0"), 2*contentsSize))
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(out[:contentsStart])
	h.Write(out[contentsEnd:])
	cms, err := signCMS(h.Sum(nil), s.Key, s.Chain)
	if err != nil {
		return nil, err
	}
	if len(cms) > contentsSize {
		return nil, fmt.Errorf("pdfsign: signature of %d bytes does not fit in %d", len(cms), contentsSize)
	}
	hex.Encode(out[contentsStart+1:], cms)
	return out, nil
}

// signable reports why the document cannot take a signature: it has been
// updated, or already has a form (such as a signature).
func (doc *document) signable() error {
	if doc.prev {
		return errors.New("pdfsign: the PDF has been updated already; only a single-revision PDF can be signed")
	}
	if catalog, err := doc.object(doc.root); err != nil {
		return err
	} else if strings.Contains(catalog, "/AcroForm") {
		return errors.New("pdfsign: the PDF already has a form; signing it again is not supported")
	}
	return nil
}

// revision returns the document followed by the signature revision this
// package writes (layout 1: signature dictionary, widget, catalog with the
// form, last page with the widget, xref, trailer), with meta (the /M,
// /Name, /Reason and /Location entries) and contents (the hex of the CMS,
// 2×contentsSize characters), and where the /Contents string starts and
// ends. Sign and Verify both build it, so Verify can insist that a file
// is exactly a document plus the revision Sign writes, and nothing else.
func (doc *document) revision(meta string, contents []byte) ([]byte, int, int, error) {
	catalog, err := doc.object(doc.root)
	if err != nil {
		return nil, 0, 0, err
	}
	lastPage, pageDict, err := doc.lastPage(catalog)
	if err != nil {
		return nil, 0, 0, err
	}
	pdf := doc.data
	sigNum, widgetNum := doc.size, doc.size+1
	var b bytes.Buffer
	b.Grow(len(pdf) + len(contents) + 4096)
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	offsets := map[int]int{}

	// The signature dictionary; its /ByteRange is patched once offsets are known.
	offsets[sigNum] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n/ByteRange ", sigNum)
	byteRangeAt := b.Len()
	b.WriteString("[0 0000000000 0000000000 0000000000]")
	b.WriteString("\n/Contents <")
	contentsStart := b.Len() - 1
	b.Write(contents)
	b.WriteString(">")
	contentsEnd := b.Len()
	fmt.Fprintf(&b, "\n%s >>\nendobj\n", meta)

	offsets[widgetNum] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %d 0 R /Rect [0 0 0 0] /F 132 /P %d 0 R >>\nendobj\n",
		widgetNum, sigNum, lastPage)

	offsets[doc.root] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", doc.root,
		insertEntry(catalog, fmt.Sprintf("/AcroForm << /Fields [%d 0 R] /SigFlags 3 >>", widgetNum)))

	offsets[lastPage] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", lastPage, addAnnot(pageDict, widgetNum))

	xrefAt := b.Len()
	b.WriteString("xref\n0 1\n0000000000 65535 f \n")
	for _, n := range slices.Sorted(maps.Keys(offsets)) {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Prev %d%s >>\nstartxref\n%d\n%%%%EOF\n",
		doc.size+2, doc.root, doc.startxref, doc.trailerExtras, xrefAt)

	out := b.Bytes()
	byteRange := fmt.Sprintf("[0 %010d %010d %010d]", contentsStart, contentsEnd, len(out)-contentsEnd)
	copy(out[byteRangeAt:], byteRange)
	return out, contentsStart, contentsEnd, nil
}

// document is what signing needs to know of a PDF.
type document struct {
	data          []byte
	offsets       map[int]int // object number → byte offset, newest revision first
	last          map[int]int // the objects of the last revision only
	root, size    int
	startxref     int
	prev          bool   // the file has been updated: it has more than one revision
	trailerExtras string // /Info and /ID, carried into the new trailer
}

var (
	reStartxref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reRef       = func(key string) *regexp.Regexp { return regexp.MustCompile(`/` + key + `\s+(\d+)\s+0\s+R`) }
	reSize      = regexp.MustCompile(`/Size\s+(\d+)`)
	reInfo      = regexp.MustCompile(`/Info\s+\d+\s+0\s+R`)
	reID        = regexp.MustCompile(`/ID\s*\[[^\]]*\]`)
	rePrev      = regexp.MustCompile(`/Prev\s+(\d+)`)
	reKids      = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
)

// maxObjects bounds object numbers and counts read from a file, so no
// arithmetic on them can overflow.
const maxObjects = 1 << 20

// number reads a non-negative decimal no larger than max, or fails.
func number(s string, max int) (int, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > int64(max) {
		return 0, errors.New("pdfsign: a number in the file is out of range")
	}
	return int(n), nil
}

// parse reads the cross-reference tables and trailer of a classic
// (non-stream xref) PDF such as gofpdf writes, following /Prev through at
// most 32 revisions. Every number is checked against the file's size
// before use.
func parse(pdf []byte) (*document, error) {
	m := reStartxref.FindSubmatch(pdf[max(0, len(pdf)-64):])
	if m == nil {
		return nil, errors.New("pdfsign: not a PDF: no startxref at the end")
	}
	d := &document{data: pdf, offsets: map[int]int{}}
	var err error
	if d.startxref, err = number(string(m[1]), len(pdf)-1); err != nil {
		return nil, err
	}
	at := d.startxref
	for rev := 0; ; rev++ {
		offsets, trailer, err := section(pdf, at)
		if err != nil {
			return nil, err
		}
		for n, off := range offsets {
			if _, newer := d.offsets[n]; !newer {
				d.offsets[n] = off
			}
		}
		if rev == 0 {
			if err := d.readTrailer(trailer); err != nil {
				return nil, err
			}
			d.last = offsets
		}
		p := rePrev.FindStringSubmatch(trailer)
		if p == nil {
			return d, nil
		}
		prev, err := number(p[1], at-1)
		if err != nil || rev == 32 {
			return nil, errors.New("pdfsign: cannot follow the file's revisions")
		}
		d.prev, at = true, prev
	}
}

// section reads the xref section at offset at and the trailer after it.
func section(pdf []byte, at int) (map[int]int, string, error) {
	if !bytes.HasPrefix(pdf[at:], []byte("xref")) {
		return nil, "", errors.New("pdfsign: only PDFs with a classic xref table are supported")
	}
	rest := pdf[at+4:]
	trailerAt := bytes.Index(rest, []byte("trailer"))
	if trailerAt < 0 {
		return nil, "", errors.New("pdfsign: no trailer")
	}
	offsets := map[int]int{}
	lines := strings.Fields(string(rest[:trailerAt]))
	for i := 0; i+1 < len(lines); {
		first, err1 := number(lines[i], maxObjects)
		count, err2 := number(lines[i+1], maxObjects)
		if err1 != nil || err2 != nil || i+2+3*count > len(lines) {
			return nil, "", errors.New("pdfsign: cannot read the xref table")
		}
		for k := 0; k < count; k++ {
			if lines[i+2+3*k+2] != "n" {
				continue
			}
			off, err := number(lines[i+2+3*k], len(pdf)-1)
			if err != nil {
				return nil, "", err
			}
			offsets[first+k] = off
		}
		i += 2 + 3*count
	}
	trailer := string(rest[trailerAt:])
	if end := strings.Index(trailer, "startxref"); end >= 0 {
		trailer = trailer[:end]
	}
	return offsets, trailer, nil
}

// readTrailer reads the root, size, /Info and /ID of the last trailer.
func (d *document) readTrailer(trailer string) error {
	m := reRef("Root").FindStringSubmatch(trailer)
	if m == nil {
		return errors.New("pdfsign: the trailer has no /Root")
	}
	var err error
	if d.root, err = number(m[1], maxObjects); err != nil {
		return err
	}
	if m := reSize.FindStringSubmatch(trailer); m != nil {
		if d.size, err = number(m[1], maxObjects); err != nil {
			return err
		}
	}
	for _, re := range []*regexp.Regexp{reInfo, reID} {
		if m := re.FindString(trailer); m != "" {
			d.trailerExtras += " " + m
		}
	}
	return nil
}

// object returns the dictionary text of object n ("<< ... >>").
func (d *document) object(n int) (string, error) {
	off, ok := d.offsets[n]
	if !ok || off >= len(d.data) {
		return "", fmt.Errorf("pdfsign: object %d not found", n)
	}
	body := d.data[off:]
	end := bytes.Index(body, []byte("endobj"))
	start := bytes.Index(body, []byte("obj"))
	if end < 0 || start < 0 || start > end {
		return "", fmt.Errorf("pdfsign: object %d is unreadable", n)
	}
	text := strings.TrimSpace(string(body[start+3 : end]))
	if !strings.HasPrefix(text, "<<") || !strings.HasSuffix(text, ">>") {
		return "", fmt.Errorf("pdfsign: object %d is not a dictionary", n)
	}
	return text, nil
}

// lastPage follows the page tree from the catalog to the last page.
func (d *document) lastPage(catalog string) (int, string, error) {
	m := reRef("Pages").FindStringSubmatch(catalog)
	if m == nil {
		return 0, "", errors.New("pdfsign: the catalog has no /Pages")
	}
	n, err := number(m[1], maxObjects)
	if err != nil {
		return 0, "", err
	}
	for depth := 0; depth < 32; depth++ {
		dict, err := d.object(n)
		if err != nil {
			return 0, "", err
		}
		kids := reKids.FindStringSubmatch(dict)
		if kids == nil {
			return n, dict, nil // a page
		}
		refs := strings.Fields(kids[1])
		if len(refs) < 3 {
			return 0, "", errors.New("pdfsign: the PDF has no pages")
		}
		if n, err = number(refs[len(refs)-3], maxObjects); err != nil {
			return 0, "", err
		}
	}
	return 0, "", errors.New("pdfsign: the page tree is too deep")
}

// insertEntry adds an entry just before the dictionary's closing ">>".
func insertEntry(dict, entry string) string {
	return strings.TrimSuffix(dict, ">>") + "\n" + entry + " >>"
}

var reAnnots = regexp.MustCompile(`/Annots\s*\[`)

// addAnnot adds the widget to a page's /Annots array, making one if needed.
func addAnnot(page string, widget int) string {
	ref := fmt.Sprintf("%d 0 R ", widget)
	if loc := reAnnots.FindStringIndex(page); loc != nil {
		return page[:loc[1]] + ref + page[loc[1]:]
	}
	return insertEntry(page, "/Annots ["+strings.TrimSpace(ref)+"]")
}

// pdfDate writes a PDF date, D:YYYYMMDDHHmmSSZ.
func pdfDate(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}

// pdfString writes text as a PDF string: UTF-16BE with a BOM, in hex, so
// any character is safe.
func pdfString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}
