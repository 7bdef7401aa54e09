package sqlite

// SyncService keeps this laptop's records and a FHIR server in step: it
// is the store side of internal/fhirsync (Gather is in fhir_gather.go;
// the rest in sync.go).
type SyncService struct{ db *DB }

// NewSyncService returns a SyncService on db.
func NewSyncService(db *DB) *SyncService { return &SyncService{db} }
