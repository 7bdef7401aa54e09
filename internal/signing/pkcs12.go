package signing

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"strings"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfsign"
	"whatmatters/internal/planpdf"
)

// Limits on an organisation's certificate file, checked before it is opened.
const (
	maxP12Size = 1 << 20
	// maxP12Iterations bounds the MAC and key-derivation iteration counts:
	// real files use 2,048 to 600,000; 2^31 would hang the app for hours.
	maxP12Iterations = 1_000_000
	p12Timeout       = 20 * time.Second
)

// ImportPKCS12 makes the organisation's own certificate (a PKCS #12 file)
// the one that signs plans from now on, after signing and checking a test
// plan with it. Files signed before still verify: every certificate that
// has signed plans is kept. EINVALID with a plain reason (field "password"
// for a wrong password); ESIGNIN if no one is signed in. It returns the
// organisation named by the certificate.
func (p *Plans) ImportPKCS12(ctx context.Context, data []byte, password string) (string, error) {
	if len(data) == 0 {
		return "", care.Errorf(care.EINVALID, "The certificate file is empty")
	}
	if len(data) > maxP12Size {
		return "", care.Errorf(care.EINVALID, "The certificate file is too large to be a certificate (over 1 MB)")
	}
	if err := checkP12Iterations(data); err != nil {
		return "", err
	}
	key, leaf, cas, err := decodeP12(data, password)
	if err != nil {
		return "", err
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return "", care.Errorf(care.EINVALID, "This certificate's key cannot sign documents")
	}
	switch k := signer.Public().(type) {
	case *ecdsa.PublicKey:
		if k.Curve.Params().Name != "P-256" {
			return "", care.Errorf(care.EINVALID, "Only P-256 elliptic-curve or RSA keys can sign plans")
		}
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return "", care.Errorf(care.EINVALID, "This certificate's RSA key has %d bits; plans need at least 2048. Ask for a stronger certificate", k.N.BitLen())
		}
	default:
		return "", care.Errorf(care.EINVALID, "Only P-256 elliptic-curve or RSA keys can sign plans")
	}
	if pub, ok := leaf.PublicKey.(interface{ Equal(crypto.PublicKey) bool }); !ok || !pub.Equal(signer.Public()) {
		return "", care.Errorf(care.EINVALID, "The key in this file does not belong to its certificate")
	}
	if leaf.IsCA {
		return "", care.Errorf(care.EINVALID, "This is a certificate authority's certificate, not one for signing documents. Ask for a document-signing certificate")
	}
	now := p.now()
	if now.After(leaf.NotAfter) {
		return "", care.Errorf(care.EINVALID, "This certificate expired on %s. Ask for a current one", leaf.NotAfter.Format("2 January 2006"))
	}
	if now.Before(leaf.NotBefore) {
		return "", care.Errorf(care.EINVALID, "This certificate is not valid until %s", leaf.NotBefore.Format("2 January 2006"))
	}
	if leaf.KeyUsage != 0 && leaf.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		return "", care.Errorf(care.EINVALID, "This certificate is not for signing documents")
	}
	chain := append([]*x509.Certificate{leaf}, cas...)
	org := leaf.Subject.CommonName
	if len(leaf.Subject.Organization) > 0 {
		org = leaf.Subject.Organization[0]
	}
	dk := p.dataKey()
	if dk == nil {
		return "", errSignInToSign
	}
	if err := trySigning(signer, chain, org, now); err != nil {
		return "", err
	}
	var chainPEM string
	root := leaf
	for _, c := range cas {
		chainPEM += pemBlock("CERTIFICATE", c.Raw)
		root = c
	}
	if err := p.keep(ctx, leaf); err != nil {
		return "", err
	}
	return org, p.storeKey(ctx, dk, key, map[string]string{"organisation": org,
		"signing.leaf": pemBlock("CERTIFICATE", leaf.Raw), "signing.chain": chainPEM, "signing.root": pemBlock("CERTIFICATE", root.Raw)})
}

