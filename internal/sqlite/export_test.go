package sqlite

// ExecForTest runs a statement on the writer, for tests that check the
// database itself refuses something.
func (db *DB) ExecForTest(query string) error {
	_, err := db.wdb.Exec(query)
	return err
}
