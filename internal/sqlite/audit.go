package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"whatmatters/internal/care"
)

// chainHash is the SHA-256 of the previous row's hash and this row's
// canonical JSON (a fixed list of its columns).
func chainHash(prev string, canonical []any) string {
	b, err := json.Marshal(canonical)
	if err != nil {
		panic(err) // strings and integers always marshal
	}
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{'\n'})
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

type auditRow struct {
	id, accountID, personID  int64
	at, name, action, detail string
}

func (r auditRow) canonical() []any {
	return []any{r.id, r.at, r.accountID, r.name, r.action, r.personID, r.detail}
}

// Audit appends an event, chained to the one before it.
func (s *AuditService) Audit(ctx context.Context, e *care.AuditEvent) (err error) {
	defer wrap(&err, "Audit")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := audit(ctx, tx, e); err != nil {
		return err
	}
	return tx.Commit()
}

// audit appends e inside tx, at the transaction's time.
func audit(ctx context.Context, tx *Tx, e *care.AuditEvent) error {
	var prev string
	if err := tx.QueryRowContext(ctx, `SELECT IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0) + 1,
		IFNULL((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '')`).Scan(&e.ID, &prev); err != nil {
		return err
	}
	e.At = tx.now
	row := auditRow{id: e.ID, at: formatTime(e.At), accountID: e.Actor.AccountID, name: e.Actor.Name, action: e.Action, personID: e.PersonID, detail: e.Detail}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (id, at, account_id, account_name, action, person_id, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, row.id, row.at, nullID(row.accountID), row.name, row.action, nullID(row.personID), row.detail,
		prev, chainHash(prev, row.canonical()))
	return err
}

// FindAudit lists a person's audit events, newest first, and how many.
func (s *AuditService) FindAudit(ctx context.Context, personID int64, offset, limit int) (_ []*care.AuditEvent, _ int, err error) {
	defer wrap(&err, "FindAudit")
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	return findAudit(ctx, tx, personID, offset, limit)
}

// findAudit reads one page of a person's audit events, and how many there are.
func findAudit(ctx context.Context, tx *Tx, personID int64, offset, limit int) ([]*care.AuditEvent, int, error) {
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit WHERE person_id = ?`, personID).Scan(&total); err != nil {
		return nil, 0, err
	}
	out, err := queryAll(ctx, tx, scanAuditEvent, `SELECT id, person_id, at, IFNULL(account_id, 0), account_name, IFNULL(
		(SELECT role FROM accounts WHERE accounts.id = audit.account_id), ''), action, detail
		FROM audit WHERE person_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`, personID, limit, max(offset, 0))
	return out, total, err
}

func scanAuditEvent(row scanner) (*care.AuditEvent, error) {
	e := &care.AuditEvent{}
	var at string
	if err := row.Scan(&e.ID, &e.PersonID, &at, &e.Actor.AccountID, &e.Actor.Name, &e.Actor.Role, &e.Action, &e.Detail); err != nil {
		return nil, err
	}
	e.At = parseTime(at)
	return e, nil
}

// VerifyIntegrity walks the history and audit chains, in order, and every
// agreed snapshot, and reports the first problem of each kind. A removed
// row shows as the next row's link not matching; audit rows removed from
// the end show in SQLite's own count of the ids it has handed out.
func (s *AuditService) VerifyIntegrity(ctx context.Context) (_ *care.IntegrityReport, err error) {
	defer wrap(&err, "VerifyIntegrity")
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return verifyIntegrity(ctx, tx)
}

// verifyIntegrity walks the two chains and the agreed snapshots, in one
// read transaction so they are checked as they stood together.
func verifyIntegrity(ctx context.Context, tx *Tx) (*care.IntegrityReport, error) {
	r := &care.IntegrityReport{}

	history, err := walkChain(ctx, tx, "History", scanHistoryLink, `SELECT id, person_id, at, IFNULL(account_id, 0), actor_name, actor_role,
		action, section, IFNULL(item_id, 0), field, before, after, prev_hash, hash FROM history ORDER BY id`)
	if err != nil {
		return nil, err
	}
	audit, err := walkChain(ctx, tx, "Audit", scanAuditLink, `SELECT id, at, IFNULL(account_id, 0), account_name, action,
		IFNULL(person_id, 0), detail, prev_hash, hash FROM audit ORDER BY id`)
	if err != nil {
		return nil, err
	}
	r.HistoryRows, r.AuditRows = history.rows, audit.rows
	for _, problem := range []string{history.problem, audit.problem} {
		if problem != "" {
			r.Problems = append(r.Problems, problem)
		}
	}
	broken, lastID := audit.problem != "", audit.lastID
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0)`).Scan(&seq); err != nil {
		return nil, err
	}
	if seq > lastID && !broken {
		r.Problems = append(r.Problems, fmt.Sprintf("Audit rows after row %d were removed", lastID))
	}

	rows, err := tx.QueryContext(ctx, `SELECT person_id, number, snapshot, hash,
		number - 1 = IFNULL((SELECT MAX(number) FROM plan_versions w WHERE w.person_id = v.person_id AND w.number < v.number), 0)
		FROM plan_versions v ORDER BY person_id, number`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	broken = false
	for rows.Next() {
		var person int64
		var number int
		var snapshot, hash string
		var contiguous bool
		if err := rows.Scan(&person, &number, &snapshot, &hash, &contiguous); err != nil {
			return nil, err
		}
		r.Versions++
		if broken {
			continue
		}
		if care.Hash([]byte(snapshot)) != hash {
			r.Problems = append(r.Problems, fmt.Sprintf("Version %d of the plan of person %d was changed after it was agreed", number, person))
			broken = true
		} else if !contiguous {
			r.Problems = append(r.Problems, fmt.Sprintf("A version before version %d of the plan of person %d was removed", number, person))
			broken = true
		}
	}
	return r, rows.Err()
}

