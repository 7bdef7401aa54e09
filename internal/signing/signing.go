// Package signing is the one place that turns an agreed version of a plan
// into the signed PDF the person takes home, and checks such a PDF against
// the records. It keeps the organisation's signing key sealed with the
// signed-in account's data key, and every certificate plans have been
// signed with, so files signed before a change of certificate still verify.
package signing

import (
	"context"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfsign"
	"whatmatters/internal/planpdf"
	"whatmatters/internal/vault"
)

// Config is what Plans needs: the services that keep versions, settings,
// certificates and secrets, the signed-in account's data key and a clock.
type Config struct {
	Versions     care.VersionService
	Settings     care.SettingsService
	Certificates care.CertificateService
	Secrets      care.AccountService
	// DataKey returns the signed-in account's data key, nil if no one is
	// signed in: the signing key is sealed with it.
	DataKey func() []byte
	// Now is the time of signing; nil for time.Now.
	Now func() time.Time
}

// Plans makes and checks signed plans: used by the app and by the
// export-pdf and verify commands.
type Plans struct {
	versions care.VersionService
	settings care.SettingsService
	certs    care.CertificateService
	secrets  care.AccountService
	dataKey  func() []byte
	now      func() time.Time
	kept     sync.Map // fingerprints of certificates known to be in certs
}

// New returns the plan pipeline for cfg.
func New(cfg Config) *Plans {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	return &Plans{versions: cfg.Versions, settings: cfg.Settings, certs: cfg.Certificates, secrets: cfg.Secrets,
		dataKey: cfg.DataKey, now: now}
}

// errSignInToSign is returned when plans must be signed but no one is signed in.
var errSignInToSign = care.Errorf(care.ESIGNIN, "Sign in to What Matters to sign plans")

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
// local root and signing certificate on first use. Every certificate it
// returns is kept among those plans have been signed with. ESIGNIN if no
// one is signed in.
func (p *Plans) chain(ctx context.Context) (*signingKey, error) {
	dk := p.dataKey()
	if dk == nil {
		return nil, errSignInToSign
	}
	sk, err := p.load(ctx, dk)
	if err != nil || sk != nil {
		return sk, err
	}
	org, err := p.settings.FindSetting(ctx, "organisation")
	if err != nil {
		return nil, err
	}
	if org == "" {
		org = DefaultOrganisation
	}
	c, err := pdfsign.NewLocalChain(org, p.now())
	if err != nil {
		return nil, err
	}
	if err := p.storeKey(ctx, dk, c.Key, map[string]string{"organisation": org,
		"signing.leaf": pemBlock("CERTIFICATE", c.Leaf.Raw), "signing.chain": pemBlock("CERTIFICATE", c.Root.Raw),
		"signing.root": pemBlock("CERTIFICATE", c.Root.Raw)}); err != nil {
		return nil, err
	}
	sk = &signingKey{key: c.Key, chain: []*x509.Certificate{c.Leaf, c.Root}, org: org}
	return sk, p.keep(ctx, c.Leaf)
}

// storeKey seals the signing key with the data key and stores it with the
// settings given (its certificates), together; any plaintext copy (stored
// before keys were sealed) is securely deleted.
func (p *Plans) storeKey(ctx context.Context, dk []byte, key any, settings map[string]string) error {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	sealed, err := vault.Seal(dk, der, "signing.key")
	if err != nil {
		return err
	}
	return p.secrets.SetSecret(ctx, "signing.key", sealed, settings)
}

// Load reads the signing certificates and, given the data key, the signing
// key, sealing a plaintext key stored by an earlier version with the data
// key: called at sign-in.
func (p *Plans) Load(ctx context.Context, dataKey []byte) error {
	_, err := p.load(ctx, dataKey)
	return err
}

