package sqlite_test

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/fhir"
	"whatmatters/internal/fhirsync"
	"whatmatters/internal/sqlite"
)

// fakeServer is a FHIR server as sync sees one: each resource with its
// version, If-Match honoured, create-only resources made once.
type fakeServer struct {
	res map[string]*serverResource
}

type serverResource struct {
	version int
	json    []byte
}

// laptop is one database syncing with the server, as the engine does it.
type laptop struct {
	t  *testing.T
	db *sqlite.DB
	s  *sqlite.SyncService
}

func (l *laptop) push(srv *fakeServer) (conflicts int) {
	t := l.t
	t.Helper()
	pending, err := l.s.PendingPeople(testCtx, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pending {
		rec, err := l.s.Gather(testCtx, p.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := fhir.Build(rec)
		if err != nil {
			t.Fatal(err)
		}
		states, err := l.s.States(testCtx, p.PersonUUID)
		if err != nil {
			t.Fatal(err)
		}
		var sent []fhirsync.State
		for _, r := range rs {
			if r.Unit.Kind != "" {
				if held, err := l.s.Held(testCtx, r.Unit.Key()); err != nil || held {
					continue
				}
			}
			st, known := states[r.Ref()]
			if known && bytes.Equal(st.JSON, r.JSON) {
				continue
			}
			cur := srv.res[r.Ref()]
			switch {
			case r.CreateOnly && cur != nil:
			case known && cur != nil && strconv.Itoa(cur.version) != st.VersionID: // 412
				if err := l.s.Conflict(testCtx, r, cur.json, fhir.Origin{VersionID: strconv.Itoa(cur.version), ChangedBy: "the other laptop"}); err != nil {
					t.Fatal(err)
				}
				conflicts++
				continue
			case cur == nil:
				cur = &serverResource{version: 1, json: r.JSON}
				srv.res[r.Ref()] = cur
			default:
				cur.version++
				cur.json = r.JSON
			}
			sent = append(sent, fhirsync.State{Ref: r.Ref(), Unit: r.Unit, VersionID: strconv.Itoa(cur.version), JSON: r.JSON})
		}
		if err := l.s.Pushed(testCtx, p.PersonID, p.UpTo, sent); err != nil {
			t.Fatal(err)
		}
	}
	return conflicts
}

func (l *laptop) pull(srv *fakeServer) (applied, conflicts int) {
	t := l.t
	t.Helper()
	refs := make([]string, 0, len(srv.res))
	for ref := range srv.res {
		refs = append(refs, ref)
	}
	sort.Slice(refs, func(i, j int) bool { // Patients first, as a pull by type would
		pi, pj := strings.HasPrefix(refs[i], "Patient/"), strings.HasPrefix(refs[j], "Patient/")
		if pi != pj {
			return pi
		}
		return refs[i] < refs[j]
	})
	for _, ref := range refs {
		cur := srv.res[ref]
		u, o, ok, err := fhir.Decode(cur.json)
		if err != nil {
			t.Fatalf("decode %s: %v", ref, err)
		}
		if !ok {
			continue
		}
		states, err := l.s.States(testCtx, u.Person)
		if err != nil {
			t.Fatal(err)
		}
		if states[ref].VersionID == strconv.Itoa(cur.version) {
			continue // our own echo, or pulled already
		}
		typ, id, _ := strings.Cut(ref, "/")
		conflict, err := l.s.Apply(testCtx, u, fhir.Origin{VersionID: strconv.Itoa(cur.version), ChangedBy: o.ChangedBy},
			fhir.Resource{Type: typ, ID: id, JSON: cur.json})
		if err != nil {
			t.Fatalf("apply %s: %v", ref, err)
		}
		if conflict {
			conflicts++
		} else {
			applied++
		}
	}
	return applied, conflicts
}

// person is the one person on the laptop with the UUID.
func (l *laptop) person(uuid string) *care.Person {
	l.t.Helper()
	var id int64
	if err := openRaw(l.t, l.db.Path).QueryRow(`SELECT id FROM people WHERE uuid = ?`, uuid).Scan(&id); err != nil {
		l.t.Fatalf("person %s: %v", uuid, err)
	}
	p, err := sqlite.NewPersonService(l.db).FindPersonByID(testCtx, id)
	if err != nil {
		l.t.Fatal(err)
	}
	return p
}

func (l *laptop) aboutMe(p *care.Person) string {
	l.t.Helper()
	r, err := sqlite.NewRecordService(l.db).FindRecord(testCtx, p.ID)
	if err != nil {
		l.t.Fatal(err)
	}
	return r.Fields[care.SectionAboutMe]["mostImportant"].Value
}

func (l *laptop) writeAboutMe(p *care.Person, words string) {
	l.t.Helper()
	rec := sqlite.NewRecordService(l.db)
	r, err := rec.FindRecord(testCtx, p.ID)
	if err != nil {
		l.t.Fatal(err)
	}
	v := r.Fields[care.SectionAboutMe]["mostImportant"].Version
	if err := rec.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{{Key: "mostImportant", Value: words, Version: v}}); err != nil {
		l.t.Fatal(err)
	}
}

// TestSync_TwoLaptops syncs two laptops through a server as the engine
// does: each edits offline and sees the other's changes; the same field
// changed on both is a conflict, settled field by field; versions agreed
// on both arrive once each.
func TestSync_TwoLaptops(t *testing.T) {
	srv := &fakeServer{res: map[string]*serverResource{}}
	a := &laptop{t: t, db: MustOpenDB(t)}
	a.s = sqlite.NewSyncService(a.db)
	b := &laptop{t: t, db: MustOpenDB(t)}
	b.s = sqlite.NewSyncService(b.db)

	zoeA := MustCreatePerson(t, a.db, zoe())
	a.writeAboutMe(zoeA, "My garden")
	MustSaveItem(t, a.db, zoeA, care.SectionContacts, map[string]string{"name": "Ola Nowak", "type": "family"})
	if n := a.push(srv); n != 0 || len(srv.res) == 0 {
		t.Fatalf("first push: %d conflicts, %d resources", n, len(srv.res))
	}
	if _, n := b.pull(srv); n != 0 {
		t.Fatalf("first pull: %d conflicts", n)
	}
	zoeB := b.person(zoeA.UUID)
	if b.aboutMe(zoeB) != "My garden" {
		t.Fatalf("b has %q", b.aboutMe(zoeB))
	}
	// b's history says who wrote it on a, as the resource carried it.
	var who, role string
	if err := openRaw(t, b.db.Path).QueryRow(`SELECT actor_name, actor_role FROM history WHERE section = 'aboutMe' ORDER BY id DESC LIMIT 1`).Scan(&who, &role); err != nil ||
		who != "Sam Okafor (Care coordinator)" || role != care.RoleFHIRServer {
		t.Errorf("b's history: %q, %q, %v", who, role, err)
	}
	if pending, _ := b.s.PendingPeople(testCtx, 10); len(pending) != 0 {
		t.Errorf("what b pulled waits to be sent back: %+v", pending)
	}
	a.push(srv)
	if applied, _ := a.pull(srv); applied != 0 {
		t.Errorf("a pulled %d of its own resources back", applied)
	}

	// Offline, each changes something different.
	if _, err := sqlite.NewPersonService(a.db).UpdatePerson(testCtx, zoeA.ID, care.PersonUpdate{Version: zoeA.Version, Details: &care.PersonDetails{Phone: "01632 960 001"}}); err != nil {
		t.Fatal(err)
	}
	b.writeAboutMe(zoeB, "My garden and my bees")
	if a.push(srv)+b.push(srv) != 0 {
		t.Fatal("conflicts for changes to different things")
	}
	a.pull(srv)
	b.pull(srv)
	if got := b.person(zoeA.UUID).Details.Phone; got != "01632 960 001" {
		t.Errorf("b's phone = %q", got)
	}
	if got := a.aboutMe(zoeA); got != "My garden and my bees" {
		t.Errorf("a's about me = %q", got)
	}

	// Both change the person's own words: b finds the conflict pushing.
	a.writeAboutMe(zoeA, "My bees")
	b.writeAboutMe(zoeB, "My garden, my bees and my sister")
	if n := a.push(srv); n != 0 {
		t.Fatalf("a: %d conflicts", n)
	}
	if n := b.push(srv); n != 1 {
		t.Fatalf("b: %d conflicts, want 1", n)
	}
	if _, n := b.pull(srv); n != 1 {
		t.Fatalf("b's pull: %d conflicts, want the one brought up to date", n)
	}
	all, err := b.s.Conflicts(testCtx)
	if err != nil || len(all) != 1 {
		t.Fatalf("conflicts = %+v, %v", all, err)
	}
	if f := all[0].Fields; len(f) != 1 || f[0].Mine != "My garden, my bees and my sister" || f[0].Theirs != "My bees" || f[0].Base != "My garden and my bees" {
		t.Errorf("fields = %+v", f)
	}
	if b.aboutMe(zoeB) != "My garden, my bees and my sister" {
		t.Error("the person's own words were overwritten before settling")
	}
	if err := b.s.SettleConflict(testCtx, all[0].ID, map[string]string{"mostImportant": fhirsync.KeepMine}); err != nil {
		t.Fatal(err)
	}
	if n := b.push(srv); n != 0 {
		t.Fatalf("after settling: %d conflicts", n)
	}
	a.pull(srv)
	if got := a.aboutMe(zoeA); got != "My garden, my bees and my sister" {
		t.Errorf("a's about me after settling = %q", got)
	}

	// Each agrees a version offline; both arrive once on both.
	MustSaveItem(t, a.db, zoeA, care.SectionGoals, map[string]string{"text": "Back to the allotment"})
	if _, err := sqlite.NewVersionService(a.db).AgreePlan(testCtx, zoeA.ID, agreed(), nil); err != nil {
		t.Fatal(err)
	}
	MustSaveItem(t, b.db, zoeB, care.SectionGoals, map[string]string{"text": "See my sister"})
	if _, err := sqlite.NewVersionService(b.db).AgreePlan(testCtx, zoeB.ID, agreed(), nil); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		a.push(srv)
		b.push(srv)
		a.pull(srv)
		b.pull(srv)
	}
	for _, l := range []*laptop{a, b} {
		var distinct, all int
		if err := openRaw(t, l.db.Path).QueryRow(`SELECT COUNT(DISTINCT hash), COUNT(*) FROM plan_versions`).Scan(&distinct, &all); err != nil {
			t.Fatal(err)
		}
		if distinct != 2 || all != 2 {
			t.Errorf("versions: %d distinct of %d, want 2 of 2", distinct, all)
		}
		if pending, _ := l.s.PendingPeople(testCtx, 10); len(pending) != 0 {
			t.Errorf("still pending: %+v", pending)
		}
	}
	// And the two laptops now tell the same record.
	built := func(l *laptop) map[string]string {
		t.Helper()
		rec, err := l.s.Gather(testCtx, l.person(zoeA.UUID).ID)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := fhir.Build(rec)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, r := range rs {
			if !r.CreateOnly {
				out[r.Ref()] = string(r.JSON)
			}
		}
		return out
	}
	ra, rb := built(a), built(b)
	for ref, js := range ra {
		if rb[ref] != js {
			t.Errorf("%s differs:\na: %s\nb: %s", ref, js, rb[ref])
		}
	}
	if len(ra) != len(rb) {
		t.Errorf("a builds %d resources, b %d", len(ra), len(rb))
	}
}
