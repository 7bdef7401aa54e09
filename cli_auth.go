package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"

	"whatmatters/internal/care"
	"whatmatters/internal/signing"
	"whatmatters/internal/sqlite"
)

// Commands that sign or read personal data sign in first: the account
// from -user or WHATMATTERS_USER, the passphrase from
// WHATMATTERS_PASSPHRASE or, on a terminal, a prompt that does not echo.

// userName reads -user, else WHATMATTERS_USER.
func userName(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return os.Getenv("WHATMATTERS_USER")
}

// passphrase reads WHATMATTERS_PASSPHRASE, else asks on the terminal.
func passphrase(out io.Writer, prompt string) (string, error) {
	if p := os.Getenv("WHATMATTERS_PASSPHRASE"); p != "" {
		return p, nil
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return "", care.Errorf(care.EINVALID, "Give the passphrase in WHATMATTERS_PASSPHRASE, or run this in a terminal to be asked for it")
	}
	fmt.Fprint(out, prompt)
	b, err := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(out)
	if err != nil {
		return "", care.Errorf(care.EINVALID, "The passphrase could not be read")
	}
	return string(b), nil
}

// signInCLI signs the named account in. With create, a database with no
// accounts gets its first account from the same name and passphrase (for
// seed-demo), and the recovery code is printed once.
func signInCLI(ctx context.Context, s Services, user string, out io.Writer, create bool) (*session, error) {
	user = userName(user)
	if strings.TrimSpace(user) == "" {
		return nil, care.Errorf(care.EINVALID, "Give your account with -user NAME (or WHATMATTERS_USER)")
	}
	acc := newAccounts(s)
	if create {
		n, err := s.Accounts.CountAccounts(ctx)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			pass, err := passphrase(out, "Choose a passphrase for "+user+" (at least 10 characters): ")
			if err != nil {
				return nil, err
			}
			sess, code, err := acc.setUp(ctx, &care.Account{Name: user, Role: "Care coordinator"}, pass, pass)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(out, "Made the account %s. Its recovery code, shown only now: %s\n", sess.account.Name, code)
			return sess, nil
		}
	}
	pass, err := passphrase(out, "Passphrase for "+user+": ")
	if err != nil {
		return nil, err
	}
	return acc.signIn(ctx, user, pass, false)
}

// auditCLI records what a command did, by the signed-in account (or, for
// commands that need none, as the command line); a failure is logged.
func auditCLI(ctx context.Context, s Services, sess *session, action string, personID int64, detail string) {
	actor := care.Actor{Name: "(the command line)"}
	if sess != nil {
		actor = sess.actor()
	}
	if err := s.Audit.Audit(ctx, &care.AuditEvent{Actor: actor, Action: action, PersonID: personID, Detail: detail}); err != nil {
		slog.Error("audit not written", "action", action, "err", err)
	}
}

// auditCommand is "whatmatters audit verify -db DB": it checks the history
// and audit chains and every agreed snapshot, and exits non-zero naming
// the first broken row.
func auditCommand(args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return care.Errorf(care.EINVALID, "Use: whatmatters audit verify -db DB")
	}
	fs := flag.NewFlagSet("whatmatters audit verify", flag.ContinueOnError)
	fs.SetOutput(out)
	dbFlag := fs.String("db", "", "database file")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	db, err := openStore(*dbFlag)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := services(db).Audit.VerifyIntegrity(context.Background())
	if err != nil {
		return err
	}
	if !r.OK() {
		for _, p := range r.Problems {
			fmt.Fprintln(out, p)
		}
		return care.Errorf(care.ECONFLICT, "The record has been changed outside What Matters: %s", r.Problems[0])
	}
	fmt.Fprintf(out, "All is well: %d history rows, %d audit rows and %d agreed versions checked.\n", r.HistoryRows, r.AuditRows, r.Versions)
	return nil
}

// cliSession is a command's signed-in use of the database.
type cliSession struct {
	ctx  context.Context // carries the account, for changes
	s    Services
	sess *session
	db   *sqlite.DB
}

// openSignedIn opens the database for writing (refusing while the app has
// it open) and signs in (with create, as signInCLI does); close it when
// done.
func openSignedIn(dbFlag, user string, out io.Writer, create bool) (*cliSession, error) {
	db, err := openWriteStore(dbFlag)
	if err != nil {
		return nil, err
	}
	s := services(db)
	sess, err := signInCLI(context.Background(), s, user, out, create)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &cliSession{ctx: care.WithActor(context.Background(), sess.actor()), s: s, sess: sess, db: db}, nil
}

func (c *cliSession) close() {
	c.sess.close()
	c.db.Close()
}

// plans is the plan pipeline with this session's key.
func (c *cliSession) plans() *signing.Plans {
	return newPlans(c.s, func() []byte { return c.sess.key })
}

// audit records what the command did, by the signed-in account.
func (c *cliSession) audit(action string, personID int64, detail string) {
	auditCLI(c.ctx, c.s, c.sess, action, personID, detail)
}
