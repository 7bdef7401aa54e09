package fhirsync_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/fhirsync"
	"whatmatters/internal/sqlite"
)

// laptop is one database with the demo people, syncing.
type laptop struct {
	db      *sqlite.DB
	sync    *sqlite.SyncService
	records care.RecordService
	people  care.PersonService
}

func newLaptop(tb testing.TB, seed bool) *laptop {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "laptop.db"))
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	l := &laptop{db: db, sync: sqlite.NewSyncService(db), records: sqlite.NewRecordService(db), people: sqlite.NewPersonService(db)}
	if seed {
		if _, err := demo.Seed(testCtx, demo.Services{People: l.people, Records: l.records, Versions: sqlite.NewVersionService(db),
			Examples: sqlite.NewStatusService(db)}, time.Now()); err != nil {
			tb.Fatal(err)
		}
	}
	return l
}

func (l *laptop) syncWith(tb testing.TB, cfg fhirsync.Config) fhirsync.Result {
	tb.Helper()
	res, err := fhirsync.New(l.sync, cfg).Sync(testCtx, nil)
	if err != nil {
		tb.Fatalf("sync: %v", err)
	}
	return res
}

func (l *laptop) waiting(tb testing.TB) int {
	tb.Helper()
	st, err := l.sync.Status(testCtx)
	if err != nil {
		tb.Fatal(err)
	}
	return st.Waiting
}

