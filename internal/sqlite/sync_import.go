package sqlite

import (
	"context"
	"encoding/json"
	"strings"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
)

// MaxImport is the largest file ImportPatient reads: a GP practice's
// export of a few thousand Patients fits well inside it.
const MaxImport = 32 << 20

// What importing did with each Patient.
const (
	ImportCreated  = "created"  // a new person
	ImportMatched  = "matched"  // someone here with the same NHS number and date of birth
	ImportConflict = "conflict" // the same NHS number with another date of birth, or details that differ: to settle
	ImportRefused  = "refused"  // not recorded: Message says why
)

// ImportResult says what ImportPatient did, Patient by Patient.
type ImportResult struct {
	People  []ImportedPerson
	Skipped int // entries of a Bundle that are not Patients
}

// Count is how many Patients had the outcome.
func (r ImportResult) Count(outcome string) int {
	n := 0
	for _, p := range r.People {
		if p.Outcome == outcome {
			n++
		}
	}
	return n
}

// ImportedPerson is what happened to one Patient.
type ImportedPerson struct {
	PersonID int64  // 0 if refused
	Name     string // as the Patient names them
	Outcome  string // ImportCreated, ImportMatched, ImportConflict or ImportRefused
	// NotTraced is a person created without an NHS number: their identity
	// has not been traced (on the NHS Personal Demographics Service), so
	// find and add their NHS number before their plan is shared.
	NotTraced bool
	Filled    int    // details recorded here from the Patient, where none were
	Message   string // for ImportRefused and ImportConflict, in plain words
}

// ImportPatient reads a FHIR R4 Patient, or a Bundle of them (a GP
// system's export), and records each: someone with the same NHS number is
// matched, and only details not recorded here are filled in from the
// Patient; recorded details that differ become a conflict the coordinator
// settles field by field, as a sync conflict is. Nothing of the person's
// own words is touched (a Patient carries none). The same NHS number with
// another date of birth is a conflict shown, never a merge. A Patient with
// no match is created as a new person with a UUID of ours (the sending
// system's id stays theirs); one without an NHS number is created flagged
// NotTraced, unless someone here may be them (the same date of birth and a
// name that reads the same): then it is refused, so no one is added twice.
// Statuses (a death) are not imported: record them from the record.
//
// One transaction: a file that cannot be read (EINVALID with a plain
// message) records nothing; a Patient that cannot be recorded is refused
// on its own, with why. An actor is needed (ErrNoActor).
func (s *SyncService) ImportPatient(ctx context.Context, raw []byte) (_ ImportResult, err error) {
	defer wrap(&err, "ImportPatient")
	var res ImportResult
	if len(raw) > MaxImport {
		return res, care.Errorf(care.EINVALID, "The file is larger than %d MB, more than a FHIR export of Patients should be. Nothing has been imported", MaxImport>>20)
	}
	patients, skipped, err := importedPatients(raw)
	if err != nil {
		return res, err
	}
	res.Skipped = skipped
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	actor, err := tx.Actor()
	if err != nil {
		return res, err
	}
	for _, p := range patients {
		ip, err := importOne(ctx, tx, actor, p)
		if err != nil {
			return ImportResult{}, err
		}
		res.People = append(res.People, ip)
	}
	return res, tx.Commit()
}

