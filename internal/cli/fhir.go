package cli

import (
	"fmt"
	"io"

	"whatmatters/internal/atomicfile"
	"whatmatters/internal/care"
	"whatmatters/internal/fhirexport"
	"whatmatters/internal/sqlite"
)

// exportFHIR is "whatmatters export-fhir -db DB -person ID -o FILE": the
// person's record and agreed plans as a FHIR R4 collection Bundle (UK Core
// profiles where they apply; each version with its signed PDF in the
// person's format), written atomically, and the export recorded.
func exportFHIR(args []string, out io.Writer) error {
	c := newCommand("export-fhir", out, signedIn, "database file")
	person := c.fs.Int64("person", 0, "the person's id")
	file := c.fs.String("o", "", "the JSON file to write")
	check := requires("Give -person ID and -o FILE", func() bool { return *person <= 0 || *file == "" })
	return c.run(args, out, check, func(e *env) error {
		x, err := fhirexport.Make(e.ctx, sqlite.NewSyncService(e.db), e.plans(), *person)
		if care.ErrorCode(err) == care.ENOTFOUND {
			return care.Errorf(care.ENOTFOUND, "There is no person %d in %s", *person, e.path)
		} else if err != nil {
			return err
		}
		if err := atomicfile.Save(*file, x.Bundle); err != nil {
			return err
		}
		e.audit(care.AuditExport, *person, fhirexport.AuditDetail(x))
		versions := "agreed versions"
		if x.Versions == 1 {
			versions = "agreed version"
		}
		fmt.Fprintf(out, "Wrote %d FHIR resources (%d %s) to %s\n", x.Resources, x.Versions, versions, *file)
		return nil
	})
}
