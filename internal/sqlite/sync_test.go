package sqlite_test

import (
	"testing"

	"whatmatters/internal/sqlite"
)

// syncTriggers names the outbox triggers of migration 0017.
func syncTriggers(tb testing.TB, db *sqlite.DB) []string {
	tb.Helper()
	names, err := db.SyncTriggersForTest()
	if err != nil {
		tb.Fatal(err)
	}
	if len(names) == 0 {
		tb.Fatal("no outbox triggers")
	}
	return names
}
