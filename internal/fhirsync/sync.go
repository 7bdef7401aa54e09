package fhirsync

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"whatmatters/internal/care"
)

// ResourceTypes are the types this app writes, in the order they are
// pulled (Patients first, so what refers to a person finds them).
var ResourceTypes = []string{
	"Patient", "RelatedPerson", "Practitioner", "PractitionerRole", "CareTeam", "Flag", "Goal", "Task",
	"QuestionnaireResponse", "Consent", "Encounter", "CarePlan", "DocumentReference", "Provenance",
}

// Syncer syncs one store with one FHIR server.
type Syncer struct {
	store Store
	cfg   Config
	c     *client
	err   error // a Config that cannot be used
	now   func() time.Time
	kept  int // changes waiting, for messages
	// again is set by a push that found a version's resource already on
	// the server with an older status (created there by another laptop):
	// the person stays pending and is pushed once more.
	again bool
}

// waitingCounter is what a store may offer to count the changes waiting
// (internal/sqlite's SyncService does, through Status).
type waitingCounter interface {
	Status(ctx context.Context) (Status, error)
}

// New returns a Syncer for store and cfg. A Config that cannot be used
// (no URL, a key that does not parse) makes Sync fail with a plain message.
func New(store Store, cfg Config) *Syncer {
	s := &Syncer{store: store, cfg: cfg, now: cfg.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if cfg.BatchSize <= 0 {
		s.cfg.BatchSize = DefaultBatchSize
	}
	if cfg.PageSize <= 0 {
		s.cfg.PageSize = DefaultPageSize
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	maxBody := cfg.MaxBody
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: timeout + 5*time.Second}
	}
	if err := validBaseURL(cfg.BaseURL); err != nil {
		s.err = err
		return s
	}
	base, _ := url.Parse(strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/"))
	s.c = &client{base: base, hc: hc, timeout: timeout, maxBody: maxBody, kept: func() int { return s.kept }}
	switch cfg.Auth {
	case AuthBearer:
		tok := strings.TrimSpace(cfg.Token)
		if tok == "" {
			s.err = care.FieldError("token", "Enter the bearer token the server's administrator gave you")
			return s
		}
		s.c.auth = func(context.Context) (string, error) { return "Bearer " + tok, nil }
	case AuthSMART:
		key, alg, err := ParsePrivateKey(cfg.PrivateKey)
		if err != nil {
			s.err = err
			return s
		}
		if strings.TrimSpace(cfg.ClientID) == "" {
			s.err = care.FieldError("clientID", "Enter the client id the server's administrator registered for this app")
			return s
		}
		if err := validURL("tokenURL", "token URL", cfg.TokenURL); err != nil {
			s.err = err
			return s
		}
		sm := &smart{c: s.c, tokenURL: strings.TrimSpace(cfg.TokenURL), clientID: strings.TrimSpace(cfg.ClientID), keyID: cfg.KeyID,
			key: key, alg: alg, now: s.now}
		s.c.auth = sm.header
	case AuthNone, "":
	default:
		s.err = care.FieldError("auth", "Choose how to sign in to the server")
	}
	return s
}

// Sync pulls what changed on the server, then pushes what changed here,
// then pulls again once if anything was pushed (so this laptop's cursor
// moves past its own changes and the next sync has nothing to read). It
// reports progress as it goes (progress may be nil). Whatever happens, the
// store's Finished records the attempt. Errors are *Error with plain
// messages; the outbox keeps every change not yet accepted by the server.
func (s *Syncer) Sync(ctx context.Context, progress func(Progress)) (res Result, err error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	defer func() {
		if ferr := s.store.Finished(context.WithoutCancel(ctx), s.now(), err); ferr != nil && err == nil {
			err = ferr
		}
	}()
	s.countWaiting(ctx)
	if s.err != nil {
		return res, s.err
	}
	// Resources that cannot be read are left out (the cursor moves past
	// them) and said so at the end: they do not hold back the push.
	var bad unreadable
	if err := s.pull(ctx, progress, &res, &bad); err != nil {
		return res, err
	}
	s.again = false
	pushed, err := s.push(ctx, progress, &res)
	if err != nil {
		return res, err
	}
	if s.again {
		s.again = false
		// A version first sent from here was on the server already, with
		// an older status: send the status now, not at the person's next
		// change.
		more, err := s.push(ctx, progress, &res)
		if err != nil {
			return res, err
		}
		pushed += more
	}
	if pushed > 0 {
		var again Result
		if err := s.pull(ctx, progress, &again, &bad); err != nil {
			return res, err
		}
		res.Pulled += again.Pulled
		res.Conflicts += again.Conflicts
	}
	s.countWaiting(ctx)
	return res, bad.err(s.kept)
}

func (s *Syncer) countWaiting(ctx context.Context) {
	if w, ok := s.store.(waitingCounter); ok {
		if st, err := w.Status(ctx); err == nil {
			s.kept = st.Waiting
			return
		}
	}
	if p, err := s.store.PendingPeople(ctx, 1<<20); err == nil {
		s.kept = len(p)
	}
}

// meta is what sync reads of a resource before decoding it.
type meta struct {
	ResourceType string `json:"resourceType"`
	ID           string `json:"id"`
	Meta         struct {
		VersionID   string `json:"versionId"`
		LastUpdated string `json:"lastUpdated"`
	} `json:"meta"`
}

type bundle struct {
	ResourceType string `json:"resourceType"`
	Type         string `json:"type"`
	Link         []struct {
		Relation string `json:"relation"`
		URL      string `json:"url"`
	} `json:"link"`
	Entry []struct {
		Resource json.RawMessage `json:"resource"`
		Response *struct {
			Status       string          `json:"status"`
			Location     string          `json:"location"`
			Etag         string          `json:"etag"`
			LastModified string          `json:"lastModified"`
			Outcome      json.RawMessage `json:"outcome"`
		} `json:"response"`
	} `json:"entry"`
}
