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
	"regexp"
	"strconv"
)

// Result is what Verify found.
type Result struct {
	Signer *x509.Certificate
	// WholeFile is true when the signature covers every byte but its own.
	WholeFile bool
	// Signed is the file as it was signed: the bytes up to the end of the
	// signed revision.
	Signed []byte
}

var (
	reByteRange = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	errInvalid  = errors.New("pdfsign: the signature does not match the file: it has been changed since it was signed")
)

// Verify checks the last signature in pdf: that the signed bytes hash to the
// digest in the CMS, and that the CMS signature verifies with the signing
// certificate it carries. It does not decide whether to trust that
// certificate: compare it with the one you expect.
func Verify(pdf []byte) (*Result, error) {
	all := reByteRange.FindAllSubmatchIndex(pdf, -1)
	if all == nil {
		return nil, errors.New("pdfsign: the file has no signature")
	}
	m := all[len(all)-1]
	var r [4]int
	for i := range r {
		r[i], _ = strconv.Atoi(string(pdf[m[2+2*i]:m[3+2*i]]))
	}
	if r[0] != 0 || r[1] <= 0 || r[2] <= r[1] || r[2]+r[3] > len(pdf) || pdf[r[1]] != '<' || pdf[r[2]-1] != '>' {
		return nil, errors.New("pdfsign: the signature's byte range is malformed")
	}
	der := make([]byte, (r[2]-r[1]-2)/2)
	if _, err := hex.Decode(der, pdf[r[1]+1:r[2]-1]); err != nil {
		return nil, errors.New("pdfsign: the signature is not readable")
	}
	h := sha256.New()
	h.Write(pdf[:r[1]])
	h.Write(pdf[r[2] : r[2]+r[3]])
	digest := h.Sum(nil)

	signer, attrs, wantDigest, sig, err := parseCMS(der)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(digest, wantDigest) {
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
	return &Result{Signer: signer, WholeFile: r[2]+r[3] == len(pdf), Signed: pdf[:r[2]+r[3]]}, nil
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
	if _, err := asn1.Unmarshal(der, &ci); err != nil || !ci.ContentType.Equal(oidSignedData) {
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
	var digest []byte
	for len(rest) > 0 {
		var a attribute
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return nil, nil, nil, nil, bad
		}
		if a.Type.Equal(oidMessageDigest) {
			if _, err := asn1.Unmarshal(a.Values.Bytes, &digest); err != nil {
				return nil, nil, nil, nil, bad
			}
		}
	}
	if digest == nil {
		return nil, nil, nil, nil, bad
	}
	return signer, signed, digest, si.Signature, nil
}
