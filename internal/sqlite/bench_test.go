package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"

	"whatmatters/internal/backup"
	"whatmatters/internal/care"
)

// The generator: people with varied names (several languages and scripts),
// valid NHS numbers, About me text and a few contacts and professionals
// each. It writes in large transactions through the store's own helpers,
// so the index and history look as they would after real use.

var (
	givenNames  = strings.Fields("Margaret John Zoë Siân Małgorzata Ayesha Wei Derek Priya Olu Aoife Dafydd Fatima Tomasz Grace Imran Chloé Mohammed Niamh Kwame Ewa Li Hannah Arjun Bronwen Seán Agnieszka Yusuf Mei Oliver")
	familyNames = strings.Fields("Jones Smith Nowak Wiśniewska Llywelyn Siddiqui Wang Johnson Rao Adeyemi O'Brien Łukasiewicz Khan Chen Evans Patel Murphy Kowalski Okafor Hughes Begum Zhang Taylor Davies Ali Morgan Kelly Lewandowski Ahmed Williams")
	aboutWords  = strings.Fields("garden allotment church mosque chapel choir grandchildren daughter son neighbour walking swimming cooking knitting football music radio tea cat dog park bus library friends family prayer painting reading stairs knees breathing tablets mornings evenings quiet patient kind")
)

// nhsNumbers returns a function giving, call by call, the valid NHS numbers
// of the never-issued 999 range in order.
func nhsNumbers() func() string {
	k := 0
	return func() string {
		for ; ; k++ {
			d := fmt.Sprintf("999%06d", k)
			if c := checkDigit(d); c != 10 {
				k++
				return d + strconv.Itoa(c)
			}
		}
	}
}

func checkDigit(d string) int {
	sum := 0
	for j := 0; j < 9; j++ {
		sum += int(d[j]-'0') * (10 - j)
	}
	c := 11 - sum%11
	if c == 11 {
		c = 0
	}
	return c
}

func sentence(r *rand.Rand, words int) string {
	w := make([]string, words)
	for i := range w {
		w[i] = aboutWords[r.IntN(len(aboutWords))]
	}
	return strings.ToUpper(w[0][:1]) + strings.Join(w, " ")[1:] + "."
}

