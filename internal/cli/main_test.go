package cli

import (
	"io"
	"os"
	"testing"

	"whatmatters/internal/database"
	"whatmatters/internal/signing"
	"whatmatters/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// run runs a command as main does.
func run(args []string, out io.Writer) error {
	_, err := Run(args, out)
	return err
}

// signedPlans is the plan pipeline with the test account signed in.
func signedPlans(t *testing.T, s database.Services) *signing.Plans {
	t.Helper()
	sess := testenv.SignIn(t, s)
	return s.Plans(func() []byte { return sess.Key })
}
