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
	"strings"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/planpdf"
	"whatmatters/internal/signing"
	"whatmatters/internal/sqlite"
)

//go:embed all:frontend/dist
var assets embed.FS

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

// run parses the command line and runs a command, or starts the app window.
func run(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "seed-demo":
			return seedDemo(args[1:], stdout)
		case "export-pdf":
			return exportPDF(args[1:], stdout)
		case "print":
			return printPlan(args[1:], stdout)
		case "verify":
			return verifyPDF(args[1:], stdout)
		case "export-root":
			return exportRoot(args[1:], stdout)
		case "import-p12":
			return importP12(args[1:], stdout)
		case "audit":
			return auditCommand(args[1:], stdout)
		case "backup":
			return backupCmd(args[1:], stdout)
		case "restore":
			return restoreCmd(args[1:], stdout)
		}
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
	// gofpdf reports a font it cannot load only later, as "undefined font":
	// check the embedded fonts at start-up, in the background, since parsing
	// the 4 MB CJK font should not hold up the window.
	go func() {
		if err := planpdf.CheckFonts(); err != nil {
			slog.Error("plan PDF fonts cannot be loaded; PDFs will fail", "err", err)
		}
	}()
	db, locked, problem := openAppStore(*dbFlag)
	if db == nil {
		return problem
	}
	path := db.Path
	if problem != nil {
		slog.Error("database not opened", "code", care.ErrorCode(problem))
		if care.ErrorCode(problem) == care.EINTERNAL {
			slog.Error("database open failed", "err", problem)
		}
	}
	defer db.Close() // a restore may open it later
	app := NewApp(services(db), path, problem)
	app.backups = newBackups(db, sqlite.NewSettingsService(db), locked)

	return wails.Run(&options.App{
		Title:            "What Matters",
		Width:            1200,
		Height:           820,
		MinWidth:         800,
		MinHeight:        600,
		BackgroundColour: &options.RGBA{R: 240, G: 244, B: 245, A: 255},
		AssetServer:      &assetserver.Options{Assets: assets, Middleware: securityHeaders},
		OnStartup:        app.startup,
		OnShutdown:       app.shutdown,
		Bind:             []any{app},
		ErrorFormatter:   formatError,
		Logger:           wailsLog{},

		SingleInstanceLock: singleInstance(path, app),
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
		Versions:  sqlite.NewVersionService(db),

		Certificates: sqlite.NewCertificateService(db),
		Accounts:     sqlite.NewAccountService(db),
		Audit:        sqlite.NewAuditService(db),
	}
}

// seedDemo is "whatmatters seed-demo [-db PATH]": it adds the example people.
func seedDemo(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("whatmatters seed-demo", flag.ContinueOnError)
	fs.SetOutput(out)
	dbFlag := fs.String("db", "", "database file (default: $WHATMATTERS_DB, else your user data folder)")
	user := fs.String("user", "", "your account (default: $WHATMATTERS_USER); made if the database has none")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := openSignedIn(*dbFlag, *user, out, true)
	if err != nil {
		return err
	}
	defer c.close()
	seal, err := c.plans().Sealer(c.ctx)
	if err != nil {
		return err
	}
	n, err := demo.Seed(c.ctx, demo.Services{People: c.s.People, Records: c.s.Records, Versions: c.s.Versions, Seal: seal}, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Added %d example people to %s\n", n, c.db.Path)
	return nil
}

// exportPDF is "whatmatters export-pdf -db PATH -person ID [-version N]
// [-format standard|large-print|easy-read] -o FILE": the signed PDF of an
// agreed version (the latest by default), written atomically.
func exportPDF(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("whatmatters export-pdf", flag.ContinueOnError)
	fs.SetOutput(out)
	dbFlag := fs.String("db", "", "database file")
	person := fs.Int64("person", 0, "the person's id")
	version := fs.Int("version", 0, "version number (default: the latest agreed)")
	format := fs.String("format", "", "standard, large-print or easy-read (default: the person's format)")
	file := fs.String("o", "", "the PDF file to write")
	user := fs.String("user", "", "your account (default: $WHATMATTERS_USER)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *person <= 0 || *file == "" {
		return care.Errorf(care.EINVALID, "Give -person ID and -o FILE")
	}
	c, err := openSignedIn(*dbFlag, *user, out, false)
	if err != nil {
		return err
	}
	defer c.close()
	pdf, v, f, err := c.plans().Render(c.ctx, *person, *version, *format)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*file, pdf); err != nil {
		return err
	}
	c.audit(care.AuditExport, *person, f+", version "+care.Itoa(int64(v.Number)))
	fmt.Fprintf(out, "Wrote version %d (%s, check code %s) to %s\n", v.Number, f, v.CheckCode, *file)
	return nil
}

