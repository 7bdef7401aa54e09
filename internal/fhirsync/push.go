package fhirsync

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
	"whatmatters/internal/fhir"
)

// entry is one resource to send, and what it stands for.
type entry struct {
	res    fhir.Resource
	method string
	url    string
	ifNone string          // If-None-Exist
	ifMtch string          // If-Match
	body   json.RawMessage // sent instead of res.JSON, if set
}

// job is one person's changes to send.
type job struct {
	p       Pending
	entries []entry
	sent    []State
	failed  bool
	again   bool // a resource needs sending again (see Syncer.again)
	held    bool
}

// push sends each waiting person's changed resources in batch bundles.
func (s *Syncer) push(ctx context.Context, progress func(Progress), res *Result) (int, error) {
	pending, err := s.store.PendingPeople(ctx, 1<<20)
	if err != nil {
		return 0, err
	}
	total := len(pending)
	progress(Progress{Stage: "push", Done: 0, Total: total})
	var group []*job
	n, done, sent := 0, 0, 0
	var entryErr error
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		var all []*entryRef
		for _, j := range group {
			for i := range j.entries {
				all = append(all, &entryRef{j: j, e: &j.entries[i]})
			}
		}
		for start := 0; start < len(all); start += s.cfg.BatchSize {
			end := min(start+s.cfg.BatchSize, len(all))
			if err := s.send(ctx, all[start:end], res, &entryErr); err != nil {
				// Keep what the server took before this batch failed (its
				// versions, for If-Match next time), and every outbox row.
				for _, j := range group {
					if len(j.sent) > 0 {
						if perr := s.store.Pushed(context.WithoutCancel(ctx), j.p.PersonID, 0, j.sent); perr != nil {
							return perr
						}
					}
				}
				return err
			}
		}
		for _, j := range group {
			upTo := j.p.UpTo
			if j.failed || j.again {
				upTo = 0 // keep every outbox row: the next push sends them again
			}
			s.again = s.again || j.again
			if err := s.store.Pushed(ctx, j.p.PersonID, upTo, j.sent); err != nil {
				return err
			}
			if j.held {
				res.Held++
			}
			sent += len(j.sent)
			done++
		}
		progress(Progress{Stage: "push", Done: done, Total: total})
		group, n = group[:0], 0
		return nil
	}
	for _, p := range pending {
		j, err := s.prepare(ctx, p)
		if err != nil {
			return sent, err
		}
		group = append(group, j)
		n += len(j.entries)
		if n >= s.cfg.BatchSize {
			if err := flush(); err != nil {
				return sent, err
			}
		}
	}
	if err := flush(); err != nil {
		return sent, err
	}
	res.Pushed += sent
	if entryErr != nil {
		return sent, entryErr
	}
	return sent, nil
}

type entryRef struct {
	j *job
	e *entry
}

