// Package cli is the command line: whatmatters seed-demo, export-pdf,
// export-minutes, export-fhir, print, verify, export-root, import-p12, import-fhir, sync, audit, backup and restore. Each
// command declares its flags and says how it uses the database; one helper
// (command.run) parses, opens the store, signs in, runs it and closes.
//
// Commands that sign or read personal data sign in first: the account
// from -user or WHATMATTERS_USER, the passphrase from
// WHATMATTERS_PASSPHRASE or, on a terminal, a prompt that does not echo.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"

	"whatmatters/internal/accounts"
	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/signing"
	"whatmatters/internal/sqlite"
)

// commands are the subcommands, by name.
var commands = map[string]func(args []string, out io.Writer) error{
	"seed-demo": seedDemo, "export-pdf": exportPDF, "print": printPlan, "verify": verifyPDF,
	"export-root": exportRoot, "import-p12": importP12, "audit": auditVerify, "backup": backupCmd, "restore": restoreCmd,
	"export-minutes": exportMinutes, "export-fhir": exportFHIR, "import-fhir": importFHIR,
	"sync": syncCmd,
}

// Run runs the subcommand args[0] with the rest of args, writing what it
// says to out. ok is false when args name no subcommand, for the app.
func Run(args []string, out io.Writer) (ok bool, err error) {
	if len(args) == 0 || commands[args[0]] == nil {
		return false, nil
	}
	return true, commands[args[0]](args[1:], out)
}

// access is how a command uses the database.
type access int

const (
	noStore  access = iota // the command opens the file itself
	readOnly               // open it; no one signs in
	signedIn               // hold it for writing and sign in
	setUp                  // signedIn, making the first account if there is none
)

// command is one subcommand's flags and how it uses the database.
type command struct {
	fs     *flag.FlagSet
	db     *string
	user   *string
	access access
}

// dbHelp is the -db flag's help where the default applies.
const dbHelp = "database file (default: $WHATMATTERS_DB, else your user data folder)"

// newCommand declares the command's -db flag (with help dbUsage) and, for
// commands that sign in, -user.
func newCommand(name string, out io.Writer, a access, dbUsage string) *command {
	c := &command{fs: flag.NewFlagSet("whatmatters "+name, flag.ContinueOnError), access: a}
	c.fs.SetOutput(out)
	c.db = c.fs.String("db", "", dbUsage)
	switch a {
	case signedIn:
		c.user = c.fs.String("user", "", "your account (default: $WHATMATTERS_USER)")
	case setUp:
		c.user = c.fs.String("user", "", "your account (default: $WHATMATTERS_USER); made if the database has none")
	}
	return c
}

// requires is a check that refuses with msg (EINVALID) when missing
// says a flag the command needs was not given.
func requires(msg string, missing func() bool) func() error {
	return func() error {
		if missing() {
			return care.Errorf(care.EINVALID, "%s", msg)
		}
		return nil
	}
}

// env is a command's use of the database.
type env struct {
	ctx  context.Context // carries the signed-in account, for changes
	path string          // the database file
	s    database.Services
	sess *accounts.Session // nil if no one signed in
	db   *sqlite.DB
}

// run parses args, checks the flags (check may be nil), opens the store as
// the command's access says, signs in, runs body and closes everything.
func (c *command) run(args []string, out io.Writer, check func() error, body func(*env) error) error {
	if err := c.fs.Parse(args); err != nil {
		return err
	}
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	e := &env{ctx: context.Background()}
	var err error
	switch c.access {
	case noStore:
		if e.path, err = database.Path(*c.db); err != nil {
			return err
		}
		return body(e)
	case readOnly:
		e.db, err = database.Open(*c.db)
	default:
		e.db, err = database.OpenForWriting(*c.db)
	}
	if err != nil {
		return err
	}
	defer e.db.Close()
	e.path, e.s = e.db.Path, database.NewServices(e.db)
	if c.user != nil {
		if e.sess, err = signIn(e.ctx, e.s, *c.user, out, c.access == setUp); err != nil {
			return err
		}
		defer e.sess.Close()
		e.ctx = care.WithActor(e.ctx, e.sess.Actor())
	}
	return body(e)
}

// plans is the plan pipeline with the signed-in account's key.
func (e *env) plans() *signing.Plans {
	return e.s.Plans(func() []byte {
		if e.sess == nil {
			return nil
		}
		return e.sess.Key
	})
}

// audit records what the command did, by the signed-in account (or, for
// commands that need none, as the command line); a failure is logged.
func (e *env) audit(action string, personID int64, detail string) {
	actor := care.Actor{Name: "(the command line)"}
	if e.sess != nil {
		actor = e.sess.Actor()
	}
	if err := e.s.Audit.Audit(e.ctx, &care.AuditEvent{Actor: actor, Action: action, PersonID: personID, Detail: detail}); err != nil {
		slog.Error("audit not written", "action", action, "err", err)
	}
}

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

// signIn signs the named account in. With create, a database with no
// accounts gets its first account from the same name and passphrase (for
// seed-demo), and the recovery code is printed once.
func signIn(ctx context.Context, s database.Services, user string, out io.Writer, create bool) (*accounts.Session, error) {
	user = userName(user)
	if strings.TrimSpace(user) == "" {
		return nil, care.Errorf(care.EINVALID, "Give your account with -user NAME (or WHATMATTERS_USER)")
	}
	acc := s.SignIn()
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
			sess, code, err := acc.SetUp(ctx, &care.Account{Name: user, Role: "Care coordinator"}, pass, pass)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(out, "Made the account %s. Its recovery code, shown only now: %s\n", sess.Account.Name, code)
			return sess, nil
		}
	}
	pass, err := passphrase(out, "Passphrase for "+user+": ")
	if err != nil {
		return nil, err
	}
	return acc.SignIn(ctx, user, pass, false)
}

// WindowFlags parses the app window's command line: -db, and the flags
// Wails itself reads in development builds, declared so they parse. It
// returns the -db flag.
func WindowFlags(args []string, out io.Writer) (dbFlag string, err error) {
	fs := flag.NewFlagSet("whatmatters", flag.ContinueOnError)
	fs.SetOutput(out)
	db := fs.String("db", "", dbHelp)
	for _, name := range []string{"devserver", "assetdir", "frontenddevserverurl", "loglevel"} {
		fs.String(name, "", "development builds only")
	}
	err = fs.Parse(args)
	return *db, err
}