func (l *laptop) everyone(tb testing.TB) []*care.Person {
	tb.Helper()
	found, _, err := l.people.SearchPeople(testCtx, care.PersonFilter{IncludeInactive: true, Limit: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	var out []*care.Person
	for _, f := range found {
		out = append(out, f.Person)
	}
	return out
}

// onlyOnce checks that every identifier on the server names one resource.
func onlyOnce(tb testing.TB, counts map[string]typeCount) (total int) {
	tb.Helper()
	for typ, c := range counts {
		total += c.Total
		for id, n := range c.Identifiers {
			if n != 1 {
				tb.Errorf("%s %s: %d copies on the server", typ, id, n)
			}
		}
	}
	return total
}

func TestSyncWithServer(t *testing.T) {
	srv := startFHIRServer(t)
	cfg := fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.Base}}
	a := newLaptop(t, true)
	if a.waiting(t) == 0 {
		t.Fatal("the demo people wait for nothing")
	}
	res := a.syncWith(t, cfg)
	if res.Pushed == 0 || res.Conflicts != 0 {
		t.Fatalf("first sync: %+v", res)
	}
	if w := a.waiting(t); w != 0 {
		t.Fatalf("%d changes still waiting", w)
	}
	counts := srv.count(t)
	total := onlyOnce(t, counts)
	if total != res.Pushed {
		t.Errorf("%d resources on the server, %d pushed", total, res.Pushed)
	}
	if counts["Patient"].Total != len(a.everyone(t)) {
		t.Errorf("%d Patients for %d people", counts["Patient"].Total, len(a.everyone(t)))
	}
	for _, typ := range []string{"CarePlan", "DocumentReference", "Provenance", "Goal", "RelatedPerson", "QuestionnaireResponse"} {
		if counts[typ].Total == 0 {
			t.Errorf("no %s on the server", typ)
		}
	}

	// Nothing new: nothing sent, nothing pulled, and few requests.
	before, _ := srv.stats(t)
	again := a.syncWith(t, cfg)
	after, _ := srv.stats(t)
	if again.Pushed != 0 || again.Pulled != 0 || again.Conflicts != 0 {
		t.Errorf("a sync with nothing new did %+v", again)
	}
	if n := after - before; n > 2*len(fhirsync.ResourceTypes) {
		t.Errorf("a sync with nothing new made %d requests", n)
	}

	// A second laptop, empty, gets everyone; a change there comes back.
	b := newLaptop(t, false)
	got := b.syncWith(t, cfg)
	if got.Pulled == 0 || len(b.everyone(t)) != len(a.everyone(t)) {
		t.Fatalf("laptop b pulled %+v and has %d people, want %d", got, len(b.everyone(t)), len(a.everyone(t)))
	}
	if w := b.waiting(t); w != 0 {
		t.Errorf("pulled changes are waiting to be sent back: %d", w)
	}
	p := b.everyone(t)[0]
	rec, err := b.records.FindRecord(testCtx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := saveAboutMe(b, rec, "Changed on laptop b"); err != nil {
		t.Fatal(err)
	}
	// (Laptop b also sends, once, the resources of the person no unit
	// stands for when pulled, such as the Practitioner: the same content,
	// by idempotent PUT and conditional create.)
	if res := b.syncWith(t, cfg); res.Pushed == 0 || res.Conflicts != 0 {
		t.Errorf("laptop b pushed %+v", res)
	}
	onlyOnce(t, srv.count(t))
	if res := a.syncWith(t, cfg); res.Pulled != 1 || res.Conflicts != 0 {
		t.Errorf("laptop a pulled %+v, want 1 unit", res)
	}
	onlyOnce(t, srv.count(t))
}

func TestSyncKeepsChangesWhenTheServerFails(t *testing.T) {
	srv := startFHIRServer(t)
	cfg := fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.Base}, Timeout: 300 * time.Millisecond}
	for _, tc := range []struct {
		fault map[string]any
		want  string
	}{
		{map[string]any{"mode": "down"}, "Could not reach the FHIR server at 127.0.0.1"},
		{map[string]any{"mode": "slow", "delayMs": 2000}, "did not answer within 300ms"},
		{map[string]any{"mode": "401"}, "refused the credentials (401 Unauthorized)"},
		{map[string]any{"mode": "403"}, "refused the credentials (403 Forbidden)"},
		{map[string]any{"mode": "500", "after": len(fhirsync.ResourceTypes)}, "had a problem of its own (500"}, // in the push
		{map[string]any{"mode": "malformed"}, "not valid JSON"},
		{map[string]any{"mode": "huge"}, "larger than 32 MB"},
	} {
		srv.reset(t)
		srv.fault(t, tc.fault)
		l := newLaptop(t, true)
		before := l.waiting(t)
		c := cfg
		if tc.fault["mode"] != "slow" {
			c.Timeout = 10 * time.Second // reading 32 MB under -race takes a while
		}
		_, err := fhirsync.New(l.sync, c).Sync(testCtx, nil)
		msg := care.ErrorMessage(err)
		if !strings.Contains(msg, tc.want) || !strings.HasSuffix(msg, "Your "+itoa(before)+" changes are kept and will be sent next time.") {
			t.Errorf("%v: %q", tc.fault, msg)
		}
		if w := l.waiting(t); w != before {
			t.Errorf("%v: %d changes waiting, want %d", tc.fault, w, before)
		}
		st, _ := l.sync.Status(testCtx)
		if st.LastError == "" {
			t.Errorf("%v: no last error recorded", tc.fault)
		}
		// Once the server is well, everything goes, once.
		srv.fault(t, map[string]any{"mode": ""})
		if _, err := fhirsync.New(l.sync, cfg).Sync(testCtx, nil); err != nil {
			t.Fatalf("%v, then: %v", tc.fault, err)
		}
		if w := l.waiting(t); w != 0 {
			t.Errorf("%v, then: %d waiting", tc.fault, w)
		}
		onlyOnce(t, srv.count(t))
	}
}

func TestSyncBearerToken(t *testing.T) {
	srv := startFHIRServer(t, "FHIR_TOKEN=s3cret-token")
	l := newLaptop(t, true)
	_, err := fhirsync.New(l.sync, fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.Base, Auth: fhirsync.AuthBearer},
		Credentials: fhirsync.Credentials{Token: "wrong"}}).Sync(testCtx, nil)
	if !strings.Contains(care.ErrorMessage(err), "refused the credentials (401") {
		t.Fatalf("a wrong token: %v", err)
	}
	l.syncWith(t, fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.Base, Auth: fhirsync.AuthBearer},
		Credentials: fhirsync.Credentials{Token: "s3cret-token"}})
	if l.waiting(t) != 0 {
		t.Error("changes still waiting")
	}
}

