package accounts

import (
	"os"
	"testing"

	"whatmatters/internal/vault"
)

// Argon2id runs with small costs here; slots record their costs, so this
// changes nothing else.
func TestMain(m *testing.M) {
	vault.DefaultParams = vault.Params{Time: 1, MemoryKiB: 8 * 1024, Threads: 1}
	os.Exit(m.Run())
}
