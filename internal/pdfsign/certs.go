package pdfsign

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"time"
)

// Chain is a signing key with its certificate and the issuing root.
type Chain struct {
	Key  *ecdsa.PrivateKey
	Leaf *x509.Certificate
	Root *x509.Certificate
}

// NewLocalChain makes a local root CA and an end-entity signing certificate
// (digital signature and non-repudiation) for org, valid for ten years from
// now. PDF validators reject a self-signed leaf marked as a CA, hence two
// certificates; a practice can choose to trust the root.
func NewLocalChain(org string, now time.Time) (*Chain, error) {
	rootKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial := func() *big.Int {
		n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
		return n.Add(n, big.NewInt(1))
	}
	notBefore, notAfter := now.Add(-time.Hour), now.AddDate(10, 0, 0)
	rootTmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{Organization: []string{org}, CommonName: org + " plan signing root"},
		NotBefore: notBefore, NotAfter: notAfter, IsCA: true, BasicConstraintsValid: true, MaxPathLen: 0, MaxPathLenZero: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	rootDER, err := x509.CreateCertificate(rand.Reader, rootTmpl, rootTmpl, &rootKey.PublicKey, rootKey)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: root: %w", err)
	}
	root, _ := x509.ParseCertificate(rootDER)
	leafTmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{Organization: []string{org}, CommonName: org + " care plans"},
		NotBefore: notBefore, NotAfter: notAfter, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, root, &leafKey.PublicKey, rootKey)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: leaf: %w", err)
	}
	leaf, _ := x509.ParseCertificate(leafDER)
	return &Chain{Key: leafKey, Leaf: leaf, Root: root}, nil
}
