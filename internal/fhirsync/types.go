package fhirsync

import (
	"net/http"
	"time"
)

// Auth kinds for a server.
const (
	AuthNone   = "none"
	AuthBearer = "bearer" // a bearer token the server's administrator gave
	AuthSMART  = "smart"  // SMART backend services: client credentials with a signed JWT
)

// Settings say which server to sync with and how to sign in to it. The
// secrets (a token, a private key) are kept sealed by the store, apart.
type Settings struct {
	BaseURL  string // such as https://fhir.example.nhs.uk/fhir (R4)
	Auth     string // AuthNone, AuthBearer or AuthSMART
	ClientID string // AuthSMART
	TokenURL string // AuthSMART: the token endpoint
	KeyID    string // AuthSMART: the kid in the JWT header, if the server wants one
}

// Credentials are the secrets for Settings.Auth.
type Credentials struct {
	Token      string // AuthBearer
	PrivateKey string // AuthSMART: PEM (RSA for RS384 or EC P-384 for ES384)
}

// Config is everything a Syncer needs besides its store.
type Config struct {
	Settings
	Credentials
	HTTPClient *http.Client  // nil: one with Timeout 30 s
	Timeout    time.Duration // per request; 0: 30 s
	BatchSize  int           // entries per batch bundle; 0: 200
	PageSize   int           // resources per page when pulling (_count); 0: 500
	MaxBody    int64         // bytes read from one answer at most; 0: 32 MB
	Now        func() time.Time
	// Sign, if set, makes the signed PDF of a version for its DocumentReference
	// (the store has no key); nil sends the snapshot only.
	Sign func(v *Version) error
}

// Version is re-exported so callers need not import fhir for Sign.
type Version = fhirVersion

// Progress is reported while a sync runs, for the header.
type Progress struct {
	Stage string // "pull" or "push"
	Done  int    // resources (pull) or people (push) handled so far
	Total int    // people waiting (push), or 0 when not known (pull)
}

// Result says what a sync did.
type Result struct {
	Pulled    int // units applied from the server
	Pushed    int // resources sent
	Conflicts int // new conflicts
	Held      int // people with changes held back by an open conflict
}

// Status is what the header shows.
type Status struct {
	Configured bool
	Server     string // the base URL's host, for "last synced with …"
	Waiting    int    // changes (outbox rows) not yet sent
	LastSynced time.Time
	LastError  string // the last attempt's plain message, "" if it worked
	Conflicts  int    // open conflicts
}

// Conflict is a change made both here and on the server, waiting for a
// person to settle it field by field.
type Conflict struct {
	ID         int64
	PersonID   int64
	PersonName string
	UnitKey    string
	Ref        string // "Patient/<id>"
	What       string // what it is, in words: "About me", "Contact: Anna Nowak"
	Fields     []ConflictField
	ChangedBy  string // who changed it on the server, if known
	ChangedAt  time.Time
	CreatedAt  time.Time
}

// ConflictField is one field that differs between this laptop and the server.
type ConflictField struct {
	Key    string
	Label  string // the field's label, as the form shows it
	Base   string // as last synced
	Mine   string // on this laptop
	Theirs string // on the server
}

// Choices for settling a conflict's field.
const (
	KeepMine   = "mine"
	TakeTheirs = "theirs"
)
