package pdfsign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"sort"
)

// Object identifiers used in the CMS signature.
var (
	oidData                 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningCertificateV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA256               = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidECDSAWithSHA256      = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidSHA256WithRSA        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
)

type algorithmIdentifier struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

// signatureAlgorithm names how key signs: ECDSA with SHA-256 (no
// parameters), or RSA PKCS #1 v1.5 with SHA-256 (NULL parameters).
func signatureAlgorithm(key crypto.Signer) (algorithmIdentifier, error) {
	switch key.Public().(type) {
	case *ecdsa.PublicKey:
		return algorithmIdentifier{Algorithm: oidECDSAWithSHA256}, nil
	case *rsa.PublicKey:
		return algorithmIdentifier{Algorithm: oidSHA256WithRSA, Parameters: asn1.NullRawValue}, nil
	}
	return algorithmIdentifier{}, errors.New("pdfsign: only ECDSA and RSA keys can sign")
}

type attribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue `asn1:"set"`
}

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

// signedAttributes builds the DER of the signed attributes as a SET (the
// form that is signed). PAdES B-B: content type, message digest and the
// signing certificate (v2); no signing time, which belongs in the /M entry.
func signedAttributes(digest []byte, leaf *x509.Certificate) ([]byte, error) {
	certHash := sha256.Sum256(leaf.Raw)
	// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
	// ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (SHA-256 is the default hash)
	essCertID, err := asn1.Marshal(struct{ Hash []byte }{certHash[:]})
	if err != nil {
		return nil, err
	}
	signingCert, err := asn1.Marshal(struct{ Certs []asn1.RawValue }{[]asn1.RawValue{{FullBytes: essCertID}}})
	if err != nil {
		return nil, err
	}
	ct, _ := asn1.Marshal(oidData)
	md, _ := asn1.Marshal(digest)
	var encoded [][]byte
	for _, a := range []struct {
		oid   asn1.ObjectIdentifier
		value []byte
	}{{oidContentType, ct}, {oidMessageDigest, md}, {oidSigningCertificateV2, signingCert}} {
		b, err := asn1.Marshal(attribute{Type: a.oid, Values: asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: a.value}})
		if err != nil {
			return nil, err
		}
		encoded = append(encoded, b)
	}
	// DER: the members of a SET OF are sorted by their encodings.
	sort.Slice(encoded, func(i, j int) bool { return bytes.Compare(encoded[i], encoded[j]) < 0 })
	return asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: bytes.Join(encoded, nil)})
}

// signCMS returns a detached CMS SignedData over digest (the SHA-256 of the
// signed byte ranges), signed with key: deterministically, as ECDSA follows
// RFC 6979 when given no randomness and RSA PKCS #1 v1.5 needs none.
func signCMS(digest []byte, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	if len(chain) == 0 {
		return nil, errors.New("pdfsign: no certificate")
	}
	leaf := chain[0]
	attrs, err := signedAttributes(digest, leaf)
	if err != nil {
		return nil, err
	}
	sigAlg, err := signatureAlgorithm(key)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(attrs)
	sig, err := key.Sign(nil, h[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: sign: %w", err)
	}

	sha256Alg, _ := asn1.Marshal(algorithmIdentifier{Algorithm: oidSHA256})
	// In the SignerInfo the attributes are [0] IMPLICIT: same content, tag 0xA0.
	implicitAttrs := append([]byte{0xA0}, attrs[1:]...)
	signerInfo, err := asn1.Marshal(struct {
		Version            int
		SID                issuerAndSerial
		DigestAlgorithm    asn1.RawValue
		SignedAttrs        asn1.RawValue
		SignatureAlgorithm algorithmIdentifier
		Signature          []byte
	}{
		Version:            1,
		SID:                issuerAndSerial{Issuer: asn1.RawValue{FullBytes: leaf.RawIssuer}, Serial: leaf.SerialNumber},
		DigestAlgorithm:    asn1.RawValue{FullBytes: sha256Alg},
		SignedAttrs:        asn1.RawValue{FullBytes: implicitAttrs},
		SignatureAlgorithm: sigAlg,
		Signature:          sig,
	})
	if err != nil {
		return nil, err
	}
	var certs []byte
	for _, c := range chain {
		certs = append(certs, c.Raw...)
	}
	signedData, err := asn1.Marshal(struct {
		Version          int
		DigestAlgorithms asn1.RawValue
		EncapContentInfo struct{ ContentType asn1.ObjectIdentifier }
		Certificates     asn1.RawValue
		SignerInfos      asn1.RawValue
	}{
		Version:          1,
		DigestAlgorithms: asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: sha256Alg},
		EncapContentInfo: struct{ ContentType asn1.ObjectIdentifier }{oidData},
		Certificates:     asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: certs},
		SignerInfos:      asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: signerInfo},
	})
	if err != nil {
		return nil, err
	}
	// ContentInfo: the [0] EXPLICIT wrapper is built by hand, because
	// encoding/asn1 ignores "explicit" on a RawValue with FullBytes.
	explicit, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: signedData})
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue
	}{oidSignedData, asn1.RawValue{FullBytes: explicit}})
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

// verifySignature checks sig, the signer's signature of the signed
// attributes attrs.
func verifySignature(signer *x509.Certificate, attrs, sig []byte) error {
	ah := sha256.Sum256(attrs)
	switch pub := signer.PublicKey.(type) {
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(pub, ah[:], sig) {
			return errInvalid
		}
	case *rsa.PublicKey:
		if rsa.VerifyPKCS1v15(pub, crypto.SHA256, ah[:], sig) != nil {
			return errInvalid
		}
	default:
		return errors.New("pdfsign: only ECDSA and RSA signatures are supported")
	}
	return nil
}