func TestSyncSMARTBackendServices(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for name, key := range map[string]any{"RS384": rsaKey, "ES384": ecKey} {
		t.Run(name, func(t *testing.T) {
			priv, pub := pemPair(t, key)
			pubFile := filepath.Join(t.TempDir(), "client.pub")
			if err := os.WriteFile(pubFile, []byte(pub), 0o600); err != nil {
				t.Fatal(err)
			}
			srv := startFHIRServer(t, "FHIR_SMART_PUBLIC_KEY="+pubFile, "FHIR_SMART_CLIENT_ID=whatmatters-laptop-1")
			cfg := fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.Base, Auth: fhirsync.AuthSMART, ClientID: "whatmatters-laptop-1",
				TokenURL: srv.Root + "/auth/token", KeyID: "k1"}, Credentials: fhirsync.Credentials{PrivateKey: priv}}
			l := newLaptop(t, true)
			s := fhirsync.New(l.sync, cfg)
			if _, err := s.Sync(testCtx, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Sync(testCtx, nil); err != nil {
				t.Fatal(err)
			}
			if l.waiting(t) != 0 {
				t.Error("changes still waiting")
			}
			if _, tokens := srv.stats(t); tokens != 1 {
				t.Errorf("%d tokens asked for, want 1 kept until it expires", tokens)
			}
			// Another client id is refused, in plain words.
			cfg.ClientID = "someone-else"
			_, err := fhirsync.New(l.sync, cfg).Sync(testCtx, nil)
			if !strings.Contains(care.ErrorMessage(err), "refused the client credentials (401") {
				t.Errorf("another client: %v", err)
			}
		})
	}
}

func pemPair(tb testing.TB, key any) (priv, pub string) {
	tb.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		tb.Fatal(err)
	}
	var pk any
	switch k := key.(type) {
	case *rsa.PrivateKey:
		pk = &k.PublicKey
	case *ecdsa.PrivateKey:
		pk = &k.PublicKey
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pk)
	if err != nil {
		tb.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}))
}

// saveAboutMe changes the first About me field of a record, in the
// person's own words.
func saveAboutMe(l *laptop, rec *care.Record, words string) error {
	key, version := "", 0
	for k, f := range rec.Fields[care.SectionAboutMe] {
		if key == "" || k < key {
			key, version = k, f.Version
		}
	}
	if key == "" {
		key = "whatMatters"
	}
	return l.records.SaveFields(testCtx, rec.Person.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
		[]care.FieldChange{{Key: key, Value: words, Version: version}})
}

// raceTransport changes a resource on the server just before the first
// batch is posted, as another laptop might between this one's pull and push.
type raceTransport struct {
	once   sync.Once
	before func()
}

