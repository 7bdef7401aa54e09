package dto

import (
	"strconv"
	"time"

	"whatmatters/internal/fhirsync"
)

// SyncStatusDTO is what the header shows about syncing with the clinic's
// FHIR server.
type SyncStatusDTO struct {
	// Configured is false until a server is set in Sync settings.
	Configured bool   `json:"configured"`
	Server     string `json:"server"` // the server's host
	// Waiting is how many changes (outbox rows, one a saved change) are
	// waiting to be sent.
	Waiting int `json:"waiting"`
	// LastSynced is when the last sync worked, as shown ("1 December 2026
	// at 14:05", local time), "" if never; LastSyncedAt is the same in RFC 3339.
	LastSynced   string `json:"lastSynced"`
	LastSyncedAt string `json:"lastSyncedAt"`
	// LastError is the last attempt's problem in plain words, "" if it worked.
	LastError string `json:"lastError"`
	Conflicts int    `json:"conflicts"` // open conflicts to settle
	Running   bool   `json:"running"`
	// Progress says how far a running sync has got ("Sending changes: 3 of 12 people").
	Progress string `json:"progress"`
	// Sentence is the header's line: "12 changes waiting to sync, last
	// synced 1 December 2026 at 14:05"; "" when not configured.
	Sentence string `json:"sentence"`
}

// FromSyncStatus converts the store's status, with running and the
// progress of a sync under way.
func FromSyncStatus(s fhirsync.Status, running bool, p fhirsync.Progress) SyncStatusDTO {
	d := SyncStatusDTO{Configured: s.Configured, Server: s.Server, Waiting: s.Waiting, LastSynced: ShownTime(s.LastSynced),
		LastSyncedAt: Time(s.LastSynced), LastError: s.LastError, Conflicts: s.Conflicts, Running: running}
	if running {
		d.Progress = ProgressText(p)
	}
	d.Sentence = syncSentence(d)
	return d
}

// syncSentence is the header's line for d.
func syncSentence(d SyncStatusDTO) string {
	if !d.Configured {
		return ""
	}
	if d.Running {
		if d.Progress != "" {
			return "Syncing with " + d.Server + ": " + d.Progress
		}
		return "Syncing with " + d.Server + "…"
	}
	var s string
	switch d.Waiting {
	case 0:
		s = "No changes waiting to sync"
	case 1:
		s = "1 change waiting to sync"
	default:
		s = strconv.Itoa(d.Waiting) + " changes waiting to sync"
	}
	if d.LastSynced == "" {
		return s + ", not synced yet"
	}
	return s + ", last synced " + d.LastSynced
}

