package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"whatmatters/internal/atomicfile"
	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/printing"
	"whatmatters/internal/signing"
	"whatmatters/internal/sysprint"
)

// seedDemo is "whatmatters seed-demo [-db PATH]": it adds the example people.
func seedDemo(args []string, out io.Writer) error {
	c := newCommand("seed-demo", out, setUp, dbHelp)
	return c.run(args, out, nil, func(e *env) error {
		seal, err := e.plans().Sealer(e.ctx)
		if err != nil {
			return err
		}
		n, err := demo.Seed(e.ctx, demo.Services{People: e.s.People, Records: e.s.Records, Versions: e.s.Versions, Seal: seal, Examples: e.s.Status}, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Added %d example people to %s\n", n, e.path)
		return nil
	})
}

// versionFlags are the flags that choose an agreed version and its format.
func versionFlags(c *command) (person *int64, version *int, format *string) {
	return c.fs.Int64("person", 0, "the person's id"), c.fs.Int("version", 0, "version number (default: the latest agreed)"),
		c.fs.String("format", "", "standard, large-print or easy-read (default: the person's format)")
}

// exportPDF is "whatmatters export-pdf -db PATH -person ID [-version N]
// [-format standard|large-print|easy-read] -o FILE": the signed PDF of an
// agreed version (the latest by default), written atomically.
func exportPDF(args []string, out io.Writer) error {
	c := newCommand("export-pdf", out, signedIn, "database file")
	person, version, format := versionFlags(c)
	file := c.fs.String("o", "", "the PDF file to write")
	check := requires("Give -person ID and -o FILE", func() bool { return *person <= 0 || *file == "" })
	return c.run(args, out, check, func(e *env) error {
		pdf, v, f, err := e.plans().Render(e.ctx, *person, *version, *format)
		if err != nil {
			return err
		}
		if err := atomicfile.Save(*file, pdf); err != nil {
			return err
		}
		e.audit(care.AuditExport, *person, f+", version "+care.Itoa(int64(v.Number)))
		fmt.Fprintf(out, "Wrote version %d (%s, check code %s) to %s\n", v.Number, f, v.CheckCode, *file)
		return nil
	})
}

// printPlan is "whatmatters print -db PATH -person ID [-version N]
// [-format standard|large-print|easy-read] [-printer NAME] [-holder WHO]":
// the signed PDF of an agreed version (the latest by default) sent to a
// printer (the default one unless named) through the system, as the app's
// Print button does, and the copy recorded.
func printPlan(args []string, out io.Writer) error {
	c := newCommand("print", out, signedIn, "database file")
	person, version, format := versionFlags(c)
	printer := c.fs.String("printer", "", "the printer (default: the system's default printer)")
	holder := c.fs.String("holder", "", "who the copy is for (default: "+printing.ForThePerson+")")
	check := requires("Give -person ID", func() bool { return *person <= 0 })
	return c.run(args, out, check, func(e *env) error {
		res, err := printing.New(e.plans(), e.s.Versions, sysprint.New()).Print(e.ctx, printing.Request{PersonID: *person,
			Number: *version, Format: *format, Printer: *printer, Holder: *holder})
		if err != nil {
			return err
		}
		e.audit(care.AuditPrint, *person, res.Format+", version "+care.Itoa(int64(res.Version.Number))+", to "+res.Printer)
		fmt.Fprintf(out, "Sent version %d (%s, check code %s) to printer %s; recorded a copy: %s, %s\n", res.Version.Number,
			res.Format, res.Version.CheckCode, res.Printer, res.Copy.Holder, res.Copy.GivenOn)
		return nil
	})
}

// verifyPDF is "whatmatters verify FILE.pdf -db PATH": does the file match
// an agreed version, and is that version current?
func verifyPDF(args []string, out io.Writer) error {
	c := newCommand("verify", out, readOnly, "database file")
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	var data []byte
	check := func() (err error) {
		if file == "" && c.fs.NArg() > 0 {
			file = c.fs.Arg(0)
		}
		if file == "" {
			return care.Errorf(care.EINVALID, "Give the PDF file to check")
		}
		data, err = signing.ReadPlanFile(file)
		return err
	}
	return c.run(args, out, check, func(e *env) error {
		verdict, err := e.plans().Verify(e.ctx, data)
		if err != nil {
			e.audit(care.AuditCheck, 0, "not genuine")
			return err
		}
		e.audit(care.AuditCheck, verdict.Version.PersonID, "genuine, version "+care.Itoa(int64(verdict.Version.Number)))
		state := "the current version"
		if verdict.Version.Superseded {
			state = "superseded by a later version"
		}
		fmt.Fprintf(out, "Matches version %d, agreed %s (check code %s): %s.\n", verdict.Version.Number,
			verdict.Version.AgreedAt.Format("2 January 2006"), verdict.Version.CheckCode, state)
		return nil
	})
}

// exportRoot is "whatmatters export-root -db PATH -o FILE": the local root
// certificate that signs plans, so a practice can choose to trust it.
func exportRoot(args []string, out io.Writer) error {
	c := newCommand("export-root", out, readOnly, "database file")
	file := c.fs.String("o", "", "the certificate file to write (PEM)")
	check := requires("Give -o FILE", func() bool { return *file == "" })
	return c.run(args, out, check, func(e *env) error {
		pem, err := e.plans().RootCertificatePEM(e.ctx)
		if err != nil {
			return err
		}
		if err := atomicfile.Save(*file, []byte(pem)); err != nil {
			return err
		}
		fmt.Fprintf(out, "Wrote the plan-signing root certificate to %s\n", *file)
		return nil
	})
}

// importP12 is "whatmatters import-p12 -db PATH -file ORG.p12": the
// organisation's own certificate signs plans from now on. The password is
// read from WHATMATTERS_P12_PASSWORD, so it never shows in a process list.
func importP12(args []string, out io.Writer) error {
	c := newCommand("import-p12", out, signedIn, "database file")
	file := c.fs.String("file", "", "the organisation's PKCS #12 file (.p12 or .pfx)")
	var data []byte
	check := func() (err error) {
		if data, err = os.ReadFile(*file); err != nil {
			return care.Errorf(care.EINVALID, "Cannot read the certificate file %q", *file)
		}
		return nil
	}
	return c.run(args, out, check, func(e *env) error {
		org, err := e.plans().ImportPKCS12(e.ctx, data, os.Getenv("WHATMATTERS_P12_PASSWORD"))
		if err != nil {
			return err
		}
		e.audit(care.AuditImportCert, 0, org)
		fmt.Fprintf(out, "Plans will now be signed by %s\n", org)
		return nil
	})
}

// auditVerify is "whatmatters audit verify -db DB": it checks the history
// and audit chains and every agreed snapshot, and exits non-zero naming
// the first broken row.
func auditVerify(args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return care.Errorf(care.EINVALID, "Use: whatmatters audit verify -db DB")
	}
	c := newCommand("audit verify", out, readOnly, "database file")
	return c.run(args[1:], out, nil, func(e *env) error {
		r, err := e.s.Audit.VerifyIntegrity(e.ctx)
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
	})
}