// importedPatients reads a Patient or a Bundle's Patients.
func importedPatients(raw []byte) (patients []json.RawMessage, skipped int, err error) {
	var doc struct {
		ResourceType string `json:"resourceType"`
		Entry        []struct {
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, 0, care.Errorf(care.EINVALID, "The file is not FHIR JSON that this app can read. Nothing has been imported")
	}
	switch doc.ResourceType {
	case "Patient":
		return []json.RawMessage{raw}, 0, nil
	case "Bundle":
		for _, e := range doc.Entry {
			var t struct {
				ResourceType string `json:"resourceType"`
			}
			if json.Unmarshal(e.Resource, &t) == nil && t.ResourceType == "Patient" {
				patients = append(patients, e.Resource)
			} else {
				skipped++
			}
		}
		if len(patients) == 0 {
			return nil, skipped, care.Errorf(care.EINVALID, "The FHIR Bundle has no Patients in it. Nothing has been imported")
		}
		return patients, skipped, nil
	}
	return nil, 0, care.Errorf(care.EINVALID, "The file is not a FHIR Patient or a Bundle of Patients. Nothing has been imported")
}

// importOne records one Patient; an error only for what stops the import.
func importOne(ctx context.Context, tx *Tx, actor care.Actor, raw json.RawMessage) (ImportedPerson, error) {
	u, o, ok, err := fhir.Decode(raw)
	if err != nil || !ok || u.Kind != fhir.KindPerson {
		msg := "This Patient could not be read"
		if err != nil {
			msg = care.ErrorMessage(err)
		}
		return ImportedPerson{Outcome: ImportRefused, Message: msg}, nil
	}
	// The sending system's version is not one a sync could send If-Match
	// on: settling a conflict from an import keeps no server state.
	o.VersionID = ""
	values := map[string]string{}
	for k, v := range u.Values {
		switch k {
		case fhir.KeyStatus, fhir.KeyStatusDate, fhir.KeyStatusReason:
		default:
			if v != "" {
				values[k] = v
			}
		}
	}
	ip := ImportedPerson{Name: strings.TrimSpace(values[fhir.KeyGivenName] + " " + values[fhir.KeyFamilyName])}
	if ip.Name == "" {
		ip.Name = "A Patient without a name"
	}
	// Check the Patient as a new person would be checked.
	p := &care.Person{}
	if err := pulledPerson(values, p, tx.clock); err != nil {
		ip.Outcome, ip.Message = ImportRefused, care.ErrorMessage(err)
		return ip, nil
	}
	match, err := matchByNHSNumber(ctx, tx, p.NHSNumber)
	if err != nil {
		return ip, err
	}
	res := fhir.Resource{Type: "Patient", ID: u.Person, JSON: raw}
	if match == nil {
		if err := checkNotRecorded(ctx, tx, p, nil); err != nil {
			ip.Outcome, ip.Message = ImportRefused, care.ErrorMessage(err)+". Add their NHS number to that record if it is them, then import again"
			return ip, nil
		}
		if err := insertImported(ctx, tx, p, actor); err != nil {
			return ip, err
		}
		ip.PersonID, ip.Outcome, ip.NotTraced = p.ID, ImportCreated, p.NHSNumber == ""
		return ip, nil
	}
	ip.PersonID = match.ID
	mine, err := personValues(ctx, tx, match)
	if err != nil {
		return ip, err
	}
	theirs := map[string]string{}
	for k, v := range mine {
		theirs[k] = v
	}
	if match.DateOfBirth != p.DateOfBirth {
		for k, v := range values {
			theirs[k] = v
		}
		ip.Outcome = ImportConflict
		ip.Message = "NHS number " + care.FormatNHSNumber(p.NHSNumber) + " is recorded here for " + match.DisplayName() +
			", born " + care.FormatDate(match.DateOfBirth) + "; the file says born " + care.FormatDate(p.DateOfBirth) + ". Settle it from the sync conflicts"
		u.Values = theirs
		return ip, recordConflict(ctx, tx, match.ID, "person/"+match.UUID, importUnit(u, match), o, res, mine)
	}
	// Fill in what is not recorded here; what differs is for the coordinator.
	filled, conflict, err := fillPerson(ctx, tx, match, values, u, o, res, actor, care.ActionImport)
	switch {
	case err != nil && care.ErrorCode(err) == care.EINVALID:
		ip.Outcome, ip.Message = ImportRefused, care.ErrorMessage(err)
	case err != nil:
		return ip, err
	case conflict:
		ip.Outcome, ip.Filled = ImportConflict, filled
		ip.Message = "Some of " + match.DisplayName() + "'s details differ from the file. Settle them from the sync conflicts"
	default:
		ip.Outcome, ip.Filled = ImportMatched, filled
	}
	return ip, nil
}

// fillPerson fills in, from values (a Patient another system wrote), the
// details not recorded for match here, and records what differs from what
// is recorded as a conflict to settle (conflict true): nothing recorded is
// replaced. It returns how many details were filled in. EINVALID if the
// details filled in fail the checks; nothing is written then.
func fillPerson(ctx context.Context, tx *Tx, match *care.Person, values map[string]string, u fhir.Unit, o fhir.Origin,
	res fhir.Resource, actor care.Actor, action string) (filled int, conflict bool, err error) {
	mine, err := personValues(ctx, tx, match)
	if err != nil {
		return 0, false, err
	}
	theirs := map[string]string{}
	for k, v := range mine {
		theirs[k] = v
	}
	differs := false
	for k, v := range values {
		switch {
		case v == "":
		case mine[k] == "":
			theirs[k] = v
			filled++
		case mine[k] != v:
			differs = true
		}
	}
	if filled > 0 {
		if err := applyPerson(ctx, tx, match, importUnit(fhir.Unit{Values: theirs}, match), actor, action); err != nil {
			return 0, false, err
		}
	}
	if !differs {
		return filled, false, nil
	}
	for k, v := range values {
		if v != "" {
			theirs[k] = v
		}
	}
	now, err := findPersonByID(ctx, tx, match.ID)
	if err != nil {
		return 0, false, err
	}
	if mine, err = personValues(ctx, tx, now); err != nil {
		return 0, false, err
	}
	// The unit keeps the Patient's own id: settling it never makes this
	// person's server state name another system's Patient.
	cu := fhir.Unit{Kind: fhir.KindPerson, Person: u.Person, UUID: u.Person, Values: theirs}
	return filled, true, recordConflict(ctx, tx, match.ID, "person/"+match.UUID, cu, o, res, mine)
}

// importUnit is the unit of a Patient imported, as the person here.
func importUnit(u fhir.Unit, p *care.Person) fhir.Unit {
	return fhir.Unit{Kind: fhir.KindPerson, Person: p.UUID, UUID: p.UUID, Values: u.Values}
}

// insertImported records a new person from an imported Patient.
func insertImported(ctx context.Context, tx *Tx, p *care.Person, actor care.Actor) error {
	p.UUID = newUUID()
	id, err := insert(ctx, tx, `
		INSERT INTO people (uuid, given_name, family_name, preferred_name, pronouns, date_of_birth, nhs_number, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		p.UUID, p.GivenName, p.FamilyName, p.PreferredName, p.Pronouns, p.DateOfBirth, nullable(p.NHSNumber), formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return err
	}
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = id, 1, tx.now, tx.now
	if !p.Details.IsZero() {
		if err := writePersonDetails(ctx, tx, p); err != nil {
			return err
		}
	}
	if err := recordHistoryAs(ctx, tx, p.ID, actor, care.ActionImport, personChanges(&care.Person{}, p)); err != nil {
		return err
	}
	return writeSearch(ctx, tx, p.ID)
}
