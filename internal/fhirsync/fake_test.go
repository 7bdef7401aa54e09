package fhirsync_test

import (
	"context"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/fhir"
	"whatmatters/internal/fhirsync"
	"whatmatters/internal/sqlite"
)

var testCtx = care.WithActor(context.Background(), care.Actor{Name: "Sam Okafor", Role: "Care coordinator"})

// fakeStore is a Store in memory: records gathered once from the demo
// people, an outbox of one row per person, and what sync did to it.
type fakeStore struct {
	mu        sync.Mutex
	recs      map[int64]*fhir.Record
	outbox    map[int64][]int64 // person → outbox row ids
	states    map[string]fhirsync.State
	applied   []fhir.Unit
	conflicts []fhir.Resource
	held      map[string]bool
	cursors   map[string]time.Time
	finished  []error
	applyErr  error
}

var (
	demoOnce sync.Once
	demoRecs []*fhir.Record
)

// demoRecords are the demo people's records, as the store gathers them.
func demoRecords(tb testing.TB) []*fhir.Record {
	demoOnce.Do(func() {
		dir, err := tempDir()
		if err != nil {
			tb.Fatal(err)
		}
		db := sqlite.NewDB(filepath.Join(dir, "demo.db"))
		if err := db.Open(); err != nil {
			tb.Fatal(err)
		}
		defer db.Close()
		people, records := sqlite.NewPersonService(db), sqlite.NewRecordService(db)
		if _, err := demo.Seed(testCtx, demo.Services{People: people, Records: records, Versions: sqlite.NewVersionService(db),
			Examples: sqlite.NewStatusService(db)}, time.Now()); err != nil {
			tb.Fatal(err)
		}
		found, _, err := people.SearchPeople(testCtx, care.PersonFilter{IncludeInactive: true, Limit: 100})
		if err != nil {
			tb.Fatal(err)
		}
		ss := sqlite.NewSyncService(db)
		for _, f := range found {
			r, err := ss.Gather(testCtx, f.Person.ID)
			if err != nil {
				tb.Fatal(err)
			}
			demoRecs = append(demoRecs, r)
		}
	})
	if len(demoRecs) == 0 {
		tb.Fatal("no demo records")
	}
	return demoRecs
}

func newFakeStore(tb testing.TB) *fakeStore {
	s := &fakeStore{recs: map[int64]*fhir.Record{}, outbox: map[int64][]int64{}, states: map[string]fhirsync.State{},
		held: map[string]bool{}, cursors: map[string]time.Time{}}
	for i, r := range demoRecords(tb) {
		id := int64(i + 1)
		s.recs[id] = r
		s.outbox[id] = []int64{id}
	}
	return s
}

func (s *fakeStore) waiting() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, rows := range s.outbox {
		n += len(rows)
	}
	return n
}

func (s *fakeStore) PendingPeople(ctx context.Context, limit int) ([]fhirsync.Pending, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []fhirsync.Pending
	for id, rows := range s.outbox {
		if len(rows) > 0 {
			out = append(out, fhirsync.Pending{PersonID: id, PersonUUID: s.recs[id].Person.UUID, UpTo: rows[len(rows)-1]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UpTo < out[j].UpTo })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (s *fakeStore) Gather(ctx context.Context, personID int64) (*fhir.Record, error) {
	r := s.recs[personID]
	if r == nil {
		return nil, care.Errorf(care.ENOTFOUND, "no such person")
	}
	c := *r
	c.Versions = append([]fhir.Version(nil), r.Versions...)
	return &c, nil
}

func (s *fakeStore) States(ctx context.Context, personUUID string) (map[string]fhirsync.State, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]fhirsync.State{}
	for ref, st := range s.states {
		if st.Unit.Person == personUUID {
			out[ref] = st
		}
	}
	return out, nil
}

func (s *fakeStore) Pushed(ctx context.Context, personID, upTo int64, sent []fhirsync.State) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range sent {
		if st.Unit.Person == "" {
			st.Unit.Person = s.recs[personID].Person.UUID
		}
		s.states[st.Ref] = st
	}
	var keep []int64
	for _, id := range s.outbox[personID] {
		if id > upTo {
			keep = append(keep, id)
		}
	}
	s.outbox[personID] = keep
	return nil
}

func (s *fakeStore) Apply(ctx context.Context, u fhir.Unit, o fhir.Origin, res fhir.Resource) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.applyErr != nil {
		return false, s.applyErr
	}
	s.applied = append(s.applied, u)
	s.states[res.Ref()] = fhirsync.State{Ref: res.Ref(), Unit: u, VersionID: o.VersionID, JSON: res.JSON, At: o.LastUpdated}
	return false, nil
}

func (s *fakeStore) Conflict(ctx context.Context, mine fhir.Resource, theirs []byte, o fhir.Origin) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conflicts = append(s.conflicts, mine)
	s.held[mine.Unit.Key()] = true
	return nil
}

func (s *fakeStore) Held(ctx context.Context, unitKey string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held[unitKey], nil
}

func (s *fakeStore) Cursor(ctx context.Context, resourceType string) (time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cursors[resourceType], nil
}

func (s *fakeStore) SetCursor(ctx context.Context, resourceType string, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cursors[resourceType] = at
	return nil
}

func (s *fakeStore) Finished(ctx context.Context, at time.Time, err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.finished = append(s.finished, err)
	return nil
}

func (s *fakeStore) Status(ctx context.Context) (fhirsync.Status, error) {
	return fhirsync.Status{Waiting: s.waiting()}, nil
}