// prepare works out what to send for one person.
func (s *Syncer) prepare(ctx context.Context, p Pending) (*job, error) {
	j := &job{p: p}
	rec, err := s.store.Gather(ctx, p.PersonID)
	if err != nil {
		return nil, err
	}
	states, err := s.store.States(ctx, p.PersonUUID)
	if err != nil {
		return nil, err
	}
	rs, err := fhir.Build(rec)
	if err != nil {
		return nil, err
	}
	if s.cfg.Sign != nil {
		// Sign the versions not yet on the server (the PDF is made only for
		// what will be sent), then build again.
		need := map[string]bool{}
		for _, r := range rs {
			if r.CreateOnly && r.Unit.Kind == fhir.KindVersion {
				if _, known := states[r.Ref()]; !known {
					need[r.Unit.UUID] = true
				}
			}
		}
		if len(need) > 0 {
			for i := range rec.Versions {
				if v := &rec.Versions[i]; v.PlanVersion != nil && need[v.UUID] {
					if err := s.cfg.Sign(v); err != nil {
						return nil, err
					}
				}
			}
			if rs, err = fhir.Build(rec); err != nil {
				return nil, err
			}
		}
	}
	built := map[string]bool{}
	heldCache := map[string]bool{}
	isHeld := func(u fhir.Unit) (bool, error) {
		if u.Kind == "" {
			return false, nil
		}
		k := u.Key()
		if h, ok := heldCache[k]; ok {
			return h, nil
		}
		h, err := s.store.Held(ctx, k)
		heldCache[k] = h
		return h, err
	}
	for _, r := range rs {
		built[r.Ref()] = true
		h, err := isHeld(r.Unit)
		if err != nil {
			return nil, err
		}
		if h {
			j.held = true
			continue
		}
		st, known := states[r.Ref()]
		switch {
		case r.CreateOnly && known && st.VersionID != "" && strings.HasPrefix(r.Condition, "identifier=") && statusOf(st.JSON) != statusOf(r.JSON):
			// The one change an agreed version's resources have: the
			// CarePlan is revoked, the DocumentReference superseded, once a
			// later version replaces it. What was sent is sent again with
			// the new status (so the signed PDF stays, though it is made
			// only for a version's first sending), by conditional update on
			// the plan-hash identifier, since the server may have given the
			// resource an id of its own.
			sent, err := withStatus(st.JSON, statusOf(r.JSON))
			if err != nil {
				return nil, err
			}
			body, err := withoutID(sent)
			if err != nil {
				return nil, err
			}
			r.JSON = sent
			j.entries = append(j.entries, entry{res: r, method: http.MethodPut, url: r.Type + "?" + r.Condition, ifMtch: `W/"` + st.VersionID + `"`, body: body})
		case r.CreateOnly && known:
			continue // sent once, never updated
		case known && bytes.Equal(st.JSON, r.JSON):
			continue
		case r.CreateOnly && r.Identifier != "" && hasIdentifier(r.JSON):
			j.entries = append(j.entries, entry{res: r, method: http.MethodPost, url: r.Type, ifNone: "identifier=" + r.Identifier})
		case r.CreateOnly:
			// A type with no identifier to search by (Provenance): its id is
			// derived from the version's hash and its content from the
			// version alone, so a PUT sent twice is still one resource.
			j.entries = append(j.entries, entry{res: r, method: http.MethodPut, url: r.Ref()})
		case known && st.VersionID != "":
			j.entries = append(j.entries, entry{res: r, method: http.MethodPut, url: r.Ref(), ifMtch: `W/"` + st.VersionID + `"`})
		default:
			j.entries = append(j.entries, entry{res: r, method: http.MethodPut, url: r.Ref()})
		}
	}
	// Resources sent before but no longer built (a removed item): their
	// status says so; nothing is deleted on the server.
	for ref, st := range states {
		if built[ref] || st.Unit.Kind == "" || st.Unit.Kind == fhir.KindVersion {
			continue
		}
		typ, id, _ := strings.Cut(ref, "/")
		h, err := isHeld(st.Unit)
		if err != nil {
			return nil, err
		}
		if h {
			j.held = true
			continue
		}
		r, err := fhir.Retired(fhir.Resource{Type: typ, ID: id, JSON: st.JSON, Unit: st.Unit})
		if err != nil || bytes.Equal(r.JSON, st.JSON) {
			continue
		}
		e := entry{res: r, method: http.MethodPut, url: ref}
		if st.VersionID != "" {
			e.ifMtch = `W/"` + st.VersionID + `"`
		}
		j.entries = append(j.entries, e)
	}
	return j, nil
}

// send posts one batch bundle and handles each entry's answer.
func (s *Syncer) send(ctx context.Context, refs []*entryRef, res *Result, entryErr *error) error {
	type req struct {
		Method      string `json:"method"`
		URL         string `json:"url"`
		IfNoneExist string `json:"ifNoneExist,omitempty"`
		IfMatch     string `json:"ifMatch,omitempty"`
	}
	type ent struct {
		FullURL  string          `json:"fullUrl,omitempty"`
		Resource json.RawMessage `json:"resource"`
		Request  req             `json:"request"`
	}
	out := struct {
		ResourceType string `json:"resourceType"`
		Type         string `json:"type"`
		Entry        []ent  `json:"entry"`
	}{ResourceType: "Bundle", Type: "batch"}
	for _, r := range refs {
		e := r.e
		body := e.res.JSON
		if e.body != nil {
			body = e.body
		}
		out.Entry = append(out.Entry, ent{FullURL: s.c.url(e.res.Ref()), Resource: body,
			Request: req{Method: e.method, URL: e.url, IfNoneExist: e.ifNone, IfMatch: e.ifMtch}})
	}
	body, err := json.Marshal(out)
	if err != nil {
		return err
	}
	a, err := s.c.do(ctx, http.MethodPost, s.c.url(""), body, nil)
	if err != nil {
		return err
	}
	if a.status != http.StatusOK {
		return s.c.fail(false, "The FHIR server at %s would not take a batch of changes (%d %s)", s.c.host(), a.status, http.StatusText(a.status))
	}
	var b bundle
	if err := s.c.json(a, &b); err != nil {
		return err
	}
	if b.ResourceType != "Bundle" || len(b.Entry) != len(refs) {
		return s.c.fail(false, "The FHIR server at %s answered a batch of %d changes with something else", s.c.host(), len(refs))
	}
	for i, r := range refs {
		ans := b.Entry[i]
		status := 0
		if ans.Response != nil {
			fmt.Sscanf(ans.Response.Status, "%d", &status)
		}
		e := r.e
		switch {
		case status == 200 || status == 201:
			st := State{Ref: e.res.Ref(), Unit: e.res.Unit, JSON: e.res.JSON, At: s.now()}
			if len(ans.Resource) > 0 {
				var m meta
				if json.Unmarshal(ans.Resource, &m) == nil {
					st.VersionID = m.Meta.VersionID
					if at, err := time.Parse(time.RFC3339Nano, m.Meta.LastUpdated); err == nil {
						st.At = at
					}
				}
			}
			if st.VersionID == "" && ans.Response != nil {
				st.VersionID = etagVersion(ans.Response.Etag)
			}
			if status == 200 && e.ifNone != "" && len(ans.Resource) > 0 {
				// Created before (by another laptop, or by us before a
				// kill): what the server holds is what was sent, with its
				// signed PDF, not the copy made here just now.
				st.JSON = withoutVersion(ans.Resource)
				r.j.again = r.j.again || statusOf(st.JSON) != statusOf(e.res.JSON)
			}
			r.j.sent = append(r.j.sent, st)
		case status == 412 && e.body != nil:
			// Another laptop revoked the same replaced version first: the
			// same change, nothing to settle, nothing to send again.
			r.j.sent = append(r.j.sent, State{Ref: e.res.Ref(), Unit: e.res.Unit, JSON: e.res.JSON, At: s.now()})
		case status == 412:
			st, mine, err := s.conflict(ctx, e.res)
			if err != nil {
				return err
			}
			if mine {
				r.j.sent = append(r.j.sent, st) // our own change, taken before we heard the answer
				continue
			}
			if e.res.Unit.Kind != "" { // a derived resource (the CareTeam) is sent again, with nothing to settle
				res.Conflicts++
			}
		case status == 401 || status == 403:
			return s.c.fail(false, "The FHIR server at %s refused the credentials for a change (%d %s). Check the token or client details in the sync settings",
				s.c.host(), status, http.StatusText(status))
		default:
			r.j.failed = true
			if *entryErr == nil {
				*entryErr = s.c.fail(false, "The FHIR server at %s would not take a change to %s (%s)", s.c.host(), e.res.Type, statusText(status))
			}
		}
	}
	return nil
}

