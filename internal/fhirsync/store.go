// Package fhirsync keeps this laptop's records and a FHIR R4 server in step:
// pull, then push with If-Match; a 412 becomes a conflict that a person
// settles. SYNC.md has the rules; the README says how to point the app at a
// server. The store behind it is internal/sqlite's SyncService.
package fhirsync

import (
	"context"
	"time"

	"whatmatters/internal/fhir"
)

// Store is what sync needs from the database. Every method is one
// transaction. internal/sqlite.SyncService implements it.
type Store interface {
	// PendingPeople returns up to limit people with changes in the outbox
	// (rows written by triggers in the same transaction as each change),
	// oldest change first, with the highest outbox row id seen for each.
	PendingPeople(ctx context.Context, limit int) ([]Pending, error)
	// Gather returns everything about a person that travels.
	Gather(ctx context.Context, personID int64) (*fhir.Record, error)
	// States returns what was last sent to or received from the server for
	// each of a person's resources, keyed by Resource.Ref().
	States(ctx context.Context, personUUID string) (map[string]State, error)
	// Pushed records the server's answer for resources sent, and deletes the
	// person's outbox rows up to upTo, in one transaction.
	Pushed(ctx context.Context, personID, upTo int64, sent []State) error
	// Apply applies a unit pulled from the server (with the resource as
	// fetched) unless a local change to the same unit is waiting or a
	// conflict on it is open: then it records a conflict (base = the last
	// synced resource, mine = what would be sent now, theirs = raw) and
	// returns conflict true. Applied changes write history naming the
	// server and origin.ChangedBy, and no outbox rows. A unit for a person
	// not on this laptop creates them (matched by NHS number: the same
	// number with another date of birth is a conflict, never a merge).
	Apply(ctx context.Context, u fhir.Unit, o fhir.Origin, res fhir.Resource) (conflict bool, err error)
	// Conflict records a conflict found when pushing (a 412): theirs is the
	// server's current resource.
	Conflict(ctx context.Context, mine fhir.Resource, theirs []byte, o fhir.Origin) error
	// Held reports whether a unit has an open conflict: later writes to it
	// wait until it is settled.
	Held(ctx context.Context, unitKey string) (bool, error)
	// Cursor and SetCursor keep, per resource type, the server's
	// meta.lastUpdated of the newest resource pulled.
	Cursor(ctx context.Context, resourceType string) (time.Time, error)
	SetCursor(ctx context.Context, resourceType string, at time.Time) error
	// Finished records the end of a sync attempt (err nil for success), for
	// the header's "last synced …" and the last error shown.
	Finished(ctx context.Context, at time.Time, err error) error
}

// Pending is a person with changes waiting to be sent.
type Pending struct {
	PersonID   int64
	PersonUUID string
	UpTo       int64 // the highest outbox row id for them when read
}

// State is the last known server state of one resource.
type State struct {
	Ref       string // "Patient/<id>"
	Unit      fhir.Unit
	VersionID string // the server's meta.versionId, for If-Match
	JSON      []byte // the resource as last sent or received (without meta): the base of a conflict
	At        time.Time
}

type fhirVersion = fhir.Version
