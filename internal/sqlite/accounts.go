package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"whatmatters/internal/care"
)

func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// CountAccounts says how many accounts there are.
func (s *AccountService) CountAccounts(ctx context.Context) (_ int, err error) {
	defer wrap(&err, "CountAccounts")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var n int
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM accounts`).Scan(&n)
	return n, err
}

// CreateAccount adds an account with its slots. EINVALID, ECONFLICT.
func (s *AccountService) CreateAccount(ctx context.Context, a *care.Account, slots care.AccountSlots) (err error) {
	defer wrap(&err, "CreateAccount")
	if err := a.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createAccount(ctx, tx, a, slots); err != nil {
		return err
	}
	return tx.Commit()
}

// createAccount stores a new account; a name already taken (in any case) is
// refused beside the name.
func createAccount(ctx context.Context, tx *Tx, a *care.Account, slots care.AccountSlots) error {
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM accounts WHERE name_key = ?`, nameKey(a.Name)).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		return care.FieldError("name", "There is already an account named "+a.Name+". Choose another name, such as your full name")
	}
	a.CreatedAt = tx.now
	res, err := tx.ExecContext(ctx, `INSERT INTO accounts (name, name_key, role, key_slot, recovery_slot, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.Name, nameKey(a.Name), a.Role, slots.KeySlot, slots.RecoverySlot, formatTime(a.CreatedAt), nullID(a.CreatedBy))
	if err != nil {
		return err
	}
	a.ID, err = res.LastInsertId()
	return err
}

// FindAccountByName returns an account and its slots. ENOTFOUND.
func (s *AccountService) FindAccountByName(ctx context.Context, name string) (_ *care.Account, _ *care.AccountSlots, err error) {
	defer wrap(&err, "FindAccountByName")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	a, sl := &care.Account{}, &care.AccountSlots{}
	var created, failed string
	err = tx.QueryRowContext(ctx, `SELECT id, name, role, created_at, IFNULL(created_by, 0), key_slot, recovery_slot, failures, last_failure_at
		FROM accounts WHERE name_key = ?`, nameKey(name)).
		Scan(&a.ID, &a.Name, &a.Role, &created, &a.CreatedBy, &sl.KeySlot, &sl.RecoverySlot, &sl.Failures, &failed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, care.Errorf(care.ENOTFOUND, "There is no account with that name")
	}
	if err != nil {
		return nil, nil, err
	}
	a.CreatedAt, sl.LastFailure = parseTime(created), parseTime(failed)
	return a, sl, nil
}

// FindAccounts lists the accounts, by name.
func (s *AccountService) FindAccounts(ctx context.Context) (_ []*care.Account, err error) {
	defer wrap(&err, "FindAccounts")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return queryAll(ctx, tx, scanAccount, `SELECT id, name, role, created_at, IFNULL(created_by, 0) FROM accounts ORDER BY name_key`)
}

func scanAccount(row scanner) (*care.Account, error) {
	a := &care.Account{}
	var created string
	if err := row.Scan(&a.ID, &a.Name, &a.Role, &created, &a.CreatedBy); err != nil {
		return nil, err
	}
	a.CreatedAt = parseTime(created)
	return a, nil
}

// RecordSignIn clears the failures after a sign-in, or counts one more at
// the time given.
func (s *AccountService) RecordSignIn(ctx context.Context, accountID int64, ok bool, at time.Time) (err error) {
	defer wrap(&err, "RecordSignIn")
	q := `UPDATE accounts SET failures = 0, last_failure_at = '' WHERE id = ?`
	args := []any{accountID}
	if !ok {
		q = `UPDATE accounts SET failures = failures + 1, last_failure_at = ? WHERE id = ?`
		args = []any{formatTime(at), accountID}
	}
	return s.exec(ctx, q, args...)
}

// SetKeySlot replaces an account's passphrase slot.
func (s *AccountService) SetKeySlot(ctx context.Context, accountID int64, slot string) (err error) {
	defer wrap(&err, "SetKeySlot")
	return s.exec(ctx, `UPDATE accounts SET key_slot = ?, failures = 0, last_failure_at = '' WHERE id = ?`, slot, accountID)
}

// exec runs one statement in its own write transaction.
func (s *AccountService) exec(ctx context.Context, query string, args ...any) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		return err
	}
	return tx.Commit()
}

// FindSecret returns a sealed secret, "" if there is none.
func (s *AccountService) FindSecret(ctx context.Context, name string) (_ string, err error) {
	defer wrap(&err, "FindSecret")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var v string
	err = tx.QueryRowContext(ctx, `SELECT sealed FROM secrets WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSecret stores a sealed secret and securely deletes a plaintext
// setting of the same name, so the plaintext leaves the file's pages too.
func (s *AccountService) SetSecret(ctx context.Context, name, sealed string, settings map[string]string) (err error) {
	defer wrap(&err, "SetSecret")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setSecret(ctx, tx, name, sealed, settings); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Deleted pages are zeroed (secure_delete); the WAL keeps old frames
	// until a checkpoint, so take one now.
	_, err = s.db.wdb.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// setSecret stores the sealed secret, removes the plaintext setting of its
// name and stores the other settings.
func setSecret(ctx context.Context, tx *Tx, name, sealed string, settings map[string]string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO secrets (name, sealed) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed`, name, sealed); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, name); err != nil {
		return err
	}
	return setSettings(ctx, tx, settings)
}