// decodeP12 opens the file, in the background so a file that is still
// too slow to open cannot hang the app.
func decodeP12(data []byte, password string) (any, *x509.Certificate, []*x509.Certificate, error) {
	type result struct {
		key  any
		leaf *x509.Certificate
		cas  []*x509.Certificate
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.key, r.leaf, r.cas, r.err = pkcs12.DecodeChain(data, password)
		done <- r
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(p12Timeout):
		return nil, nil, nil, care.Errorf(care.EINVALID, "The certificate file took too long to open. Ask for it to be exported again with standard settings")
	}
	switch {
	case r.err == nil:
		return r.key, r.leaf, r.cas, nil
	case errors.Is(r.err, pkcs12.ErrIncorrectPassword):
		return nil, nil, nil, care.FieldError("password", "The password is not right for this certificate file")
	case strings.Contains(r.err.Error(), "private key missing") || strings.Contains(r.err.Error(), "expected exactly one key bag"):
		return nil, nil, nil, care.Errorf(care.EINVALID, "This file has no private key. Ask for the certificate to be exported with its private key (a .p12 or .pfx file)")
	case strings.Contains(r.err.Error(), "certificate missing"):
		return nil, nil, nil, care.Errorf(care.EINVALID, "This file has no certificate in it")
	}
	return nil, nil, nil, care.Errorf(care.EINVALID, "The certificate file could not be opened. Check it is a .p12 or .pfx file")
}

// checkP12Iterations walks the file's ASN.1 (and the DER inside its OCTET
// STRINGs) and refuses an iteration count above the limit: in PKCS #12
// they follow a salt (PBE parameters, PBKDF2 parameters, MacData).
func checkP12Iterations(data []byte) error {
	bad := care.Errorf(care.EINVALID, "The certificate file could not be opened. Check it is a .p12 or .pfx file")
	var raw asn1.RawValue
	if rest, err := asn1.Unmarshal(data, &raw); err != nil || len(rest) != 0 {
		return bad
	}
	nodes := 0
	var walk func(v asn1.RawValue, depth int) error
	walk = func(v asn1.RawValue, depth int) error {
		if nodes++; depth > 24 || nodes > 100_000 {
			return bad
		}
		if v.Class == asn1.ClassUniversal && v.Tag == asn1.TagOctetString && !v.IsCompound {
			var inner asn1.RawValue
			if rest, err := asn1.Unmarshal(v.Bytes, &inner); err == nil && len(rest) == 0 && inner.IsCompound {
				return walk(inner, depth+1)
			}
			return nil
		}
		if !v.IsCompound {
			return nil
		}
		var prev asn1.RawValue
		for rest := v.Bytes; len(rest) > 0; {
			var child asn1.RawValue
			var err error
			if rest, err = asn1.Unmarshal(rest, &child); err != nil {
				return nil // not DER throughout: the decoder will say so
			}
			if child.Tag == asn1.TagInteger && child.Class == asn1.ClassUniversal && prev.Tag == asn1.TagOctetString && prev.Class == asn1.ClassUniversal {
				var n int64
				if _, err := asn1.Unmarshal(child.FullBytes, &n); err != nil || n < 1 || n > maxP12Iterations {
					return care.Errorf(care.EINVALID, "This certificate file asks for an unreasonable amount of work to open (over %d iterations). Ask for it to be exported again with standard settings", maxP12Iterations)
				}
			}
			if err := walk(child, depth+1); err != nil {
				return err
			}
			prev = child
		}
		return nil
	}
	return walk(raw, 0)
}

// trySigning signs and checks a small test plan with the key, so a
// certificate that cannot sign plans is refused before anything is stored.
func trySigning(key crypto.Signer, chain []*x509.Certificate, org string, now time.Time) error {
	fail := care.Errorf(care.EINVALID, "A test plan could not be signed with this certificate, so it has not been imported. Ask for a document-signing certificate")
	snap := &care.Snapshot{Version: 1, AgreedAt: now.UTC().Format(time.RFC3339), Person: care.SnapshotPerson{GivenName: "Test", FamilyName: "Plan"}}
	pdf, err := planpdf.Render(planpdf.Document{Snapshot: snap, CheckCode: "TEST-0000"}, planpdf.Standard)
	if err != nil {
		return err
	}
	signed, err := pdfsign.Sign(pdf, pdfsign.Signer{Key: key, Chain: chain, Name: org, Reason: "Test", Location: org, Time: now})
	if err != nil {
		return fail
	}
	res, err := pdfsign.Verify(signed)
	if err != nil || !res.Signer.Equal(chain[0]) {
		return fail
	}
	return nil
}
