package sqlite

// SyncService keeps what sync with a FHIR server needs in SQLite: the
// outbox, what the server last had, conflicts and cursors (sync.go), and
// gathers a person's record for the mapping (fhir_gather.go).
type SyncService struct{ db *DB }

// NewSyncService returns a SyncService on db.
func NewSyncService(db *DB) *SyncService { return &SyncService{db} }
