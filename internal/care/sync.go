package care

// History of changes that sync with a clinic's FHIR server makes (issue 12).
const (
	// ActionFromServer is a change pulled from the FHIR server; the
	// actor's name is who made it there, as the server says, and the
	// role is RoleFHIRServer.
	ActionFromServer = "from-server"
	// ActionSettleConflict is a value chosen when a sync conflict was
	// settled ("settled a sync conflict").
	ActionSettleConflict = "settle-conflict"
	// ActionImport is a person added, or details filled in, from a FHIR
	// Patient imported from a file (a GP system's export).
	ActionImport = "import"
	// RoleFHIRServer is the role history gives a change from the server.
	RoleFHIRServer = "FHIR server"
)

// AuditImportFHIR is a FHIR file of Patients imported (the detail says
// what became of each, by outcome; no personal details).
const AuditImportFHIR = "import-fhir"
