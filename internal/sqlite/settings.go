package sqlite

import (
	"context"
	"database/sql"
	"errors"
)

// FindSetting returns a stored setting, "" if there is none.
func (s *SettingsService) FindSetting(ctx context.Context, key string) (_ string, err error) {
	defer wrap(&err, "FindSetting")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	return findSetting(ctx, tx, key)
}

func findSetting(ctx context.Context, tx *Tx, key string) (string, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSettings stores several settings at once, or none.
func (s *SettingsService) SetSettings(ctx context.Context, kv map[string]string) (err error) {
	defer wrap(&err, "SetSettings")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setSettings(ctx, tx, kv); err != nil {
		return err
	}
	return tx.Commit()
}

// setSettings stores each setting, replacing what was there.
func setSettings(ctx context.Context, tx *Tx, kv map[string]string) error {
	for k, v := range kv {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return err
		}
	}
	return nil
}
