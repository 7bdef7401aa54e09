package pdfsign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
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
	ah := sha256.Sum256(attrs)
	switch pub := signer.PublicKey.(type) {
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(pub, ah[:], sig) {
			return nil, errInvalid
		}
	case *rsa.PublicKey:
		if rsa.VerifyPKCS1v15(pub, crypto.SHA256, ah[:], sig) != nil {
			return nil, errInvalid
		}
	default:
		return nil, errors.New("pdfsign: only ECDSA and RSA signatures are supported")
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

// parseCMS reads the signing certificate, the signed attributes (as the
// SET that was signed), the message digest and the signature from a
// SignedData made by signCMS.
func parseCMS(der []byte) (*x509.Certificate, []byte, []byte, []byte, error) {
	bad := errors.New("pdfsign: the signature is not a CMS SignedData this app can read")
	// The reserved space is zero-padded after the DER.
	var ci struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue `asn1:"explicit,tag:0"`
	}
	pad, err := asn1.Unmarshal(der, &ci)
	if err != nil || !ci.ContentType.Equal(oidSignedData) || bytes.ContainsFunc(pad, func(r rune) bool { return r != 0 }) {
		return nil, nil, nil, nil, bad
	}
	var sd struct {
		Version          int
		DigestAlgorithms asn1.RawValue
		EncapContentInfo asn1.RawValue
		Certificates     asn1.RawValue `asn1:"optional,tag:0"`
		SignerInfos      asn1.RawValue
	}
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return nil, nil, nil, nil, bad
	}
	certs, err := x509.ParseCertificates(sd.Certificates.Bytes)
	if err != nil || len(certs) == 0 {
		return nil, nil, nil, nil, bad
	}
	var si struct {
		Version            int
		SID                issuerAndSerial
		DigestAlgorithm    asn1.RawValue
		SignedAttrs        asn1.RawValue `asn1:"tag:0"`
		SignatureAlgorithm asn1.RawValue
		Signature          []byte
	}
	if _, err := asn1.Unmarshal(sd.SignerInfos.Bytes, &si); err != nil {
		return nil, nil, nil, nil, bad
	}
	var signer *x509.Certificate
	for _, c := range certs {
		if c.SerialNumber.Cmp(si.SID.Serial) == 0 && bytes.Equal(c.RawIssuer, si.SID.Issuer.FullBytes) {
			signer = c
		}
	}
	if signer == nil {
		return nil, nil, nil, nil, bad
	}
	// What was signed is the attributes with a SET tag, not [0].
	signed := append([]byte{0x31}, si.SignedAttrs.FullBytes[1:]...)
	rest := si.SignedAttrs.Bytes
	var digest, certHash []byte
	for len(rest) > 0 {
		var a attribute
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return nil, nil, nil, nil, bad
		}
		switch {
		case a.Type.Equal(oidMessageDigest):
			if _, err := asn1.Unmarshal(a.Values.Bytes, &digest); err != nil {
				return nil, nil, nil, nil, bad
			}
		case a.Type.Equal(oidSigningCertificateV2):
			var sc struct{ Certs []struct{ Hash []byte } }
			if _, err := asn1.Unmarshal(a.Values.Bytes, &sc); err != nil || len(sc.Certs) == 0 {
				return nil, nil, nil, nil, bad
			}
			certHash = sc.Certs[0].Hash
		}
	}
	if digest == nil {
		return nil, nil, nil, nil, bad
	}
	// PAdES: the signed attributes name the signing certificate, so it
	// cannot be swapped for another with the same key.
	if h := sha256.Sum256(signer.Raw); !bytes.Equal(certHash, h[:]) {
		return nil, nil, nil, nil, errors.New("pdfsign: the signature does not name the certificate it carries")
	}
	return signer, signed, digest, si.Signature, nil
}
