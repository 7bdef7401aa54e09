package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"whatmatters/internal/care"
)

var _ care.AccountService = (*AccountService)(nil)

// AccountService keeps accounts and sealed secrets in SQLite.
type AccountService struct {
	db *DB
}

// NewAccountService returns an AccountService on db.
func NewAccountService(db *DB) *AccountService { return &AccountService{db: db} }

func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// CountAccounts says how many accounts there are.
func (s *AccountService) CountAccounts(ctx context.Context) (int, error) {
	var n int
	err := s.db.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM accounts`).Scan(&n)
	return n, err
}

// CreateAccount adds an account with its slots. EINVALID, ECONFLICT.
func (s *AccountService) CreateAccount(ctx context.Context, a *care.Account, slots care.AccountSlots) error {
	if err := a.Validate(); err != nil {
		return err
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM accounts WHERE name_key = ?`, nameKey(a.Name)).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		return care.FieldError("name", "There is already an account named "+a.Name+". Choose another name, such as your full name")
	}
	a.CreatedAt = s.db.now()
	res, err := tx.ExecContext(ctx, `INSERT INTO accounts (name, name_key, role, key_slot, recovery_slot, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.Name, nameKey(a.Name), a.Role, slots.KeySlot, slots.RecoverySlot, formatTime(a.CreatedAt), nullID(a.CreatedBy))
	if err != nil {
		return err
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return tx.Commit()
}

// FindAccountByName returns an account and its slots. ENOTFOUND.
func (s *AccountService) FindAccountByName(ctx context.Context, name string) (*care.Account, *care.AccountSlots, error) {
	a, sl := &care.Account{}, &care.AccountSlots{}
	var created, failed string
	err := s.db.rdb.QueryRowContext(ctx, `SELECT id, name, role, created_at, IFNULL(created_by, 0), key_slot, recovery_slot, failures, last_failure_at
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
func (s *AccountService) FindAccounts(ctx context.Context) ([]*care.Account, error) {
	rows, err := s.db.rdb.QueryContext(ctx, `SELECT id, name, role, created_at, IFNULL(created_by, 0) FROM accounts ORDER BY name_key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*care.Account
	for rows.Next() {
		a := &care.Account{}
		var created string
		if err := rows.Scan(&a.ID, &a.Name, &a.Role, &created, &a.CreatedBy); err != nil {
			return nil, err
		}
		a.CreatedAt = parseTime(created)
		out = append(out, a)
	}
	return out, rows.Err()
}

// RecordSignIn clears the failures after a sign-in, or counts one more.
func (s *AccountService) RecordSignIn(ctx context.Context, accountID int64, ok bool, at time.Time) error {
	if err := s.db.Damaged(); err != nil {
		return err
	}
	q := `UPDATE accounts SET failures = 0, last_failure_at = '' WHERE id = ?`
	args := []any{accountID}
	if !ok {
		q = `UPDATE accounts SET failures = failures + 1, last_failure_at = ? WHERE id = ?`
		args = []any{formatTime(at), accountID}
	}
	_, err := s.db.wdb.ExecContext(ctx, q, args...)
	return err
}

// SetKeySlot replaces an account's passphrase slot.
func (s *AccountService) SetKeySlot(ctx context.Context, accountID int64, slot string) error {
	_, err := s.db.wdb.ExecContext(ctx, `UPDATE accounts SET key_slot = ?, failures = 0, last_failure_at = '' WHERE id = ?`, slot, accountID)
	return err
}

// FindSecret returns a sealed secret, "" if there is none.
func (s *AccountService) FindSecret(ctx context.Context, name string) (string, error) {
	var v string
	err := s.db.rdb.QueryRowContext(ctx, `SELECT sealed FROM secrets WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSecret stores a sealed secret and securely deletes a plaintext
// setting of the same name, so the plaintext leaves the file's pages too.
func (s *AccountService) SetSecret(ctx context.Context, name, sealed string, settings map[string]string) error {
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO secrets (name, sealed) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed`, name, sealed); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, name); err != nil {
		return err
	}
	for k, v := range settings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Deleted pages are zeroed (secure_delete); the WAL keeps old frames
	// until a checkpoint, so take one now.
	_, err = s.db.wdb.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}