func (rt *raceTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost {
		rt.once.Do(rt.before)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestSyncPreconditionFailed: a 412 on a batch entry fetches the server's
// version and records a conflict; that unit's change stays waiting, the
// rest go.
func TestSyncPreconditionFailed(t *testing.T) {
	srv := startFHIRServer(t)
	cfg := fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.Base}}
	a := newLaptop(t, true)
	a.syncWith(t, cfg)
	b := newLaptop(t, false)
	b.syncWith(t, cfg)
	pa, pb := a.everyone(t)[0], b.everyone(t)[0]
	if pa.UUID != pb.UUID {
		t.Fatal("not the same first person")
	}
	ra, _ := a.records.FindRecord(testCtx, pa.ID)
	rb, _ := b.records.FindRecord(testCtx, pb.ID)
	if err := saveAboutMe(a, ra, "Said to laptop a"); err != nil {
		t.Fatal(err)
	}
	if err := saveAboutMe(b, rb, "Said to laptop b"); err != nil {
		t.Fatal(err)
	}
	race := &raceTransport{before: func() { a.syncWith(t, cfg) }}
	res, err := fhirsync.New(b.sync, fhirsync.Config{Settings: cfg.Settings, HTTPClient: &http.Client{Transport: race}}).Sync(testCtx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Conflicts != 1 {
		cs, _ := b.sync.Conflicts(testCtx)
		for _, c := range cs {
			t.Logf("%s %s %+v", c.Ref, c.What, c.Fields)
		}
		t.Fatalf("result %+v, want 1 conflict", res)
	}
	cs, err := b.sync.Conflicts(testCtx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("conflicts %v %v", cs, err)
	}
	var mine, theirs string
	for _, f := range cs[0].Fields {
		if f.Mine != f.Theirs {
			mine, theirs = f.Mine, f.Theirs
		}
	}
	if mine != "Said to laptop b" || theirs != "Said to laptop a" {
		t.Errorf("conflict mine %q theirs %q", mine, theirs)
	}
	if b.waiting(t) == 0 {
		t.Error("the conflicting change is not kept")
	}
	onlyOnce(t, srv.count(t))
}

// TestSyncRevokesAReplacedVersion agrees a new version after the old one
// reached the server: the old CarePlan is revoked there and its
// DocumentReference superseded, and each person keeps one active plan.
func TestSyncRevokesAReplacedVersion(t *testing.T) {
	srv := startFHIRServer(t)
	// Each version's PDF is made only for its first sending, as the app does.
	cfg := fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.Base}, Sign: func(v *fhirsync.Version) error {
		v.PDF, v.PDFFormat = []byte("%PDF-1.7 signed "+v.Hash), "standard"
		return nil
	}}
	a := newLaptop(t, true)
	a.syncWith(t, cfg)
	var gosia *care.Person
	for _, p := range a.everyone(t) {
		if p.GivenName == "Małgorzata" {
			gosia = p
		}
	}
	if gosia == nil {
		t.Fatal("no Gosia among the example people")
	}
	// Her review draft (a new goal) is agreed as version 3.
	sigs := []care.Signature{{Role: care.RolePerson, Name: "Gosia", Method: care.SignVerbal, Witness: "Ola Wiśniewska"},
		{Role: care.RoleCoordinator, Name: "Sam Okafor", Method: care.SignVerbal, Witness: "Ola Wiśniewska"}}
	if _, err := sqlite.NewVersionService(a.db).AgreePlan(testCtx, gosia.ID, sigs, nil); err != nil {
		t.Fatal(err)
	}
	if res := a.syncWith(t, cfg); res.Conflicts != 0 {
		t.Fatalf("sync: %+v", res)
	}
	onlyOnce(t, srv.count(t))
	statuses := func(typ string) map[string]int {
		t.Helper()
		resp, err := http.Get(srv.Base + "/" + typ + "?subject=Patient/" + gosia.UUID + "&_count=100")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b struct {
			Entry []struct {
				Resource struct {
					Status  string `json:"status"`
					Content []struct {
						Attachment struct {
							ContentType string `json:"contentType"`
							Data        []byte `json:"data"`
						} `json:"attachment"`
					} `json:"content"`
				} `json:"resource"`
			} `json:"entry"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&b); err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, e := range b.Entry {
			out[e.Resource.Status]++
			for _, c := range e.Resource.Content {
				if c.Attachment.ContentType == "application/pdf" {
					out["with a PDF"]++
					if strings.HasPrefix(string(c.Attachment.Data), "%PDF-1.7 signed on b") {
						out["signed on b"]++
					}
				}
			}
		}
		return out
	}
	if got := statuses("CarePlan"); got["active"] != 1 || got["revoked"] != 2 {
		t.Errorf("Gosia's CarePlans on the server: %v, want 1 active and 2 revoked", got)
	}
	if got := statuses("DocumentReference"); got["current"] != 1 || got["superseded"] != 2 || got["with a PDF"] != 3 {
		t.Errorf("Gosia's DocumentReferences on the server: %v, want 1 current and 2 superseded, each with its signed PDF", got)
	}
	onlyOnce(t, srv.count(t))

	// A second laptop pulls her, changes her record and agrees version 4:
	// the versions it pulled are revoked there with the PDFs the first
	// laptop signed, not copies it made itself.
	b := newLaptop(t, false)
	bcfg := cfg
	bcfg.Sign = func(v *fhirsync.Version) error {
		v.PDF, v.PDFFormat = []byte("%PDF-1.7 signed on b "+v.Hash), "standard"
		return nil
	}
	b.syncWith(t, bcfg)
	var onB *care.Person
	for _, p := range b.everyone(t) {
		if p.UUID == gosia.UUID {
			onB = p
		}
	}
	if onB == nil {
		t.Fatal("laptop b did not pull Gosia")
	}
	rec, err := b.records.FindRecord(testCtx, onB.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := saveAboutMe(b, rec, "Changed on laptop b"); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.NewVersionService(b.db).AgreePlan(testCtx, onB.ID, sigs, nil); err != nil {
		t.Fatal(err)
	}
	if res := b.syncWith(t, bcfg); res.Conflicts != 0 {
		t.Fatalf("laptop b: %+v", res)
	}
	onlyOnce(t, srv.count(t))
	if got := statuses("DocumentReference"); got["current"] != 1 || got["superseded"] != 3 || got["with a PDF"] != 4 || got["signed on b"] != 1 {
		t.Errorf("Gosia's DocumentReferences after laptop b: %v, want 1 current, 3 superseded, 4 PDFs of which 1 signed on b", got)
	}
}
