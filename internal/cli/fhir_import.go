package cli

import (
	"fmt"
	"io"
	"os"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// importFHIR is "whatmatters import-fhir -db PATH FILE": the FHIR R4
// Patient, or Bundle of Patients (a GP system's export), in FILE recorded
// as SyncService.ImportPatient does, signed in and audited.
func importFHIR(args []string, out io.Writer) error {
	c := newCommand("import-fhir", out, signedIn, "database file")
	check := requires("Give the FHIR file to import: whatmatters import-fhir -db DB FILE", func() bool { return c.fs.NArg() != 1 })
	return c.run(args, out, check, func(e *env) error {
		file := c.fs.Arg(0)
		f, err := os.Open(file)
		if err != nil {
			return care.Errorf(care.EINVALID, "Cannot read %s. Check the file exists and you can open it", file)
		}
		raw, err := io.ReadAll(io.LimitReader(f, sqlite.MaxImport+1))
		f.Close()
		if err != nil {
			return care.Errorf(care.EINVALID, "Cannot read %s. Check the file exists and you can open it", file)
		}
		res, err := e.s.Sync.ImportPatient(e.ctx, raw)
		if err != nil {
			return err
		}
		for _, p := range res.People {
			if p.PersonID != 0 {
				e.audit(care.AuditImportFHIR, p.PersonID, "Patient imported from a FHIR file: "+p.Outcome)
			}
		}
		e.audit(care.AuditImportFHIR, 0, fmt.Sprintf("FHIR file imported: %d created, %d matched, %d conflicts, %d refused",
			res.Count(sqlite.ImportCreated), res.Count(sqlite.ImportMatched), res.Count(sqlite.ImportConflict), res.Count(sqlite.ImportRefused)))
		for _, p := range res.People {
			p.Name = isolate(p.Name)
			switch {
			case p.Outcome == sqlite.ImportCreated && p.NotTraced:
				fmt.Fprintf(out, "Added %s (id %d), not traced: they have no NHS number. Find it and add it to their record\n", p.Name, p.PersonID)
			case p.Outcome == sqlite.ImportCreated:
				fmt.Fprintf(out, "Added %s (id %d)\n", p.Name, p.PersonID)
			case p.Outcome == sqlite.ImportMatched:
				fmt.Fprintf(out, "Matched %s (id %d) by NHS number; %d details filled in\n", p.Name, p.PersonID, p.Filled)
			case p.Outcome == sqlite.ImportConflict:
				fmt.Fprintf(out, "Conflict for %s (id %d): %s\n", p.Name, p.PersonID, p.Message)
			default:
				fmt.Fprintf(out, "Not imported: %s: %s\n", p.Name, p.Message)
			}
		}
		if res.Skipped > 0 {
			fmt.Fprintf(out, "Left out %d entries that are not Patients\n", res.Skipped)
		}
		if n := res.Count(sqlite.ImportRefused); n == len(res.People) {
			return care.Errorf(care.EINVALID, "No Patient in %s could be imported", file)
		}
		return nil
	})
}

// isolate keeps a name's own writing direction to itself on a terminal
// (first-strong isolate … pop), so a right-to-left name, or one with a
// direction override in it, cannot reorder the rest of the line.
func isolate(name string) string { return "\u2068" + name + "\u2069" }