// printPlan is "whatmatters print -db PATH -person ID [-version N]
// [-format standard|large-print|easy-read] [-printer NAME] [-holder WHO]":
// the signed PDF of an agreed version (the latest by default) sent to a
// printer (the default one unless named) through the system, as the app's
// Print button does, and the copy recorded.
func printPlan(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("whatmatters print", flag.ContinueOnError)
	fs.SetOutput(out)
	dbFlag := fs.String("db", "", "database file")
	person := fs.Int64("person", 0, "the person's id")
	version := fs.Int("version", 0, "version number (default: the latest agreed)")
	format := fs.String("format", "", "standard, large-print or easy-read (default: the person's format)")
	printer := fs.String("printer", "", "the printer (default: the system's default printer)")
	holder := fs.String("holder", "", "who the copy is for (default: "+printedForThePerson+")")
	user := fs.String("user", "", "your account (default: $WHATMATTERS_USER)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *person <= 0 {
		return care.Errorf(care.EINVALID, "Give -person ID")
	}
	c, err := openSignedIn(*dbFlag, *user, out, false)
	if err != nil {
		return err
	}
	defer c.close()
	res, err := newPrinting(c.s, c.plans()).print(c.ctx, printRequest{PersonID: *person, Number: *version,
		Format: *format, Printer: *printer, Holder: *holder})
	if err != nil {
		return err
	}
	c.audit(care.AuditPrint, *person, res.Format+", version "+care.Itoa(int64(res.Version.Number))+", to "+res.Printer)
	fmt.Fprintf(out, "Sent version %d (%s, check code %s) to printer %s; recorded a copy: %s, %s\n", res.Version.Number,
		res.Format, res.Version.CheckCode, res.Printer, res.Copy.Holder, res.Copy.GivenOn)
	return nil
}

// verifyPDF is "whatmatters verify FILE.pdf -db PATH": does the file match
// an agreed version, and is that version current?
func verifyPDF(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("whatmatters verify", flag.ContinueOnError)
	fs.SetOutput(out)
	dbFlag := fs.String("db", "", "database file")
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" {
		return care.Errorf(care.EINVALID, "Give the PDF file to check")
	}
	data, err := signing.ReadPlanFile(file)
	if err != nil {
		return err
	}
	db, err := openStore(*dbFlag)
	if err != nil {
		return err
	}
	defer db.Close()
	s := services(db)
	verdict, err := newPlans(s, func() []byte { return nil }).Verify(context.Background(), data)
	if err != nil {
		auditCLI(context.Background(), s, nil, care.AuditCheck, 0, "not genuine")
		return err
	}
	auditCLI(context.Background(), s, nil, care.AuditCheck, verdict.Version.PersonID, "genuine, version "+care.Itoa(int64(verdict.Version.Number)))
	state := "the current version"
	if verdict.Version.Superseded {
		state = "superseded by a later version"
	}
	fmt.Fprintf(out, "Matches version %d, agreed %s (check code %s): %s.\n", verdict.Version.Number,
		verdict.Version.AgreedAt.Format("2 January 2006"), verdict.Version.CheckCode, state)
	return nil
}

// exportRoot is "whatmatters export-root -db PATH -o FILE": the local root
// certificate that signs plans, so a practice can choose to trust it.
func exportRoot(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("whatmatters export-root", flag.ContinueOnError)
	fs.SetOutput(out)
	dbFlag := fs.String("db", "", "database file")
	file := fs.String("o", "", "the certificate file to write (PEM)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return care.Errorf(care.EINVALID, "Give -o FILE")
	}
	db, err := openStore(*dbFlag)
	if err != nil {
		return err
	}
	defer db.Close()
	pem, err := newPlans(services(db), func() []byte { return nil }).RootCertificatePEM(context.Background())
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*file, []byte(pem)); err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote the plan-signing root certificate to %s\n", *file)
	return nil
}

// importP12 is "whatmatters import-p12 -db PATH -file ORG.p12": the
// organisation's own certificate signs plans from now on. The password is
// read from WHATMATTERS_P12_PASSWORD, so it never shows in a process list.
func importP12(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("whatmatters import-p12", flag.ContinueOnError)
	fs.SetOutput(out)
	dbFlag := fs.String("db", "", "database file")
	file := fs.String("file", "", "the organisation's PKCS #12 file (.p12 or .pfx)")
	user := fs.String("user", "", "your account (default: $WHATMATTERS_USER)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := os.ReadFile(*file)
	if err != nil {
		return care.Errorf(care.EINVALID, "Cannot read the certificate file %q", *file)
	}
	c, err := openSignedIn(*dbFlag, *user, out, false)
	if err != nil {
		return err
	}
	defer c.close()
	org, err := c.plans().ImportPKCS12(c.ctx, data, os.Getenv("WHATMATTERS_P12_PASSWORD"))
	if err != nil {
		return err
	}
	c.audit(care.AuditImportCert, 0, org)
	fmt.Fprintf(out, "Plans will now be signed by %s\n", org)
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
