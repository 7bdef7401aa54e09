// Command whatmatters is an offline desktop app for personalised
// care-planning meetings. Run with no arguments it opens the app window.
package main

import (
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
	"whatmatters/internal/sqlite"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	if err := run(os.Args[1:], os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "whatmatters:", care.ErrorMessage(err))
		}
		os.Exit(2)
	}
}

// run parses the command line and starts the app window.
func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("whatmatters", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag := fs.String("db", "", "database file (default: $WHATMATTERS_DB, else your user data folder)")
	// Flags read by Wails itself in development builds; declared so they parse.
	for _, name := range []string{"devserver", "assetdir", "frontenddevserverurl", "loglevel"} {
		fs.String(name, "", "development builds only")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, err := databasePath(*dbFlag)
	if err != nil {
		return err
	}

	db := sqlite.NewDB(path)
	problem := db.Open()
	if problem != nil {
		slog.Error("database not opened", "code", care.ErrorCode(problem))
		if care.ErrorCode(problem) == care.EINTERNAL {
			slog.Error("database open failed", "err", problem)
		}
	} else {
		defer db.Close()
	}
	app := NewApp(Services{
		People:   sqlite.NewPersonService(db),
		Records:  sqlite.NewRecordService(db),
		Settings: sqlite.NewSettingsService(db),
	}, path, problem)

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
