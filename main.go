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

	"whatmatters/internal/care"
	"whatmatters/internal/cli"
	"whatmatters/internal/database"
	"whatmatters/internal/planpdf"
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
	// gofpdf reports a font it cannot load only later, as "undefined font":
	// check the embedded fonts at start-up, in the background, since parsing
	// the 4 MB CJK font should not hold up the window.
	go func() {
		if err := planpdf.CheckFonts(); err != nil {
			slog.Error("plan PDF fonts cannot be loaded; PDFs will fail", "err", err)
		}
	}()
	db, locked, problem := database.OpenForApp(dbFlag)
	if db == nil {
		return problem
	}
	if problem != nil {
		slog.Error("database not opened", "code", care.ErrorCode(problem))
		if care.ErrorCode(problem) == care.EINTERNAL {
			slog.Error("database open failed", "err", problem)
		}
	}
	defer db.Close() // a restore may open it later
	app := NewApp(database.NewServices(db), db.Path, problem)
	app.backups = storebackup.New(db, sqlite.NewSettingsService(db), locked)
	return runWindow(app)
}
