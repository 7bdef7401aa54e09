// Command whatmatters is an offline desktop app for personalised
// care-planning meetings. Run with no arguments it opens the app window;
// with a command (see internal/cli) it does that and exits.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/cli"
	"whatmatters/internal/database"
	"whatmatters/internal/sqlite"
	"whatmatters/internal/storebackup"
)

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	defer func() {
		// A bug must not print a stack trace at the coordinator.
		if r := recover(); r != nil {
			slog.Error("whatmatters stopped on an unexpected error", "panic", fmt.Sprintf("%T", r))
			fmt.Fprintln(os.Stderr, "whatmatters:", care.ErrorMessage(errors.New("panic")))
			os.Exit(2)
		}
	}()
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "whatmatters:", care.ErrorMessage(sqlite.CareError(err)))
		}
		os.Exit(2)
	}
}

// run runs a command, or starts the app window.
func run(args []string, stdout io.Writer) error {
	if ok, err := cli.Run(args, stdout); ok {
		return err
	}
	dbFlag, err := cli.WindowFlags(args, stdout)
	if err != nil {
		return err
	}
	path, err := database.Path(dbFlag)
	if err != nil {
		return err
	}
	// The window opens at once; the database is checked and opened once
	// its page has loaded, and every binding waits for it (binding.Hold).
	db := sqlite.NewDB(path)
	app := NewApp(database.NewServices(db), path, nil)
	opened := binding.Hold()
	app.openDB = database.Later(time.Second, func() {
		defer opened()
		locked, problem := database.OpenAppDB(db)
		app.problem, app.backups = problem, storebackup.New(db, sqlite.NewSettingsService(db), locked)
	})
	defer func() { binding.Wait(); db.Close() }() // a restore may open it later
	return runWindow(app)
}