// ProgressText says how far a sync has got, in words.
func ProgressText(p fhirsync.Progress) string {
	switch {
	case p.Stage == "pull" && p.Done > 0:
		return "fetching changes from the server (" + strconv.Itoa(p.Done) + " so far)"
	case p.Stage == "pull":
		return "fetching changes from the server"
	case p.Stage == "push" && p.Total > 0:
		return "sending changes: " + strconv.Itoa(p.Done) + " of " + strconv.Itoa(p.Total) + plural(p.Total, " person", " people")
	case p.Stage == "push":
		return "sending changes"
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ShownTime is t as the screens show it, in local time: "1 December 2026
// at 14:05"; "" for the zero time.
func ShownTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2 January 2006 at 15:04")
}

// SyncResultDTO says what a sync did, and the status after it.
type SyncResultDTO struct {
	Pulled    int           `json:"pulled"`
	Pushed    int           `json:"pushed"`
	Conflicts int           `json:"conflicts"` // new conflicts
	Held      int           `json:"held"`      // people held back by an open conflict
	Message   string        `json:"message"`   // "Sync finished: 3 changes received, 12 sent"
	Status    SyncStatusDTO `json:"status"`
}

// FromSyncResult converts what a sync did.
func FromSyncResult(r fhirsync.Result, st SyncStatusDTO) SyncResultDTO {
	msg := "Sync finished: " + count(r.Pulled, "change", "changes") + " received, " + count(r.Pushed, "change", "changes") + " sent"
	if r.Conflicts > 0 {
		msg += ", " + count(r.Conflicts, "new conflict", "new conflicts") + " to settle"
	}
	return SyncResultDTO{Pulled: r.Pulled, Pushed: r.Pushed, Conflicts: r.Conflicts, Held: r.Held, Message: msg, Status: st}
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// SyncSettingsDTO is the server to sync with and how to sign in to it.
// Secrets are never sent to the page: only whether one is saved.
type SyncSettingsDTO struct {
	BaseURL  string `json:"baseUrl"`
	Auth     string `json:"auth"` // "none", "bearer" or "smart"
	ClientID string `json:"clientId"`
	TokenURL string `json:"tokenUrl"`
	KeyID    string `json:"keyId"`
	// TokenSaved and KeySaved say a bearer token or a private key is saved.
	TokenSaved bool `json:"tokenSaved"`
	KeySaved   bool `json:"keySaved"`
}

// SyncSettingsInput is what the Sync settings form sends. An empty Token
// or PrivateKey keeps the one saved.
type SyncSettingsInput struct {
	BaseURL    string `json:"baseUrl"`
	Auth       string `json:"auth"`
	Token      string `json:"token"`
	ClientID   string `json:"clientId"`
	TokenURL   string `json:"tokenUrl"`
	KeyID      string `json:"keyId"`
	PrivateKey string `json:"privateKey"`
}

// SyncConflictDTO is a change made both on this laptop and on the server,
// to settle field by field.
type SyncConflictDTO struct {
	ID         int64  `json:"id"`
	PersonID   int64  `json:"personId"`
	PersonName string `json:"personName"`
	What       string `json:"what"`      // "About me", "Contact: Anna Nowak"
	ChangedBy  string `json:"changedBy"` // who changed it on the server, "" if not known
	ChangedAt  string `json:"changedAt"` // as shown, "" if not known
	// Fields are the fields that differ.
	Fields []SyncConflictFieldDTO `json:"fields"`
}

// SyncConflictFieldDTO is one field that differs.
type SyncConflictFieldDTO struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Base   string `json:"base"`   // as last synced, for context
	Mine   string `json:"mine"`   // on this laptop
	Theirs string `json:"theirs"` // on the server
}

// FromSyncConflict converts a conflict.
func FromSyncConflict(c fhirsync.Conflict) SyncConflictDTO {
	d := SyncConflictDTO{ID: c.ID, PersonID: c.PersonID, PersonName: c.PersonName, What: c.What, ChangedBy: c.ChangedBy,
		ChangedAt: ShownTime(c.ChangedAt), Fields: make([]SyncConflictFieldDTO, 0, len(c.Fields))}
	for _, f := range c.Fields {
		d.Fields = append(d.Fields, SyncConflictFieldDTO{Key: f.Key, Label: f.Label, Base: f.Base, Mine: f.Mine, Theirs: f.Theirs})
	}
	return d
}

// ImportResultDTO says what importing a FHIR file did. An empty File
// means the coordinator cancelled the dialog.
type ImportResultDTO struct {
	File      string `json:"file"`
	Created   int    `json:"created"`   // people added
	Matched   int    `json:"matched"`   // people already here, matched by NHS number
	Conflicts int    `json:"conflicts"` // the same NHS number with another date of birth: to settle
	// Refused says, for each Patient not recorded, who and why.
	Refused []string `json:"refused"`
	Message string   `json:"message"` // "1 person added, 2 people already here"
}

// ImportMessage says what an import did, in words (counts only: it is
// also the audit's detail).
func ImportMessage(created, matched, conflicts, refused int) string {
	msg := count(created, "person", "people") + " added, " + count(matched, "person", "people") + " already here"
	if conflicts > 0 {
		msg += ", " + count(conflicts, "conflict", "conflicts") + " to settle (the same NHS number with another date of birth, or details that differ)"
	}
	if refused > 0 {
		msg += ", " + count(refused, "person", "people") + " not imported"
	}
	return msg
}

// SyncOriginDTO says whether a person's record last changed on the
// server: the record screen's line "Last changed on fhir.example.nhs.uk by
// Dr Ada Shah on 1 December 2026 at 14:05".
type SyncOriginDTO struct {
	FromServer bool   `json:"fromServer"`
	Server     string `json:"server"`
	ChangedBy  string `json:"changedBy"`
	At         string `json:"at"` // as shown
}