// load reads the signing certificates and, given the data key, the
// signing key; nil if there are none yet. A plaintext key stored by an
// earlier version is sealed with the data key and its plaintext removed.
// The signing certificate is kept among those plans were signed with
// (databases made before that was recorded learn it here).
func (p *Plans) load(ctx context.Context, dk []byte) (*signingKey, error) {
	org, err := p.settings.FindSetting(ctx, "organisation")
	if err != nil {
		return nil, err
	}
	sk := &signingKey{org: org}
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
		return nil, nil
	}
	if err := p.keep(ctx, sk.chain[0]); err != nil {
		return nil, err
	}
	if dk == nil {
		return sk, nil
	}
	var der []byte
	if sealed, err := p.secrets.FindSecret(ctx, "signing.key"); err != nil {
		return nil, err
	} else if sealed != "" {
		if der, err = vault.Open(dk, sealed, "signing.key"); err != nil {
			return nil, fmt.Errorf("signing key: %w", err)
		}
	} else if plain, err := p.settings.FindSetting(ctx, "signing.key"); err != nil {
		return nil, err
	} else if block, _ := pem.Decode([]byte(plain)); block != nil {
		der = block.Bytes
	} else {
		return nil, errors.New("signing key missing")
	}
	parsed, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		if parsed, err = x509.ParseECPrivateKey(der); err != nil {
			return nil, err
		}
	}
	var ok bool
	if sk.key, ok = parsed.(crypto.Signer); !ok {
		return nil, errors.New("signing key cannot sign")
	}
	if plain, _ := p.settings.FindSetting(ctx, "signing.key"); plain != "" {
		if err := p.storeKey(ctx, dk, parsed, nil); err != nil {
			return nil, err
		}
	}
	return sk, nil
}

// keep records leaf among the certificates plans have been signed with,
// once per process.
func (p *Plans) keep(ctx context.Context, leaf *x509.Certificate) error {
	fp := fingerprint(leaf.Raw)
	if _, ok := p.kept.Load(fp); ok {
		return nil
	}
	if err := p.certs.AddSigningCertificate(ctx, &care.SigningCertificate{DER: leaf.Raw, NotBefore: leaf.NotBefore, NotAfter: leaf.NotAfter}); err != nil {
		return err
	}
	p.kept.Store(fp, true)
	return nil
}

func fingerprint(der []byte) string {
	h := sha256.Sum256(der)
	return hex.EncodeToString(h[:])
}

// RootCertificatePEM returns the local root certificate, so a practice can
// choose to trust it; made on first use, which needs someone signed in
// (ESIGNIN).
func (p *Plans) RootCertificatePEM(ctx context.Context) (string, error) {
	if sk, err := p.load(ctx, nil); err != nil {
		return "", err
	} else if sk == nil {
		if _, err := p.chain(ctx); err != nil {
			return "", err
		}
	}
	return p.settings.FindSetting(ctx, "signing.root")
}

// Render makes the signed PDF of a version (number 0: the latest) in
// format ("" for the format the person's communication needs call for),
// and returns it with the version and the format it was made in.
// ESIGNIN if no one is signed in; ENOTFOUND; EINVALID for an unknown
// format or a certificate outside its validity; ECONFLICT if the stored
// version no longer matches its hash.
func (p *Plans) Render(ctx context.Context, personID int64, number int, format string) ([]byte, *care.PlanVersion, string, error) {
	v, err := p.versions.FindVersion(ctx, personID, number)
	if err != nil {
		return nil, nil, "", err
	}
	sk, err := p.chain(ctx)
	if err != nil {
		return nil, nil, "", err
	}
	pdf, format, err := p.signedPDF(ctx, sk, v, format)
	return pdf, v, format, err
}

// Agree agrees the person's plan as the next version, having first made
// and checked its signed PDF in every format: if any cannot be made,
// nothing is agreed. ESIGNIN, EINVALID, ENOTFOUND.
func (p *Plans) Agree(ctx context.Context, personID int64, sigs []care.Signature) (*care.PlanVersion, error) {
	// The key is loaded (or made) before the agreement's transaction,
	// which holds the only writer.
	sk, err := p.chain(ctx)
	if err != nil {
		return nil, err
	}
	return p.versions.AgreePlan(ctx, personID, sigs, p.seal(sk))
}

