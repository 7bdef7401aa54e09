package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"whatmatters/internal/care"
)

// AddSigningCertificate records c (its fingerprint is worked out from its
// DER); recording it again does nothing.
func (s *CertificateService) AddSigningCertificate(ctx context.Context, c *care.SigningCertificate) (err error) {
	defer wrap(&err, "AddSigningCertificate")
	sum := sha256.Sum256(c.DER)
	c.Fingerprint = hex.EncodeToString(sum[:])
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO signing_certificates (fingerprint, der, not_before, not_after, added_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING`,
		c.Fingerprint, c.DER, formatTime(c.NotBefore), formatTime(c.NotAfter), formatTime(tx.now)); err != nil {
		return err
	}
	return tx.Commit()
}

// FindSigningCertificate returns the certificate with this fingerprint. ENOTFOUND.
func (s *CertificateService) FindSigningCertificate(ctx context.Context, fingerprint string) (_ *care.SigningCertificate, err error) {
	defer wrap(&err, "FindSigningCertificate")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := &care.SigningCertificate{Fingerprint: fingerprint}
	var nb, na string
	err = tx.QueryRowContext(ctx, `SELECT der, not_before, not_after FROM signing_certificates WHERE fingerprint = ?`, fingerprint).
		Scan(&c.DER, &nb, &na)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.ENOTFOUND, "This certificate has never signed plans here")
	}
	if err != nil {
		return nil, err
	}
	c.NotBefore, c.NotAfter = parseTime(nb), parseTime(na)
	return c, nil
}
