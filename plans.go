package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

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

// chain loads the organisation's signing key and certificates, making a
// local root and signing certificate on first use.
func (p *plans) chain(ctx context.Context) (*pdfsign.Chain, string, error) {
	org, err := p.settings.FindSetting(ctx, "organisation")
	if err != nil {
		return nil, "", err
	}
	if org == "" {
		org = DefaultOrganisation
	}
	keyPEM, err := p.settings.FindSetting(ctx, "signing.key")
	if err != nil {
		return nil, "", err
	}
	if keyPEM == "" {
		c, err := pdfsign.NewLocalChain(org, p.now())
		if err != nil {
			return nil, "", err
		}
		der, err := x509.MarshalECPrivateKey(c.Key)
		if err != nil {
			return nil, "", err
		}
		enc := func(t string, b []byte) string { return string(pem.EncodeToMemory(&pem.Block{Type: t, Bytes: b})) }
		if err := p.settings.SetSettings(ctx, map[string]string{"organisation": org, "signing.key": enc("EC PRIVATE KEY", der),
			"signing.leaf": enc("CERTIFICATE", c.Leaf.Raw), "signing.root": enc("CERTIFICATE", c.Root.Raw)}); err != nil {
			return nil, "", err
		}
		return c, org, nil
	}
	c := &pdfsign.Chain{}
	block, _ := pem.Decode([]byte(keyPEM))
	if block == nil {
		return nil, "", errors.New("signing key unreadable")
	}
	var key *ecdsa.PrivateKey
	if key, err = x509.ParseECPrivateKey(block.Bytes); err != nil {
		return nil, "", err
	}
	c.Key = key
	for name, dst := range map[string]**x509.Certificate{"signing.leaf": &c.Leaf, "signing.root": &c.Root} {
		v, err := p.settings.FindSetting(ctx, name)
		if err != nil {
			return nil, "", err
		}
		b, _ := pem.Decode([]byte(v))
		if b == nil {
			return nil, "", errors.New("signing certificate unreadable")
		}
		if *dst, err = x509.ParseCertificate(b.Bytes); err != nil {
			return nil, "", err
		}
	}
	return c, org, nil
}

// RootCertificatePEM returns the local root certificate, so a practice can
// choose to trust it.
func (p *plans) RootCertificatePEM(ctx context.Context) (string, error) {
	if _, _, err := p.chain(ctx); err != nil {
		return "", err
	}
	return p.settings.FindSetting(ctx, "signing.root")
}

// render makes the signed PDF of a version (number 0: the latest) in format
// ("" for the format the person's communication needs call for).
func (p *plans) render(ctx context.Context, personID int64, number int, format string) ([]byte, *care.PlanVersion, string, error) {
	v, err := p.versions.FindVersion(ctx, personID, number)
	if err != nil {
		return nil, nil, "", err
	}
	var snap care.Snapshot
	if err := json.Unmarshal(v.Snapshot, &snap); err != nil {
		return nil, nil, "", err
	}
	if format == "" {
		format = snap.Value(care.SectionCommunication, "printFormat")
	}
	if format == "" {
		format = planpdf.Standard
	}
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
	chain, org, err := p.chain(ctx)
	if err != nil {
		return nil, nil, "", err
	}
	pdf, err := planpdf.Render(planpdf.Document{Snapshot: &snap, CheckCode: v.CheckCode, Signatures: v.Signatures,
		Changes: changes, Organisation: org}, format)
	if err != nil {
		return nil, nil, "", err
	}
	signed, err := pdfsign.Sign(pdf, pdfsign.Signer{Key: chain.Key, Chain: []*x509.Certificate{chain.Leaf, chain.Root},
		Name: org + ": " + v.AgreedBy.Name, Reason: "Care and support plan agreed", Location: org, Time: v.AgreedAt})
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

// verify checks a PDF file against the records: its signature must hold,
// and it must be byte for byte the PDF of an agreed version. ENOTFOUND or
// EINVALID with a plain reason.
func (p *plans) verify(ctx context.Context, pdf []byte) (*Verdict, error) {
	if _, err := pdfsign.Verify(pdf); err != nil {
		return nil, care.Errorf(care.EINVALID, "This file does not match a signed plan: %s", plainReason(err))
	}
	m := reMark.FindSubmatch(pdf)
	if m == nil {
		return nil, care.Errorf(care.EINVALID, "This file is not a plan made by What Matters")
	}
	v, err := p.versions.FindVersionByCheckCode(ctx, string(m[1]))
	if err != nil {
		return nil, err
	}
	want, _, _, err := p.render(ctx, v.PersonID, v.Number, string(m[2]))
	if err != nil {
		return nil, err
	}
	if string(want) != string(pdf) {
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