// Sealer loads (or, on first use, makes) the signing key and returns the
// seal that makes and checks a version's signed PDF in every format before
// it is agreed, for callers that agree versions themselves (the examples).
// ESIGNIN if no one is signed in.
func (p *Plans) Sealer(ctx context.Context) (care.Seal, error) {
	sk, err := p.chain(ctx)
	if err != nil {
		return nil, err
	}
	return p.seal(sk), nil
}

// seal makes and checks the signed PDF of a version in every format.
func (p *Plans) seal(sk *signingKey) care.Seal {
	return func(ctx context.Context, v *care.PlanVersion) error {
		doc, err := p.document(ctx, v)
		if err != nil {
			return err
		}
		for _, f := range care.PrintFormats {
			pdf, _, err := p.sign(sk, v, doc, f.Value)
			if err == nil {
				_, err = pdfsign.Verify(pdf)
			}
			if err != nil {
				if care.ErrorCode(err) != care.EINTERNAL {
					return err
				}
				slog.Error("plan PDF could not be made", "format", f.Value, "err", err)
				return care.Errorf(care.EINVALID, "The plan could not be made into a signed PDF in %s, so it has not been agreed. "+
					"Nothing you entered is lost. Try again, and if it happens again tell your IT support", strings.ToLower(f.Label))
			}
		}
		return nil
	}
}

// signedPDF makes the PDF of version v in format and signs it with sk,
// now. It refuses a version whose stored snapshot no longer matches its
// hash, and a certificate outside its validity.
func (p *Plans) signedPDF(ctx context.Context, sk *signingKey, v *care.PlanVersion, format string) ([]byte, string, error) {
	doc, err := p.document(ctx, v)
	if err != nil {
		return nil, "", err
	}
	return p.sign(sk, v, doc, format)
}

// document is what every format of version v is drawn from: its snapshot,
// checked against its hash, and what changed since the version before.
func (p *Plans) document(ctx context.Context, v *care.PlanVersion) (planpdf.Document, error) {
	if err := v.Intact(); err != nil {
		return planpdf.Document{}, err
	}
	snap, err := care.ReadSnapshot(v.Snapshot)
	if err != nil {
		return planpdf.Document{}, err
	}
	return planpdf.Document{Snapshot: snap, CheckCode: v.CheckCode, Hash: v.Hash, Signatures: v.Signatures,
		Changes: p.Changes(ctx, v, snap)}, nil
}

// Changes says what changed in version v (whose snapshot is snap) since
// the version before it: nothing for a first version, or when the one
// before cannot be read or no longer matches its hash.
func (p *Plans) Changes(ctx context.Context, v *care.PlanVersion, snap *care.Snapshot) []care.Change {
	if v.Number <= 1 {
		return nil
	}
	prev, err := p.versions.FindVersion(ctx, v.PersonID, v.Number-1)
	if err != nil || prev.Intact() != nil {
		return nil
	}
	old, err := care.ReadSnapshot(prev.Snapshot)
	if err != nil {
		return nil
	}
	return care.Diff(old, snap)
}

// sign draws doc in format and signs it with sk, now, within the
// certificate's validity.
func (p *Plans) sign(sk *signingKey, v *care.PlanVersion, doc planpdf.Document, format string) ([]byte, string, error) {
	format = PlanFormat(doc.Snapshot, format)
	if care.ChoiceLabel(care.PrintFormats, format) == format {
		return nil, "", care.FieldError("format", "Choose standard, large print or easy read")
	}
	now, leaf := p.now(), sk.chain[0]
	if now.After(leaf.NotAfter) {
		return nil, "", care.Errorf(care.EINVALID, "The certificate that signs plans expired on %s. Import your organisation's current certificate, then try again",
			leaf.NotAfter.Format("2 January 2006"))
	}
	if now.Before(leaf.NotBefore) {
		return nil, "", care.Errorf(care.EINVALID, "The certificate that signs plans is not valid until %s. Check this computer's clock",
			leaf.NotBefore.Format("2 January 2006 15:04"))
	}
	pdf, err := planpdf.Render(doc, format)
	if err != nil {
		return nil, "", err
	}
	signed, err := pdfsign.Sign(pdf, pdfsign.Signer{Key: sk.key, Chain: sk.chain,
		Name: sk.org + ": " + v.AgreedBy.Name, Reason: "Care and support plan agreed", Location: sk.org, Time: now})
	if err != nil {
		return nil, "", err
	}
	return signed, format, nil
}

