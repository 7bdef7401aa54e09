package main

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfsign"
	"whatmatters/internal/planpdf"
)

// plans is the one place that turns an agreed version into the signed PDF
// the person takes home, and checks such a PDF: used by the app and by the
// export-pdf and verify commands.
type plans struct {
	versions care.VersionService
	settings care.SettingsService
	now      func() time.Time
}

// DefaultOrganisation names the signer until an organisation is set.
const DefaultOrganisation = "What Matters on this computer"

// signingKey is the key that signs plans, its certificate chain (signing
// certificate first) and the organisation's name.
type signingKey struct {
	key   crypto.Signer
	chain []*x509.Certificate
	org   string
}

func pemBlock(t string, b []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: t, Bytes: b}))
}

// chain loads the organisation's signing key and certificates, making a
// local root and signing certificate on first use.
func (p *plans) chain(ctx context.Context) (*signingKey, error) {
	org, err := p.settings.FindSetting(ctx, "organisation")
	if err != nil {
		return nil, err
	}
	if org == "" {
		org = DefaultOrganisation
	}
	keyPEM, err := p.settings.FindSetting(ctx, "signing.key")
	if err != nil {
		return nil, err
	}
	if keyPEM == "" {
		c, err := pdfsign.NewLocalChain(org, p.now())
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalPKCS8PrivateKey(c.Key)
		if err != nil {
			return nil, err
		}
		if err := p.settings.SetSettings(ctx, map[string]string{"organisation": org, "signing.key": pemBlock("PRIVATE KEY", der),
			"signing.leaf": pemBlock("CERTIFICATE", c.Leaf.Raw), "signing.chain": pemBlock("CERTIFICATE", c.Root.Raw),
			"signing.root": pemBlock("CERTIFICATE", c.Root.Raw)}); err != nil {
			return nil, err
		}
		return &signingKey{key: c.Key, chain: []*x509.Certificate{c.Leaf, c.Root}, org: org}, nil
	}
	sk := &signingKey{org: org}
	block, _ := pem.Decode([]byte(keyPEM))
	if block == nil {
		return nil, errors.New("signing key unreadable")
	}
	var parsed any
	if parsed, err = x509.ParsePKCS8PrivateKey(block.Bytes); err != nil {
		if parsed, err = x509.ParseECPrivateKey(block.Bytes); err != nil {
			return nil, err
		}
	}
	var ok bool
	if sk.key, ok = parsed.(crypto.Signer); !ok {
		return nil, errors.New("signing key cannot sign")
	}
	for _, name := range []string{"signing.leaf", "signing.chain"} {
		rest, err := p.settings.FindSetting(ctx, name)
		if err != nil {
			return nil, err
		}
		if name == "signing.chain" && rest == "" { // stored before chains were kept
			if rest, err = p.settings.FindSetting(ctx, "signing.root"); err != nil {
				return nil, err
			}
		}
		for b, r := pem.Decode([]byte(rest)); b != nil; b, r = pem.Decode(r) {
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return nil, err
			}
			sk.chain = append(sk.chain, c)
		}
	}
	if len(sk.chain) == 0 {
		return nil, errors.New("signing certificate missing")
	}
	return sk, nil
}

// importPKCS12 makes the organisation's own certificate (a PKCS #12 file)
// the one that signs plans from now on. Files exported before still verify:
// verify compares what was signed, not who signed it. EINVALID with a plain
// reason.
func (p *plans) importPKCS12(ctx context.Context, data []byte, password string) (string, error) {
	key, leaf, cas, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		return "", care.FieldError("password", "The certificate file could not be opened. Check it is a .p12 or .pfx file and the password is right")
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
	default:
		return "", care.Errorf(care.EINVALID, "Only P-256 elliptic-curve or RSA keys can sign plans")
	}
	if pub, ok := leaf.PublicKey.(interface{ Equal(crypto.PublicKey) bool }); !ok || !pub.Equal(signer.Public()) {
		return "", care.Errorf(care.EINVALID, "The key in this file does not belong to its certificate")
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
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", err
	}
	org := leaf.Subject.CommonName
	if len(leaf.Subject.Organization) > 0 {
		org = leaf.Subject.Organization[0]
	}
	var chain string
	root := leaf
	for _, c := range cas {
		chain += pemBlock("CERTIFICATE", c.Raw)
		root = c
	}
	return org, p.settings.SetSettings(ctx, map[string]string{"organisation": org, "signing.key": pemBlock("PRIVATE KEY", der),
		"signing.leaf": pemBlock("CERTIFICATE", leaf.Raw), "signing.chain": chain, "signing.root": pemBlock("CERTIFICATE", root.Raw)})
}

