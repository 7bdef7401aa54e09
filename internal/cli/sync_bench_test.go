package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/fhirsync"
	"whatmatters/internal/testenv"
)

// The sync benchmark: people with agreed plans, synced by the sync command
// (with each version's signed PDF) to an empty Node test server, then a
// sync with nothing new. WHATMATTERS_BENCH_PEOPLE sets how many (10,000
// by default); WHATMATTERS_BENCH_DIR keeps the generated database.

var (
	benchGiven  = strings.Fields("Margaret John Zoë Siân Małgorzata Ayesha Wei Derek Priya Olu Aoife Dafydd Fatima Tomasz Grace Imran Chloé Mohammed Niamh Kwame")
	benchFamily = strings.Fields("Jones Smith Nowak Wiśniewska Llywelyn Siddiqui Wang Johnson Rao Adeyemi O'Brien Łukasiewicz Khan Chen Evans Patel Murphy Kowalski Okafor Hughes")
)

// benchNHSNumbers gives valid NHS numbers in the never-issued 999 range,
// apart from the example people's.
func benchNHSNumbers() func() string {
	k := 100000
	return func() string {
		for ; ; k++ {
			d := fmt.Sprintf("999%06d", k)
			sum := 0
			for j := 0; j < 9; j++ {
				sum += int(d[j]-'0') * (10 - j)
			}
			c := 11 - sum%11
			if c == 11 {
				c = 0
			}
			if c != 10 {
				k++
				return d + strconv.Itoa(c)
			}
		}
	}
}

// generateSyncPeople makes a database (the example people and account,
// then n people) where each person has About me in their own words, a
// contact, a goal, an action owned by the contact and an agreed version.
func generateSyncPeople(tb testing.TB, path string, n int) {
	tb.Helper()
	if err := testenv.Seed(path); err != nil {
		tb.Fatal(err)
	}
	db, err := database.OpenForWriting(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	s := database.NewServices(db)
	sess := testenv.SignIn(tb, s)
	ctx := care.WithActor(testCtx(), sess.Actor())
	now := time.Now()
	nhs := benchNHSNumbers()
	for i := 0; i < n; i++ {
		p := &care.Person{GivenName: benchGiven[i%len(benchGiven)], FamilyName: benchFamily[(i/len(benchGiven))%len(benchFamily)],
			DateOfBirth: time.Date(1930+i%70, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(care.DateLayout)}
		p.NHSNumber = nhs()
		err := s.People.CreatePerson(ctx, p)
		if care.DuplicateOf(err) != 0 {
			p.DateOfBirth = time.Date(1930+i%70, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(care.DateLayout)
			err = s.People.CreatePerson(ctx, p)
		}
		if err != nil {
			tb.Fatalf("person %d: %v", i, err)
		}
		if err := s.Records.SaveFields(ctx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{
			{Key: "mostImportant", Value: fmt.Sprintf("Seeing my grandchildren every Sunday (%d)", i)},
			{Key: "communicate", Value: "Please speak slowly and write things down for me"},
		}); err != nil {
			tb.Fatal(err)
		}
		contact := care.NewItem(p.ID, care.Contact{Name: "Anna " + benchFamily[i%len(benchFamily)], Type: "family", Relationship: "Daughter", Phone: "07700 900123"})
		if err := s.Records.SaveItem(ctx, contact); err != nil {
			tb.Fatal(err)
		}
		goal := care.NewItem(p.ID, care.Goal{Text: "Get to the market on my own", Why: "It is what matters most to me", Importance: 8, Status: "in-progress"})
		if err := s.Records.SaveItem(ctx, goal); err != nil {
			tb.Fatal(err)
		}
		if err := s.Records.SaveItem(ctx, care.NewItem(p.ID, care.Action{What: "Try the bus with Anna, once a week", Owner: care.Owner{Kind: care.OwnerContact, ID: contact.ID},
			ByWhen: now.AddDate(0, 1, 0).Format(care.DateLayout), Status: "not-started", Confidence: 7, Goal: goal.ID})); err != nil {
			tb.Fatal(err)
		}
		if _, err := s.Versions.AgreePlan(ctx, p.ID, []care.Signature{
			{Role: care.RolePerson, Name: p.DisplayName(), Method: care.SignVerbal, Witness: "Anna"},
			{Role: care.RoleCoordinator, Name: "Sam Okafor", Method: care.SignVerbal, Witness: "Anna"},
		}, nil); err != nil {
			tb.Fatalf("agree %d: %v", i, err)
		}
	}
}

// benchDatabase returns a fresh copy of the generated database of n people.
func benchDatabase(b *testing.B, n int) string {
	b.Helper()
	dir := os.Getenv("WHATMATTERS_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	master := filepath.Join(dir, fmt.Sprintf("sync-%d.db", n))
	if _, err := os.Stat(master); err != nil {
		start := time.Now()
		generateSyncPeople(b, master+".tmp", n)
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if _, err := os.Stat(master + ".tmp" + suffix); err == nil {
				if err := os.Rename(master+".tmp"+suffix, master+suffix); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.Logf("generated %d people in %s", n, time.Since(start).Round(time.Second))
	}
	path := filepath.Join(b.TempDir(), "bench.db")
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(master + suffix)
		if err != nil {
			if suffix == "" {
				b.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(path+suffix, data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

// BenchmarkSync: the people, with agreed plans, to an empty server
// (target: 10,000 in at most 10 minutes); then a sync with nothing new
// (target: at most 1 s).
func BenchmarkSync(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("WHATMATTERS_BENCH_PEOPLE")); err == nil && v > 0 {
		n = v
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := benchDatabase(b, n)
		srv := startTestFHIRServer(b)
		progressOut = io.Discard
		b.StartTimer()
		start := time.Now()
		if err := run([]string{"sync", "-db", path, "-server", srv.base}, io.Discard); err != nil {
			b.Fatal(err)
		}
		full := time.Since(start)
		// Nothing new, as the app's Sync now does it (the database open);
		// then the whole command, which also opens and checks the file.
		s := database.NewServices(testenv.OpenDB(b, path))
		start = time.Now()
		res, err := fhirsync.New(s.Sync, fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.base}}).Sync(testCtx(), nil)
		again := time.Since(start)
		if err != nil || res != (fhirsync.Result{}) {
			b.Errorf("nothing new: %+v %v", res, err)
		}
		start = time.Now()
		var out strings.Builder
		if err := run([]string{"sync", "-db", path, "-server", srv.base}, &out); err != nil {
			b.Fatal(err)
		}
		command := time.Since(start)
		b.StopTimer()
		if !strings.Contains(out.String(), ": 0 changes from the server, 0 resources sent") {
			b.Errorf("nothing new: %q", out.String())
		}
		total := 0
		for _, c := range srv.count(b) {
			total += c.Total
		}
		b.ReportMetric(float64(n+5), "people")
		b.ReportMetric(float64(total), "resources")
		b.ReportMetric(full.Seconds(), "full-s")
		b.ReportMetric(float64(again.Milliseconds()), "nothing-new-ms")
		b.ReportMetric(float64(command.Milliseconds()), "nothing-new-command-ms")
		progressOut = os.Stderr
	}
}
