package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"whatmatters/internal/care"
)

// WithdrawCopy withdraws a copy recorded by mistake, with a reason, as a
// new row beside it: the copy and its version are never changed. EINVALID
// (no reason, already withdrawn), ENOTFOUND.
func (s *VersionService) WithdrawCopy(ctx context.Context, copyID int64, reason string) (err error) {
	defer wrap(&err, "WithdrawCopy")
	if reason, err = care.Required("reason", "Why it is withdrawn", "why the copy is withdrawn", reason, care.MaxShortText); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := withdrawCopy(ctx, tx, copyID, reason); err != nil {
		return err
	}
	return tx.Commit()
}

// withdrawCopy records the withdrawal of copy copyID.
func withdrawCopy(ctx context.Context, tx *Tx, copyID int64, reason string) error {
	actor, err := tx.Actor()
	if err != nil {
		return err
	}
	var withdrawn int
	err = tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM plan_copy_withdrawals WHERE copy_id = c.id) FROM plan_copies c WHERE c.id = ?`, copyID).Scan(&withdrawn)
	if errors.Is(err, sql.ErrNoRows) {
		return care.Errorf(care.ENOTFOUND, "There is no such copy")
	} else if err != nil {
		return err
	}
	if withdrawn > 0 {
		return care.Errorf(care.EINVALID, "This copy has already been withdrawn")
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO plan_copy_withdrawals (uuid, copy_id, reason, withdrawn_at, withdrawn_by, withdrawn_role) VALUES (?, ?, ?, ?, ?, ?)`,
		newUUID(), copyID, reason, formatTime(tx.now), actor.Name, actor.Role)
	return err
}
