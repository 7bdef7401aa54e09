package fhirsync

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
)

// unreadable counts resources from the server that could not be used, and
// keeps the first one's message.
type unreadable struct {
	n     int
	first string
	seen  map[string]bool // ref and version, so a resource read twice in one sync counts once
}

func (u *unreadable) add(ref string, err error) {
	u.addVersion(ref, "", err)
}

func (u *unreadable) addVersion(ref, version string, err error) {
	if u.seen == nil {
		u.seen = map[string]bool{}
	}
	k := ref + "\x00" + version
	if u.seen[k] {
		return
	}
	u.seen[k] = true
	if u.n == 0 {
		u.first = ref + ": " + care.ErrorMessage(err)
	}
	u.n++
}

func (u *unreadable) err(kept int) error {
	if u.n == 0 {
		return nil
	}
	what := "1 resource"
	if u.n > 1 {
		what = fmt.Sprintf("%d resources", u.n)
	}
	verb := "was"
	if u.n > 1 {
		verb = "were"
	}
	msg := fmt.Sprintf("%s from the FHIR server could not be used and %s left out, so nothing here was changed by it (%s).", what, verb, u.first)
	if kept > 0 {
		msg += " " + keptSentence(kept)
	}
	return &Error{Err: care.Errorf(care.EINVALID, "%s", msg)}
}

// pull reads, per type, what changed on the server since its cursor, and
// applies it.
func (s *Syncer) pull(ctx context.Context, progress func(Progress), res *Result, bad *unreadable) error {
	done := 0
	for _, typ := range ResourceTypes {
		cursor, err := s.store.Cursor(ctx, typ)
		if err != nil {
			return err
		}
		q := url.Values{"_sort": {"_lastUpdated"}, "_count": {fmt.Sprint(s.cfg.PageSize)}}
		if !cursor.IsZero() {
			q.Set("_lastUpdated", "ge"+cursor.UTC().Format(time.RFC3339Nano))
		}
		next := s.c.url(typ + "?" + q.Encode())
		states := map[string]map[string]State{} // by person UUID
		for next != "" {
			a, err := s.c.do(ctx, http.MethodGet, next, nil, nil)
			if isTooBig(err) {
				// A page of big resources (signed PDFs): ask for fewer.
				if smaller, ok := halveCount(next); ok {
					next = smaller
					continue
				}
			}
			if err != nil {
				return err
			}
			if a.status != http.StatusOK {
				return s.c.fail(false, "The FHIR server at %s would not list the %s resources (%d %s)", s.c.host(), typ, a.status, http.StatusText(a.status))
			}
			var b bundle
			if err := s.c.json(a, &b); err != nil {
				return err
			}
			if b.ResourceType != "Bundle" {
				return s.c.fail(false, "The FHIR server at %s answered a search with something that is not a Bundle", s.c.host())
			}
			newest := cursor
			for _, e := range b.Entry {
				if len(e.Resource) == 0 {
					continue
				}
				var m meta
				if err := json.Unmarshal(e.Resource, &m); err != nil || m.ResourceType == "" || m.ID == "" {
					bad.add(typ, care.Errorf(care.EINVALID, "not a FHIR resource"))
					continue
				}
				if at, err := time.Parse(time.RFC3339Nano, m.Meta.LastUpdated); err == nil && at.After(newest) {
					newest = at
				}
				if m.ResourceType != typ {
					continue // an included resource
				}
				ref := m.ResourceType + "/" + m.ID
				u, o, ok, err := fhir.Decode(e.Resource)
				if err != nil {
					bad.addVersion(ref, m.Meta.VersionID, err)
					continue
				}
				if !ok {
					continue
				}
				if o.VersionID == "" {
					o.VersionID = m.Meta.VersionID
				}
				st, seen := states[u.Person]
				if !seen {
					if st, err = s.store.States(ctx, u.Person); err != nil {
						return err
					}
					states[u.Person] = st
				}
				if v := st[ref].VersionID; v != "" && v == o.VersionID {
					continue // our own change coming back, or pulled already
				}
				wasHeld, err := s.store.Held(ctx, u.Key())
				if err != nil {
					return err
				}
				conflict, err := s.store.Apply(ctx, u, o, fhir.Resource{Type: m.ResourceType, ID: m.ID, JSON: withoutVersion(e.Resource), Unit: u})
				if err != nil {
					if care.ErrorCode(err) == care.EINVALID {
						bad.addVersion(ref, o.VersionID, err)
						continue
					}
					return err
				}
				delete(states, u.Person)
				switch {
				case conflict && !wasHeld:
					res.Conflicts++
				case conflict: // an open conflict brought up to date
				default:
					res.Pulled++
				}
				done++
			}
			if newest.After(cursor) {
				if err := s.store.SetCursor(ctx, typ, newest); err != nil {
					return err
				}
				cursor = newest
			}
			progress(Progress{Stage: "pull", Done: done})
			next = ""
			for _, l := range b.Link {
				if l.Relation == "next" && l.URL != "" {
					if !s.c.sameServer(l.URL) {
						return s.c.fail(false, "The FHIR server at %s sent a link to another server, which this app does not follow", s.c.host())
					}
					next = l.URL
				}
			}
		}
	}
	return nil
}

// withoutVersion is a resource as the server sent it without
// meta.versionId and meta.lastUpdated, its keys sorted as Build sorts
// them, so it compares equal to what this app would build for it.
func withoutVersion(raw []byte) json.RawMessage {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return raw
	}
	if mt, ok := m["meta"].(map[string]any); ok {
		delete(mt, "versionId")
		delete(mt, "lastUpdated")
		if len(mt) == 0 {
			delete(m, "meta")
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return raw
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// halveCount returns the search URL asking for half as many resources a
// page, false when it asks for one already.
func halveCount(u string) (string, bool) {
	p, err := url.Parse(u)
	if err != nil {
		return "", false
	}
	q := p.Query()
	n, err := strconv.Atoi(q.Get("_count"))
	if err != nil || n <= 1 {
		return "", false
	}
	q.Set("_count", strconv.Itoa(n/2))
	p.RawQuery = q.Encode()
	return p.String(), true
}
