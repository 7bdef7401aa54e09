package main

import (
	"os"
	"testing"

	"whatmatters/internal/testenv"
)

// The test hooks, set here once: the file dialogs are answered from
// WHATMATTERS_SAVE_DIR, as in dev builds; testenv.Main sets the test
// account and small Argon2id costs.
func TestMain(m *testing.M) {
	hooks.saveDir = func() string { return os.Getenv("WHATMATTERS_SAVE_DIR") }
	os.Exit(testenv.Main(m))
}

// signInApp signs the test account in to app, as the sign-in screen does.
func signInApp(t *testing.T, app *App) *App {
	t.Helper()
	if _, err := app.SignIn(testenv.User, testenv.Passphrase); err != nil {
		t.Fatal(err)
	}
	return app
}
