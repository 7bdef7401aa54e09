// Package surface holds methods the frontend calls, grouped by what they
// are for (a review, a person's status, minutes, restoring, a meeting's
// checklist). The root's App embeds each group, so Wails binds their
// methods as App's own; like the root's bindings, each method converts
// DTOs, calls a service through binding.Do and leaves errors to binding.
package surface

import (
	"context"

	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/dto"
	"whatmatters/internal/signing"
)

// Core is what the groups need from the app, set once by the root.
type Core struct {
	S        database.Services
	Ctx      func() context.Context // the window's context
	Ready    func() error           // the database is open and someone is signed in, unlocked
	WriteCtx func() context.Context // a context naming who makes a change
	UserName func() string
	Audit    func(action string, personID int64, detail string)
	SaveFile func(ctx context.Context, title, name, pattern string) (string, error) // "" if cancelled
	Record   func(personID int64) (dto.RecordDTO, error)                            // as the screens get it
	Meeting  func(id int64) (dto.MeetingDTO, error)
	Version  func(v *care.PlanVersion) dto.VersionDTO
	Plans    *signing.Plans // the plan pipeline with the signed-in account's key
	// OpenFile asks for a file to open; "" if cancelled.
	OpenFile func(ctx context.Context, title, pattern string) (string, error)
	// Emit sends the page an event (Wails' EventsEmit); nil sends nothing.
	Emit func(ctx context.Context, name string, data ...any)
	// DataKey is the signed-in account's data key, nil if none: it opens
	// the sync credentials.
	DataKey func() []byte
	// Sync is the sync engine over the store; nil when this build has none.
	Sync SyncEngine
}

// The groups, each over the same Core.
type (
	ReviewBindings    struct{ *Core }
	StatusBindings    struct{ *Core }
	MinutesBindings   struct{ *Core }
	RestoreBindings   struct{ *Core }
	ChecklistBindings struct{ *Core }
	FHIRBindings      struct{ *Core }
	// SyncBindings also hold the one loop that runs syncs.
	SyncBindings struct {
		*Core
		loop *syncLoop
	}
)

// Groups are all the groups, for the root's App to embed.
type Groups struct {
	*ReviewBindings
	*StatusBindings
	*MinutesBindings
	*RestoreBindings
	*ChecklistBindings
	*FHIRBindings
	*SyncBindings
}

// New returns every group over c.
func New(c *Core) Groups {
	if c.Sync == nil {
		c.Sync = newSyncEngine(c)
	}
	return Groups{&ReviewBindings{c}, &StatusBindings{c}, &MinutesBindings{c}, &RestoreBindings{c}, &ChecklistBindings{c},
		&FHIRBindings{c}, newSyncBindings(c)}
}

// changed returns the record after a change, or the change's error.
func (c *Core) changed(personID int64, err error) (dto.RecordDTO, error) {
	if err != nil {
		return dto.RecordDTO{}, err
	}
	return c.Record(personID)
}

// changeMeeting runs change (if any) as the signed-in account and returns
// the meeting.
func (c *Core) changeMeeting(name string, id int64, change func(ctx context.Context) error) (dto.MeetingDTO, error) {
	return binding.Do(name, c.Ready, func() (dto.MeetingDTO, error) {
		if err := change(c.WriteCtx()); err != nil {
			return dto.MeetingDTO{}, err
		}
		return c.Meeting(id)
	})
}
