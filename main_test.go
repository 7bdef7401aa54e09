package main

import (
	"context"
	"io"
	"os"
	"testing"

	"whatmatters/internal/signing"
	"whatmatters/internal/vault"
)

// The commands sign in as this account; seed-demo makes it. Argon2id runs
// with small costs here (slots record their costs, so this changes
// nothing else); its real cost is measured by internal/vault's benchmark.
const (
	testUser       = "Sam Okafor"
	testPassphrase = "correct horse battery staple"
)

func TestMain(m *testing.M) {
	holdForTest()
	// The file dialogs are answered from WHATMATTERS_SAVE_DIR, as in dev builds.
	dialogDir = func() string { return os.Getenv("WHATMATTERS_SAVE_DIR") }
	vault.DefaultParams = vault.Params{Time: 1, MemoryKiB: 8 * 1024, Threads: 1}
	os.Setenv("WHATMATTERS_USER", testUser)
	os.Setenv("WHATMATTERS_PASSPHRASE", testPassphrase)
	code := m.Run()
	if seeded.dir != "" {
		os.RemoveAll(seeded.dir)
	}
	os.Exit(code)
}

// signedPlans is the plan pipeline with the test account signed in.
func signedPlans(t *testing.T, s Services) *signing.Plans {
	t.Helper()
	sess, err := signInCLI(context.Background(), s, "", io.Discard, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.close)
	return newPlans(s, func() []byte { return sess.key })
}

// signInApp signs the test account in to app, as the sign-in screen does.
func signInApp(t *testing.T, app *App) *App {
	t.Helper()
	if _, err := app.SignIn(testUser, testPassphrase); err != nil {
		t.Fatal(err)
	}
	return app
}