func statusText(status int) string {
	if status == 0 {
		return "no status"
	}
	return fmt.Sprintf("%d %s", status, http.StatusText(status))
}

// conflict fetches the server's version of a resource whose If-Match
// failed. If it is what we sent (a change the server took before an
// earlier sync stopped, unanswered), it returns the state to keep and mine
// true; otherwise it records the conflict.
func (s *Syncer) conflict(ctx context.Context, r fhir.Resource) (_ State, mine bool, _ error) {
	a, err := s.c.do(ctx, http.MethodGet, s.c.url(r.Ref()), nil, nil)
	if err != nil {
		return State{}, false, err
	}
	if a.status != http.StatusOK {
		return State{}, false, s.c.fail(false, "The FHIR server at %s said %s changed there but would not send it (%d %s)", s.c.host(), r.Type, a.status, http.StatusText(a.status))
	}
	var m meta
	if err := s.c.json(a, &m); err != nil {
		return State{}, false, err
	}
	o := fhir.Origin{VersionID: m.Meta.VersionID}
	if _, do, _, err := fhir.Decode(a.body); err == nil {
		o = do
	}
	if o.VersionID == "" {
		o.VersionID = m.Meta.VersionID
	}
	if o.VersionID == "" {
		o.VersionID = etagVersion(a.header.Get("ETag"))
	}
	if o.LastUpdated.IsZero() {
		o.LastUpdated, _ = time.Parse(time.RFC3339Nano, m.Meta.LastUpdated)
	}
	if bytes.Equal(withoutVersion(a.body), withoutVersion(r.JSON)) {
		return State{Ref: r.Ref(), Unit: r.Unit, VersionID: o.VersionID, JSON: r.JSON, At: o.LastUpdated}, true, nil
	}
	return State{}, false, s.store.Conflict(ctx, r, a.body, o)
}

// hasIdentifier reports whether a resource has an identifier element, so
// a conditional create can search by it.
func hasIdentifier(raw []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil {
		return false
	}
	_, ok := top["identifier"]
	return ok
}

// etagVersion reads the version from an ETag, W/"3" → 3.
func etagVersion(etag string) string {
	etag = strings.TrimPrefix(strings.TrimSpace(etag), "W/")
	return strings.Trim(etag, `"`)
}

// withoutID is a resource without its id, for a conditional update.
func withoutID(raw json.RawMessage) (json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	delete(m, "id")
	return json.Marshal(m)
}

// statusOf is a resource's status, "" if it has none.
func statusOf(raw json.RawMessage) string {
	var m struct {
		Status string `json:"status"`
	}
	json.Unmarshal(raw, &m)
	return m.Status
}

// withStatus is the resource with its status set, its keys sorted as
// Build sorts them.
func withStatus(raw json.RawMessage, status string) (json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	st, err := json.Marshal(status)
	if err != nil {
		return nil, err
	}
	m["status"] = st
	return json.Marshal(m)
}
