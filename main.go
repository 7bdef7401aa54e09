// Command whatmatters is an offline desktop app for personalised
// care-planning meetings. Run with no arguments it opens the app window.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/sqlite"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "whatmatters:", care.ErrorMessage(err))
		}
		os.Exit(2)
	}
}

// run parses the command line and runs a command, or starts the app window.
func run(args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "seed-demo" {
		return seedDemo(args[1:], stdout)
	}
	fs := flag.NewFlagSet("whatmatters", flag.ContinueOnError)
	fs.SetOutput(stdout)
	dbFlag := fs.String("db", "", "database file (default: $WHATMATTERS_DB, else your user data folder)")
	// Flags read by Wails itself in development builds; declared so they parse.
	for _, name := range []string{"devserver", "assetdir", "frontenddevserverurl", "loglevel"} {
		fs.String(name, "", "development builds only")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, problem := openStore(*dbFlag)
	if db == nil {
		return problem
	}
	path := db.Path
	if problem != nil {
		slog.Error("database not opened", "code", care.ErrorCode(problem))
		if care.ErrorCode(problem) == care.EINTERNAL {
			slog.Error("database open failed", "err", problem)
		}
	} else {
		defer db.Close()
	}
	app := NewApp(services(db), path, problem)

	return wails.Run(&options.App{
		Title:            "What Matters",
		Width:            1200,
		Height:           820,
		MinWidth:         800,
		MinHeight:        600,
		BackgroundColour: &options.RGBA{R: 240, G: 244, B: 245, A: 255},
		AssetServer:      &assetserver.Options{Assets: assets, Middleware: securityHeaders},
		OnStartup:        app.startup,
		Bind:             []any{app},
		ErrorFormatter:   formatError,
	})
}

// services builds the care services on the store.
func services(db *sqlite.DB) Services {
	return Services{
		People:    sqlite.NewPersonService(db),
		Records:   sqlite.NewRecordService(db),
		Settings:  sqlite.NewSettingsService(db),
		Meetings:  sqlite.NewMeetingService(db),
		Dashboard: sqlite.NewDashboardService(db),
	}
}

// seedDemo is "whatmatters seed-demo [-db PATH]": it adds the example people.
func seedDemo(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("whatmatters seed-demo", flag.ContinueOnError)
	fs.SetOutput(out)
	dbFlag := fs.String("db", "", "database file (default: $WHATMATTERS_DB, else your user data folder)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openStore(*dbFlag)
	if err != nil {
		return err
	}
	defer db.Close()
	s := services(db)
	n, err := demo.Seed(context.Background(), s.People, s.Records)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Added %d example people to %s\n", n, db.Path)
	return nil
}

// openStore opens the database the flag, the environment or the default
// names. It returns a nil store only if no path could be chosen; a store
// whose file could not be opened comes back with the problem, so the app
// can show it.
func openStore(dbFlag string) (*sqlite.DB, error) {
	path, err := databasePath(dbFlag)
	if err != nil {
		return nil, err
	}
	db := sqlite.NewDB(path)
	return db, db.Open()
}

// databasePath chooses the database file: the -db flag, then the
// WHATMATTERS_DB variable, then WhatMatters/whatmatters.db in the user's
// configuration folder.
func databasePath(flagValue string) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	if env := os.Getenv("WHATMATTERS_DB"); env != "" {
		return filepath.Abs(env)
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", care.Errorf(care.EINVALID, "Cannot find your user data folder. Start What Matters with -db and a file path")
	}
	return filepath.Join(dir, "WhatMatters", "whatmatters.db"), nil
}