// generatePeople adds n generated people, 2,000 to a transaction.
func generatePeople(ctx context.Context, db *DB, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 42))
	ctx = care.WithActor(ctx, care.Actor{Name: "Generator", Role: "Benchmark"})
	nextNHS := nhsNumbers()
	for start := 0; start < n; start += 2000 {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		now := formatTime(tx.now)
		for i := start; i < min(start+2000, n); i++ {
			p := &care.Person{
				GivenName: givenNames[r.IntN(len(givenNames))], FamilyName: familyNames[r.IntN(len(familyNames))],
				DateOfBirth: time.Date(1925+r.IntN(80), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format(care.DateLayout),
				NHSNumber:   nextNHS(),
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO people (uuid, given_name, family_name, preferred_name, pronouns, date_of_birth, nhs_number, version, created_at, updated_at)
				VALUES (?, ?, ?, '', '', ?, ?, 1, ?, ?)`, newUUID(), p.GivenName, p.FamilyName, p.DateOfBirth, p.NHSNumber, now, now)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			for _, h := range care.AboutMeHeadings[:3] {
				if _, err := tx.ExecContext(ctx, `INSERT INTO record_fields (person_id, section, key, value, version, updated_at, updated_by) VALUES (?, 'aboutMe', ?, ?, 1, ?, 'Generator')`,
					id, h.Value, sentence(r, 8+r.IntN(12)), now); err != nil {
					return err
				}
			}
			items := []struct {
				section string
				values  map[string]string
			}{
				{care.SectionContacts, map[string]string{"name": givenNames[r.IntN(len(givenNames))] + " " + p.FamilyName, "type": "family", "phone": "01632 960 001", "isCarer": "true"}},
				{care.SectionContacts, map[string]string{"name": givenNames[r.IntN(len(givenNames))] + " " + familyNames[r.IntN(len(familyNames))], "type": "friend"}},
				{care.SectionCareTeam, map[string]string{"name": "Dr " + familyNames[r.IntN(len(familyNames))], "role": "gp", "keyWorker": "true"}},
				{care.SectionStrengths, map[string]string{"text": sentence(r, 6)}},
				{care.SectionCommunicationNeeds, map[string]string{"need": "large-print"}},
			}
			for _, it := range items {
				data, _ := json.Marshal(it.values)
				if _, err := tx.ExecContext(ctx, `INSERT INTO record_items (uuid, person_id, section, data, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
					newUUID(), id, it.section, string(data), now, now); err != nil {
					return err
				}
			}
			if err := recordHistory(ctx, tx, id, care.ActionCreate, personChanges(&care.Person{}, p)); err != nil {
				return err
			}
			if err := writeSearch(ctx, tx, id); err != nil {
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func TestGeneratePeople(t *testing.T) {
	db := NewDB(filepath.Join(t.TempDir(), "gen.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := generatePeople(context.Background(), db, care.MaxCounted+100, 1); err != nil {
		t.Fatal(err)
	}
	// Everyone's NHS number starts 999: more than can be counted, so the
	// total says "more than 1,000" and a page still comes back.
	many, total, err := NewPersonService(db).SearchPeople(context.Background(), care.PersonFilter{Query: "999"})
	if err != nil || total != care.MaxCounted+1 || len(many) != care.DefaultPersonLimit {
		t.Fatalf("search 999: %d results, total %d, %v", len(many), total, err)
	}
	matches, total, err := NewPersonService(db).SearchPeople(context.Background(), care.PersonFilter{Query: "jones"})
	if err != nil || total == 0 || len(matches) == 0 {
		t.Fatalf("search after generating: %d matches, %v", total, err)
	}
	r, err := NewRecordService(db).FindRecord(context.Background(), matches[0].Person.ID)
	if err != nil || len(r.Items[care.SectionContacts]) != 2 {
		t.Fatalf("record: %+v, %v", r, err)
	}
}

const benchPeople = 100_000

var (
	benchOnce sync.Once
	benchDB   *DB
	benchErr  error
)

// openBenchDB generates the 100,000-person database once per run, in the
// folder named by WHATMATTERS_BENCH_DIR (kept between runs) or a temporary one.
func openBenchDB(b *testing.B) *DB {
	benchOnce.Do(func() {
		dir := os.Getenv("WHATMATTERS_BENCH_DIR")
		if dir == "" {
			dir, benchErr = os.MkdirTemp("", "whatmatters-bench-")
			if benchErr != nil {
				return
			}
		}
		path := filepath.Join(dir, fmt.Sprintf("bench-%d.db", benchPeople))
		_, statErr := os.Stat(path)
		benchDB = NewDB(path)
		if benchErr = benchDB.Open(); benchErr != nil {
			return
		}
		if statErr != nil {
			start := time.Now()
			benchErr = generatePeople(context.Background(), benchDB, benchPeople, 7)
			fmt.Fprintf(os.Stderr, "generated %d people in %s at %s\n", benchPeople, time.Since(start).Round(time.Second), path)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDB
}

// latencies are how long each run of what a benchmark measures took.
type latencies []time.Duration

// time runs op and keeps how long it took; the benchmark fails if op does.
func (d *latencies) time(b *testing.B, op func() error) {
	start := time.Now()
	if err := op(); err != nil {
		b.Fatal(err)
	}
	*d = append(*d, time.Since(start))
}

// report adds p50 and p95 in milliseconds to the benchmark's output.
func (d latencies) report(b *testing.B) {
	slices.Sort(d)
	ms := func(q float64) float64 { return float64(d[int(q*float64(len(d)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
}

// keystrokes is what a coordinator types, one key at a time, into search.
var keystrokes = func() []string {
	var out []string
	for _, q := range []string{"margaret jones", "siddiqui", "łukas", "943 476", "999 000 12", "14/3/1946", "allotment", "wei wang", "o'brien"} {
		rs := []rune(q)
		for i := 1; i <= len(rs); i++ {
			out = append(out, string(rs[:i]))
		}
	}
	return out
}()

// BenchmarkSearchAsYouType measures every keystroke of typical searches,
// each returning the first 20 results and the total.
func BenchmarkSearchAsYouType(b *testing.B) {
	db := openBenchDB(b)
	s := NewPersonService(db)
	ctx := context.Background()
	var d latencies
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := keystrokes[i%len(keystrokes)]
		d.time(b, func() error {
			_, _, err := s.SearchPeople(ctx, care.PersonFilter{Query: q})
			return err
		})
	}
	d.report(b)
}

// BenchmarkFindRecord measures opening a person's full record.
func BenchmarkFindRecord(b *testing.B) {
	db := openBenchDB(b)
	s := NewRecordService(db)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	var d latencies
	b.ResetTimer()
	for b.Loop() {
		id := 1 + r.Int64N(benchPeople)
		d.time(b, func() error {
			_, err := s.FindRecord(ctx, id)
			return err
		})
	}
	d.report(b)
}

// BenchmarkSaveField measures saving one About me field, with its history
// row and search index update, durably (synchronous=FULL).
func BenchmarkSaveField(b *testing.B) {
	db := openBenchDB(b)
	s := NewRecordService(db)
	ctx := care.WithActor(context.Background(), care.Actor{Name: "Bench", Role: "Benchmark"})
	r := rand.New(rand.NewPCG(3, 4))
	var d latencies
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		id := 1 + r.Int64N(benchPeople)
		rec, err := s.FindRecord(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		change := care.FieldChange{Key: "wellness", Value: fmt.Sprintf("Walking, change %d", i), Version: rec.Fields[care.SectionAboutMe]["wellness"].Version}
		d.time(b, func() error {
			return s.SaveFields(ctx, id, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{change})
		})
	}
	d.report(b)
}

// BenchmarkBackup takes an encrypted backup of the 100,000-person database,
// as "Back up now" does: a consistent copy (VACUUM INTO), checked, then
// encrypted with age to an organisation key and written atomically (the
// target is 30 s).
func BenchmarkBackup(b *testing.B) {
	db := openBenchDB(b)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for b.Loop() {
		if err := backup.Write(context.Background(), filepath.Join(dir, "bench.age"), dir, id.Recipient(), db.Snapshot); err != nil {
			b.Fatal(err)
		}
	}
	if st, err := os.Stat(filepath.Join(dir, "bench.age")); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "MiB")
	}
}
