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
	// RoleFHIRServer is the role history gives a change from the server.
	RoleFHIRServer = "FHIR server"
)