// chainLink is one row of a chain: its id, the links it stores and the
// columns its hash covers.
type chainLink struct {
	id         int64
	prev, hash string
	canonical  []any
}

// chain is what walking a chain found: the first problem with its links
// in plain words ("" if none), how many rows it has, and the last one's id.
type chain struct {
	problem string
	rows    int
	lastID  int64
}

// walkChain reads a chain's rows, in order, with scan, checking each
// row's links; kind names the chain in the problem.
func walkChain(ctx context.Context, tx *Tx, kind string, scan func(scanner) (chainLink, error), query string) (chain, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return chain{}, err
	}
	defer rows.Close()
	var c chain
	var prev string
	for rows.Next() {
		l, err := scan(rows)
		if err != nil {
			return chain{}, err
		}
		c.rows, c.lastID = c.rows+1, l.id
		if c.problem == "" {
			switch {
			case l.prev != prev:
				c.problem = fmt.Sprintf("%s row %d: the row before it was removed or changed", kind, l.id)
			case chainHash(prev, l.canonical) != l.hash:
				c.problem = fmt.Sprintf("%s row %d was changed after it was written", kind, l.id)
			}
		}
		prev = l.hash
	}
	return c, rows.Err()
}

// scanHistoryLink reads a history row as a link of its chain.
func scanHistoryLink(row scanner) (chainLink, error) {
	var h historyRow
	var l chainLink
	err := row.Scan(&h.id, &h.personID, &h.at, &h.accountID, &h.name, &h.role, &h.action, &h.section, &h.itemID, &h.field,
		&h.before, &h.after, &l.prev, &l.hash)
	l.id, l.canonical = h.id, h.canonical()
	return l, err
}

// scanAuditLink reads an audit row as a link of its chain.
func scanAuditLink(row scanner) (chainLink, error) {
	var a auditRow
	var l chainLink
	err := row.Scan(&a.id, &a.at, &a.accountID, &a.name, &a.action, &a.personID, &a.detail, &l.prev, &l.hash)
	l.id, l.canonical = a.id, a.canonical()
	return l, err
}

// chainLegacyHistory gives history rows written before the chain existed
// their links, once, in order; the trigger that forbids changing history
// is lifted only inside that transaction.
func (db *DB) chainLegacyHistory(ctx context.Context) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM history WHERE hash = ''`).Scan(&n); err != nil || n == 0 {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, person_id, at, IFNULL(account_id, 0), actor_name, actor_role, action, section,
		IFNULL(item_id, 0), field, before, after, hash FROM history ORDER BY id`)
	if err != nil {
		return err
	}
	type link struct {
		id         int64
		prev, hash string
	}
	var links []link
	prev := ""
	for rows.Next() {
		var h historyRow
		var hash string
		if err := rows.Scan(&h.id, &h.personID, &h.at, &h.accountID, &h.name, &h.role, &h.action, &h.section, &h.itemID, &h.field,
			&h.before, &h.after, &hash); err != nil {
			rows.Close()
			return err
		}
		if hash == "" {
			hash = chainHash(prev, h.canonical())
			links = append(links, link{h.id, prev, hash})
		}
		prev = hash
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER history_no_update`); err != nil {
		return err
	}
	for _, l := range links {
		if _, err := tx.ExecContext(ctx, `UPDATE history SET prev_hash = ?, hash = ? WHERE id = ?`, l.prev, l.hash, l.id); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
	SELECT RAISE(ABORT, 'history rows are never changed');
END`); err != nil {
		return err
	}
	return tx.Commit()
}
