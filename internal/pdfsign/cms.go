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
