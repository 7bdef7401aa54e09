package care

// AuditSync is a sync with the clinic's FHIR server from the command line
// (the detail gives the server's host and counts; no personal details).
const AuditSync = "sync"
