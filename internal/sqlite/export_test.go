package sqlite

import "context"

// ExecForTest runs a statement on the writer, for tests that check the
// database itself refuses something.
func (db *DB) ExecForTest(query string) error {
	_, err := db.wdb.Exec(query)
	return err
}

// SyncTriggersForTest names the outbox triggers of migration 0017.
func (db *DB) SyncTriggersForTest() ([]string, error) {
	tx, err := db.BeginTx(context.Background(), readOnly)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return syncOutboxTriggers(context.Background(), tx)
}
