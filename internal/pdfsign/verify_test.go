package pdfsign

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

func testSigner(tb testing.TB, org string) Signer {
	tb.Helper()
	c, err := NewLocalChain(org, at)
	if err != nil {
		tb.Fatal(err)
	}
	return Signer{Key: c.Key, Chain: []*x509.Certificate{c.Leaf, c.Root}, Name: "Sam", Reason: "Agreed", Location: org, Time: at}
}

// forge signs pdf the way an attacker's tool would: a signature revision
// in this package's own layout, whatever the file already holds.
func forge(tb testing.TB, pdf []byte, s Signer) []byte {
	tb.Helper()
	doc, err := parse(pdf)
	if err != nil {
		tb.Fatal(err)
	}
	out, cs, ce, err := doc.revision("/M (D:20261121103000Z) /Name <FEFF> /Reason <FEFF> /Location <FEFF>", bytes.Repeat([]byte("0"), 2*contentsSize))
	if err != nil {
		tb.Fatal(err)
	}
	h := sha256.New()
	h.Write(out[:cs])
	h.Write(out[ce:])
	cms, err := signCMS(h.Sum(nil), s.Key, s.Chain)
	if err != nil {
		tb.Fatal(err)
	}
	hex.Encode(out[cs+1:], cms)
	return out
}

// update appends an incremental update that replaces object n's content
// stream: what an attacker does to rewrite page 1.
func update(tb testing.TB, pdf []byte, text string) []byte {
	tb.Helper()
	doc, err := parse(pdf)
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	stream := "BT /F1 14 Tf 50 700 Td (" + text + ") Tj ET"
	n := 4 // the first page's content stream, as gofpdf numbers it
	off := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", n, len(stream), stream)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %d 0 R /Prev %d%s >>\nstartxref\n%d\n%%%%EOF\n",
		n, off, doc.size, doc.root, doc.startxref, doc.trailerExtras, xref)
	return b.Bytes()
}

func TestVerifyRefuses(t *testing.T) {
	ours := testSigner(t, "Riverside Community Care")
	signed, err := Sign(SamplePDF(t, "Call Ola first"), ours)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(signed); err != nil {
		t.Fatalf("the genuine file: %v", err)
	}
	flipCert := func() []byte {
		bad := bytes.Clone(signed)
		// The leaf certificate's own signature sits inside the CMS hex:
		// flip a bit of the certificate, not of the signed bytes.
		der := hex.EncodeToString(ours.Chain[0].Raw)
		i := bytes.Index(bad, []byte(der))
		if i < 0 {
			t.Fatal("certificate not found in the file")
		}
		j := i + len(der) - 10
		bad[j] = "01"[(bad[j]-'0'+1)%2]
		if bad[j] == signed[j] {
			bad[j] = 'a'
		}
		return bad
	}
	bigRange := bytes.Replace(bytes.Clone(signed), []byte("/ByteRange [0 "), []byte("/ByteRange [0 "), 1)
	if i := bytes.Index(bigRange, []byte("/ByteRange [0 ")); i >= 0 {
		copy(bigRange[i+len("/ByteRange [0 "):], "9223372036854775807"[:10])
	}
	cases := []struct {
		name string
		file []byte
		want string
	}{
		{"ErrUpdateAfterSignature", update(t, signed, "Call nobody"), "no signature made by What Matters"},
		{"ErrResignedAfterUpdate", forge(t, update(t, signed, "Call nobody"), testSigner(t, "Riverside Community Care")), "changed in this file after it was signed"},
		{"ErrUpdateThenOurLayout", forge(t, update(t, SamplePDF(t, "Call Ola first"), "Call nobody"), ours), "changed in this file after it was signed"},
		{"ErrBytesAppended", append(bytes.Clone(signed), "% more\n"...), "no signature made by What Matters"},
		{"ErrCertificateBitFlipped", flipCert(), "not"},
		{"ErrHugeByteRange", bigRange, "changed"},
		{"ErrTooLarge", append(bytes.Clone(signed), make([]byte, MaxFileSize)...), "over 16 MB"},
		{"ErrNotPDF", []byte("hello"), "not a PDF"},
		{"ErrEmpty", nil, "not a PDF"},
		{"ErrUnsigned", SamplePDF(t, "x"), "no signature"},
		{"ErrTruncated", signed[:len(signed)/2], "no signature"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Verify(c.file)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to say %q", err, c.want)
			}
		})
	}
}

func TestVerifyCertificateSwap(t *testing.T) {
	// Another certificate for the same key passes the signature check, but
	// the signed attributes name the original one.
	ours := testSigner(t, "Riverside Community Care")
	signed, err := Sign(SamplePDF(t, "x"), ours)
	if err != nil {
		t.Fatal(err)
	}
	rootKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: ours.Chain[0].SerialNumber, Subject: ours.Chain[0].Subject, NotBefore: at, NotAfter: at.AddDate(1, 0, 0)}
	parent := &x509.Certificate{Subject: pkix.Name{CommonName: "x"}, RawSubject: ours.Chain[0].RawIssuer}
	oldHex, newHex := hex.EncodeToString(ours.Chain[0].Raw), ""
	for range 50 { // ECDSA signatures vary in length: find one that fits
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, ours.Key.Public(), rootKey)
		if err != nil {
			t.Fatal(err)
		}
		if newHex = hex.EncodeToString(der); len(newHex) == len(oldHex) {
			break
		}
	}
	if len(oldHex) != len(newHex) {
		t.Skip("no substitute certificate of the same length")
	}
	swapped := bytes.Replace(bytes.Clone(signed), []byte(oldHex), []byte(newHex), 1)
	if _, err := Verify(swapped); err == nil {
		t.Error("a swapped certificate verified")
	}
}

func TestParseNumbers(t *testing.T) {
	for _, s := range []string{"9223372036854775807", "99999999999999999999", "-1", "x"} {
		if _, err := number(s, 1<<20); err == nil {
			t.Errorf("number(%q) accepted", s)
		}
	}
	if n, err := number("42", 100); err != nil || n != 42 {
		t.Errorf("number(42) = %d, %v", n, err)
	}
}

func TestInfoString(t *testing.T) {
	if got := InfoString(SamplePDF(t, "x"), "Keywords"); got != "whatmatters plan 0123 format standard" {
		t.Errorf("Keywords = %q", got)
	}
	if got := InfoString([]byte("junk"), "Keywords"); got != "" {
		t.Errorf("junk Keywords = %q", got)
	}
}