// PlanFormat is the format a copy of the snapshot is made in: format, or
// for "" the one the person's communication needs call for (standard when
// none is recorded).
func PlanFormat(snap *care.Snapshot, format string) string {
	if format == "" {
		format = snap.View().Communication.PrintFormat
	}
	if format == "" {
		format = planpdf.Standard
	}
	return format
}

// Verdict is what checking a plan found: the agreed version it names, the
// format it was made in and when it was signed.
type Verdict struct {
	Version  *care.PlanVersion
	Format   string
	SignedAt time.Time
}

// reMark is the marker planpdf writes in the Keywords: the check code and
// format, and (from December 2026) the snapshot's SHA-256.
var reMark = regexp.MustCompile(`^whatmatters check-code ([0-9A-Z]{4}-[0-9A-Z]{4}) format ([a-z-]{1,20})(?: sha256 ([0-9a-f]{64}))?$`)

// Verify checks a PDF file against the records, never by re-rendering: it
// is genuine only when its signature verifies, nothing but our signature
// revision follows the document, the signer is a certificate this
// installation has signed plans with, and the signed document names an
// agreed version (by SHA-256; files made before the hash was written name
// it by check code) whose stored snapshot still hashes to its hash.
// EINVALID or ENOTFOUND with a plain reason; ECONFLICT if the database was
// changed.
func (p *Plans) Verify(ctx context.Context, pdf []byte) (*Verdict, error) {
	res, err := pdfsign.Verify(pdf)
	if err != nil {
		return nil, care.Errorf(care.EINVALID, "This file is not a genuine signed plan: %s", plainReason(err))
	}
	if _, err := p.load(ctx, nil); err != nil {
		return nil, err
	}
	if _, err := p.certs.FindSigningCertificate(ctx, fingerprint(res.Signer.Raw)); err != nil {
		if care.ErrorCode(err) == care.ENOTFOUND {
			return nil, care.Errorf(care.EINVALID, "This file is not a genuine signed plan: it was signed by someone else, not by What Matters on this computer")
		}
		return nil, err
	}
	m := reMark.FindStringSubmatch(pdfsign.InfoString(res.Document, "Keywords"))
	if m == nil || care.ChoiceLabel(care.PrintFormats, m[2]) == m[2] {
		return nil, care.Errorf(care.EINVALID, "This file is signed, but it is not a plan made by What Matters")
	}
	code, format, hash := m[1], m[2], m[3]
	var v *care.PlanVersion
	if hash != "" {
		v, err = p.versions.FindVersionByHash(ctx, hash)
	} else {
		v, err = p.versions.FindVersionByCheckCode(ctx, code)
	}
	if err != nil {
		return nil, err
	}
	if err := v.Intact(); err != nil {
		return nil, err
	}
	if v.CheckCode != code || (hash != "" && v.Hash != hash) {
		return nil, care.Errorf(care.EINVALID, "This file is signed, but it does not name an agreed version of a plan kept here")
	}
	return &Verdict{Version: v, Format: format, SignedAt: res.SignedAt}, nil
}

// ReadPlanFile reads a file to check, refusing one far larger than any
// plan before reading it. EINVALID.
func ReadPlanFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return nil, care.Errorf(care.EINVALID, "Cannot read %s. Check the file and try again", filepath.Base(path))
	}
	if info.Size() > pdfsign.MaxFileSize {
		return nil, care.Errorf(care.EINVALID, "This file is %d MB, larger than any plan (at most %d MB). Check you chose the right file",
			info.Size()>>20, pdfsign.MaxFileSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, care.Errorf(care.EINVALID, "Cannot read %s. Check the file and try again", filepath.Base(path))
	}
	return data, nil
}

func plainReason(err error) string {
	s := err.Error()
	if i := len("pdfsign: "); len(s) > i && s[:i] == "pdfsign: " {
		return s[i:]
	}
	return s
}
