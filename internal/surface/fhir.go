package surface

import (
	"whatmatters/internal/atomicfile"
	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/fhirexport"
)

// A person's record and agreed plans as FHIR R4, saved to a file.

// ExportFHIR asks where to save a person's FHIR R4 bundle (their record,
// and each agreed version with its signed PDF in their format), saves it
// and records the export, the same way as whatmatters export-fhir. It
// returns the path, or "" if cancelled. Errors: not_found, sign_in,
// conflict (a stored version no longer matches its hash).
func (x *FHIRBindings) ExportFHIR(personID int64) (string, error) {
	return binding.Do("ExportFHIR", x.Ready, func() (string, error) {
		e, err := fhirexport.Make(x.Ctx(), x.S.Sync, x.Plans, personID)
		if err != nil {
			return "", err
		}
		path, err := x.SaveFile(x.Ctx(), "Save the FHIR record", e.Name, "*.json")
		if err != nil || path == "" {
			return "", err
		}
		if err := atomicfile.Save(path, e.Bundle); err != nil {
			return "", err
		}
		x.Audit(care.AuditExport, personID, fhirexport.AuditDetail(e))
		return path, nil
	})
}