// RootCertificatePEM returns the local root certificate, so a practice can
// choose to trust it.
func (p *plans) RootCertificatePEM(ctx context.Context) (string, error) {
	if _, err := p.chain(ctx); err != nil {
		return "", err
	}
	return p.settings.FindSetting(ctx, "signing.root")
}

// render makes the signed PDF of a version (number 0: the latest) in format
// ("" for the format the person's communication needs call for).
func (p *plans) render(ctx context.Context, personID int64, number int, format string) ([]byte, *care.PlanVersion, string, error) {
	return p.renderPDF(ctx, personID, number, format, true)
}

// planFormat is the format a copy of the snapshot is made in: format, or
// for "" the one the person's communication needs call for (standard when
// none is recorded).
func planFormat(snap *care.Snapshot, format string) string {
	if format == "" {
		format = snap.Value(care.SectionCommunication, "printFormat")
	}
	if format == "" {
		format = planpdf.Standard
	}
	return format
}

// renderPDF makes the PDF of a version, signed or not. The unsigned bytes
// depend only on the version and format, so they start every signed copy.
func (p *plans) renderPDF(ctx context.Context, personID int64, number int, format string, sign bool) ([]byte, *care.PlanVersion, string, error) {
	v, err := p.versions.FindVersion(ctx, personID, number)
	if err != nil {
		return nil, nil, "", err
	}
	var snap care.Snapshot
	if err := json.Unmarshal(v.Snapshot, &snap); err != nil {
		return nil, nil, "", err
	}
	format = planFormat(&snap, format)
	if care.ChoiceLabel(care.PrintFormats, format) == format {
		return nil, nil, "", care.FieldError("format", "Choose standard, large print or easy read")
	}
	var changes []care.Change
	if v.Number > 1 {
		if prev, err := p.versions.FindVersion(ctx, personID, v.Number-1); err == nil {
			var old care.Snapshot
			if json.Unmarshal(prev.Snapshot, &old) == nil {
				changes = care.Diff(&old, &snap)
			}
		}
	}
	sk, err := p.chain(ctx)
	if err != nil {
		return nil, nil, "", err
	}
	pdf, err := planpdf.Render(planpdf.Document{Snapshot: &snap, CheckCode: v.CheckCode, Signatures: v.Signatures,
		Changes: changes}, format)
	if err != nil {
		return nil, nil, "", err
	}
	if !sign {
		return pdf, v, format, nil
	}
	signed, err := pdfsign.Sign(pdf, pdfsign.Signer{Key: sk.key, Chain: sk.chain,
		Name: sk.org + ": " + v.AgreedBy.Name, Reason: "Care and support plan agreed", Location: sk.org, Time: v.AgreedAt})
	if err != nil {
		return nil, nil, "", err
	}
	return signed, v, format, nil
}

// Verdict is what checking a plan found.
type Verdict struct {
	Version *care.PlanVersion
	Format  string
}

var reMark = regexp.MustCompile(`whatmatters check-code ([0-9A-Z]{4}-[0-9A-Z]{4}) format ([a-z-]+)`)

// verify checks a PDF file against the records: its signature must hold
// and cover the whole file, and what it signs must be byte for byte the PDF
// of an agreed version. ENOTFOUND or EINVALID with a plain reason.
func (p *plans) verify(ctx context.Context, pdf []byte) (*Verdict, error) {
	res, err := pdfsign.Verify(pdf)
	if err != nil {
		return nil, care.Errorf(care.EINVALID, "This file does not match a signed plan: %s", plainReason(err))
	}
	if !res.WholeFile {
		return nil, care.Errorf(care.EINVALID, "Something was added to this file after it was signed")
	}
	m := reMark.FindSubmatch(pdf)
	if m == nil {
		return nil, care.Errorf(care.EINVALID, "This file is not a plan made by What Matters")
	}
	v, err := p.versions.FindVersionByCheckCode(ctx, string(m[1]))
	if err != nil {
		return nil, err
	}
	want, _, _, err := p.renderPDF(ctx, v.PersonID, v.Number, string(m[2]), false)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(res.Signed, want) {
		return nil, care.Errorf(care.EINVALID, "This file has check code %s but does not match the agreed version: it may have been changed", v.CheckCode)
	}
	return &Verdict{Version: v, Format: string(m[2])}, nil
}

func plainReason(err error) string {
	s := err.Error()
	if i := len("pdfsign: "); len(s) > i && s[:i] == "pdfsign: " {
		return s[i:]
	}
	return s
}

// writeFileAtomic writes data to path through a temporary file that is
// synced and renamed, so a crash never leaves half a file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".whatmatters-*.tmp")
	if err != nil {
		return care.Errorf(care.EINVALID, "Cannot write to %s. Choose another folder", dir)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return care.Errorf(care.EINVALID, "Cannot save %s. Check the folder and try again", path)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: not supported on every platform
		d.Close()
	}
	return nil
}
