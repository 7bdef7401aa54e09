package pdfsign

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Result is what Verify found.
type Result struct {
	// Signer is the signing certificate, exactly as embedded in the file.
	Signer *x509.Certificate
	// SignedAt is the signature's claimed time of signing (its /M).
	SignedAt time.Time
	// Document is the unsigned document the signature revision follows:
	// the PDF as it was before it was signed.
	Document []byte
}

var (
	errInvalid   = errors.New("pdfsign: the signature does not match the file: it has been changed since it was signed")
	errStructure = errors.New("pdfsign: something was added to or changed in this file after it was signed")
	errNoSig     = errors.New("pdfsign: the file has no signature made by What Matters")
	// reSigStart and reSigMeta match the signature dictionary Sign writes
	// (layout 1), before and after its /Contents.
	reSigStart = regexp.MustCompile(`^\d{1,7} 0 obj\n<< /Type /Sig /Filter /Adobe\.PPKLite /SubFilter /ETSI\.CAdES\.detached\n` +
		`/ByteRange \[0 \d{10} \d{10} \d{10}\]\n/Contents <`)
	reSigMeta = regexp.MustCompile(`^>\n(/M \(D:(\d{14})Z\) /Name <[0-9A-F]*> /Reason <[0-9A-F]*> /Location <[0-9A-F]*>) >>\nendobj\n`)
)

// Verify checks that pdf is a document followed by exactly the signature
// revision Sign writes and nothing else (so the signature covers every
// byte but itself, and nothing was added before or after it), that the
// signed bytes hash to the digest in the CMS, that the CMS signature
// verifies with the signing certificate it carries, and that the signed
// attributes name that certificate. It does not decide whether to trust
// the certificate: compare it with the ones you expect. Every error says
// why in plain words after "pdfsign: ".
func Verify(pdf []byte) (*Result, error) {
	if len(pdf) > MaxFileSize {
		return nil, fmt.Errorf("pdfsign: the file is over %d MB, far larger than any plan", MaxFileSize>>20)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, errors.New("pdfsign: the file is not a PDF")
	}
	final, err := parse(pdf)
	if err != nil || !final.prev || len(final.last) == 0 {
		return nil, errNoSig
	}
	// The signature revision starts with its first object; before it is
	// the unsigned document.
	start := len(pdf)
	for _, off := range final.last {
		start = min(start, off)
	}
	sig := pdf[start:]
	m := reSigStart.FindIndex(sig)
	if m == nil || len(sig) < m[1]+2*contentsSize {
		return nil, errNoSig
	}
	contents := sig[m[1] : m[1]+2*contentsSize]
	meta := reSigMeta.FindSubmatch(sig[m[1]+2*contentsSize : min(len(sig), m[1]+2*contentsSize+64<<10)])
	if meta == nil || bytes.ContainsFunc(contents, func(r rune) bool { return !strings.ContainsRune("0123456789abcdef", r) }) {
		return nil, errNoSig
	}
	signedAt, err := time.Parse("20060102150405", string(meta[2]))
	if err != nil {
		return nil, errNoSig
	}
	doc, err := parse(pdf[:start])
	if err != nil || doc.signable() != nil {
		return nil, errStructure
	}
	want, contentsStart, contentsEnd, err := doc.revision(string(meta[1]), contents)
	if err != nil || !bytes.Equal(want, pdf) {
		return nil, errStructure
	}

	der := make([]byte, contentsSize)
	if _, err := hex.Decode(der, contents); err != nil {
		return nil, errors.New("pdfsign: the signature is not readable")
	}
	signer, attrs, wantDigest, sig, err := parseCMS(der)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(pdf[:contentsStart])
	h.Write(pdf[contentsEnd:])
	if !bytes.Equal(h.Sum(nil), wantDigest) {
		return nil, errInvalid
	}
	if err := verifySignature(signer, attrs, sig); err != nil {
		return nil, err
	}
	return &Result{Signer: signer, SignedAt: signedAt, Document: pdf[:start]}, nil
}

// reInfoEntry is a literal string entry of the Info dictionary.
var reInfoEntry = func(key string) *regexp.Regexp { return regexp.MustCompile(`/` + key + ` \(([ -'*-\[\]-~]{0,512})\)`) }

// InfoString returns a plain ASCII string entry (such as "Keywords") of
// the Info dictionary of a single-revision PDF, or "" if it has none.
func InfoString(pdf []byte, key string) string {
	doc, err := parse(pdf)
	if err != nil {
		return ""
	}
	m := reRef("Info").FindStringSubmatch(doc.trailerExtras)
	if m == nil {
		return ""
	}
	n, err := number(m[1], maxObjects)
	if err != nil {
		return ""
	}
	info, err := doc.object(n)
	if err != nil {
		return ""
	}
	if v := reInfoEntry(key).FindStringSubmatch(info); v != nil {
		return v[1]
	}
	return ""
}
