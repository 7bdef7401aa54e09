package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// MustOpenWithZoe opens a new database (MustOpenDB) holding one person,
// Zoë, and returns it and her.
func MustOpenWithZoe(tb testing.TB) (*sqlite.DB, *care.Person) {
	tb.Helper()
	db := MustOpenDB(tb)
	return db, MustCreatePerson(tb, db, zoe())
}

// MustCreatePerson stores p and returns it.
func MustCreatePerson(tb testing.TB, db *sqlite.DB, p care.Person) *care.Person {
	tb.Helper()
	if err := sqlite.NewPersonService(db).CreatePerson(testCtx, &p); err != nil {
		tb.Fatal(err)
	}
	return &p
}

// testCtx carries who is making changes, as the app's context does.
var testCtx = care.WithActor(context.Background(), care.Actor{Name: "Sam Okafor", Role: "Care coordinator"})

func zoe() care.Person {
	return care.Person{GivenName: "Zoë", FamilyName: "Ó'Brien-Łukasiewicz", PreferredName: "Zo",
		Pronouns: "she/her", DateOfBirth: "1950-04-01", NHSNumber: "943 476 5919"}
}

// searchTest is a search and the ids of the people it should find.
type searchTest struct {
	query string
	want  []int64
}

// checkSearches runs each search on s and checks whom it finds, in the
// order given (in order of id if anyOrder), and how many it counts.
func checkSearches(t *testing.T, s *sqlite.PersonService, tests []searchTest, anyOrder bool) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			people, total, err := s.SearchPeople(testCtx, care.PersonFilter{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, p := range people {
				got = append(got, p.Person.ID)
			}
			if anyOrder {
				slices.Sort(got)
			}
			if !slices.Equal(got, tt.want) || total != len(tt.want) {
				t.Errorf("SearchPeople(%q) = %v (total %d), want %v", tt.query, got, total, tt.want)
			}
		})
	}
}

// wantStored checks how many people s holds.
func wantStored(t *testing.T, s *sqlite.PersonService, n int) {
	t.Helper()
	if _, got, _ := s.SearchPeople(testCtx, care.PersonFilter{}); got != n {
		t.Errorf("%d people stored, want %d", got, n)
	}
}

func TestPersonService_CreatePerson(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		p := zoe()
		if err := s.CreatePerson(testCtx, &p); err != nil {
			t.Fatal(err)
		}
		if p.ID == 0 || p.Version != 1 || !p.CreatedAt.Equal(now) {
			t.Fatalf("unexpected person: %+v", p)
		}
		got, err := s.FindPersonByID(testCtx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *got != p {
			t.Errorf("got %+v, want %+v", *got, p)
		}
		if got.NHSNumber != "9434765919" {
			t.Errorf("NHSNumber stored as %q", got.NHSNumber)
		}
	})

	t.Run("HostileTextStoredExactly", func(t *testing.T) {
		db := MustOpenDB(t)
		p := MustCreatePerson(t, db, care.Person{GivenName: `<img src=x onerror=alert(1)>`,
			FamilyName: "Robert'); DROP TABLE people;--", PreferredName: "مریم 👩🏽‍🦳", DateOfBirth: "1961-07-09"})
		got, err := sqlite.NewPersonService(db).FindPersonByID(testCtx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.GivenName != `<img src=x onerror=alert(1)>` || got.FamilyName != "Robert'); DROP TABLE people;--" || got.PreferredName != "مریم 👩🏽‍🦳" {
			t.Errorf("text changed: %+v", got)
		}
	})

	t.Run("ErrInvalidNothingSaved", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		p := zoe()
		p.FamilyName = strings.Repeat("x", 10000)
		err := s.CreatePerson(testCtx, &p)
		wantCode(t, err, care.EINVALID, "familyName")
		wantStored(t, s, 0)
	})

	t.Run("ErrNHSNumberTaken", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreatePerson(t, db, zoe())
		p := care.Person{GivenName: "Other", FamilyName: "Person", DateOfBirth: "1980-01-01", NHSNumber: "9434765919"}
		err := sqlite.NewPersonService(db).CreatePerson(testCtx, &p)
		wantCode(t, err, care.ECONFLICT, "nhsNumber")
	})

	t.Run("NoNHSNumberIsNotAClash", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreatePerson(t, db, care.Person{GivenName: "A", FamilyName: "One", DateOfBirth: "1980-01-01"})
		MustCreatePerson(t, db, care.Person{GivenName: "B", FamilyName: "Two", DateOfBirth: "1980-01-01"})
	})

	t.Run("ConcurrentWritesAllLand", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p := care.Person{GivenName: fmt.Sprintf("Person%d", i), FamilyName: "Crowd", DateOfBirth: "1970-01-01"}
				errs <- s.CreatePerson(testCtx, &p)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		if _, n, _ := s.SearchPeople(testCtx, care.PersonFilter{Query: "crowd"}); n != 20 {
			t.Errorf("found %d, want 20", n)
		}
	})
}

func TestPersonService_FindPersonByID(t *testing.T) {
	t.Run("ErrNotFound", func(t *testing.T) {
		db := MustOpenDB(t)
		_, err := sqlite.NewPersonService(db).FindPersonByID(testCtx, 42)
		if got, want := care.ErrorCode(err), care.ENOTFOUND; got != want {
			t.Errorf("code = %q, want %q", got, want)
		}
	})
}

func TestPersonService_FindPeople(t *testing.T) {
	db := MustOpenDB(t)
	s := sqlite.NewPersonService(db)
	z := MustCreatePerson(t, db, zoe())
	m := MustCreatePerson(t, db, care.Person{GivenName: "Margaret", FamilyName: "Jones", PreferredName: "Peggy",
		DateOfBirth: "1938-03-12", NHSNumber: "4010232137"})
	w := MustCreatePerson(t, db, care.Person{GivenName: "王", FamilyName: "秀英", DateOfBirth: "1990-05-05"})

	tests := []searchTest{
		{"", []int64{m.ID, z.ID, w.ID}},
		{"zoe", []int64{z.ID}},
		{"ZOË", []int64{z.ID}},
		{"brien", []int64{z.ID}},
		{"zo", []int64{z.ID}},
		{"o'brien", []int64{z.ID}},
		{"łukas", []int64{z.ID}},
		{"lukas", []int64{z.ID}},
		{"peggy", []int64{m.ID}},
		{"marg jon", []int64{m.ID}},
		{"1/4/1950", []int64{z.ID}},
		{"1950-04-01", []int64{z.ID}},
		{"12 March 1938", []int64{m.ID}},
		{"\"", nil},
		{"zo* OR NOT", nil},
		{"NEAR(", nil},
		{"秀英", []int64{w.ID}},
		{"943 476 5919", []int64{z.ID}},
		{"9434765919", []int64{z.ID}},
		{"943-476", []int64{z.ID}},
		{"401", []int64{m.ID}},
		{"nobody", nil},
		{"%", nil},
		{"_", nil},
		{"<script>", nil},
	}
	checkSearches(t, s, tests, false)

	t.Run("LimitAndOffset", func(t *testing.T) {
		people, total, err := s.SearchPeople(testCtx, care.PersonFilter{Limit: 1, Offset: 1})
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || len(people) != 1 || people[0].Person.ID != z.ID {
			t.Errorf("got %d of %d, first %+v", len(people), total, people)
		}
	})

	t.Run("ErrQueryTooLong", func(t *testing.T) {
		_, _, err := s.SearchPeople(testCtx, care.PersonFilter{Query: strings.Repeat("a", 201)})
		if got, want := care.ErrorCode(err), care.EINVALID; got != want {
			t.Errorf("code = %q, want %q", got, want)
		}
	})
}

func TestPersonService_UpdatePerson(t *testing.T) {
	str := func(s string) *string { return &s }

	t.Run("OK", func(t *testing.T) {
		db, p := MustOpenWithZoe(t)
		s := sqlite.NewPersonService(db)
		got, err := s.UpdatePerson(testCtx, p.ID, care.PersonUpdate{PreferredName: str("Zozo"), Version: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got.PreferredName != "Zozo" || got.Version != 2 || got.GivenName != "Zoë" {
			t.Errorf("unexpected %+v", got)
		}
		if people, _, _ := s.SearchPeople(testCtx, care.PersonFilter{Query: "zozo"}); len(people) != 1 {
			t.Error("search does not see the new preferred name")
		}
	})

	t.Run("ErrConflict", func(t *testing.T) {
		db, p := MustOpenWithZoe(t)
		s := sqlite.NewPersonService(db)
		if _, err := s.UpdatePerson(testCtx, p.ID, care.PersonUpdate{Pronouns: str("they/them"), Version: 1}); err != nil {
			t.Fatal(err)
		}
		_, err := s.UpdatePerson(testCtx, p.ID, care.PersonUpdate{Pronouns: str("she/her"), Version: 1})
		if got, want := care.ErrorCode(err), care.ECONFLICT; got != want {
			t.Fatalf("code = %q, want %q", got, want)
		}
		got, _ := s.FindPersonByID(testCtx, p.ID)
		if got.Pronouns != "they/them" {
			t.Errorf("pronouns = %q; the second save overwrote the first", got.Pronouns)
		}
	})

	t.Run("ErrInvalidNothingSaved", func(t *testing.T) {
		db, p := MustOpenWithZoe(t)
		s := sqlite.NewPersonService(db)
		_, err := s.UpdatePerson(testCtx, p.ID, care.PersonUpdate{GivenName: str("Zoe"), DateOfBirth: str("1950-02-31"), Version: 1})
		if got, want := care.ErrorField(err), "dateOfBirth"; got != want {
			t.Fatalf("field = %q, want %q (%v)", got, want, err)
		}
		got, _ := s.FindPersonByID(testCtx, p.ID)
		if got.GivenName != "Zoë" || got.Version != 1 {
			t.Errorf("half-saved: %+v", got)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := MustOpenDB(t)
		_, err := sqlite.NewPersonService(db).UpdatePerson(testCtx, 99, care.PersonUpdate{Version: 1})
		if got, want := care.ErrorCode(err), care.ENOTFOUND; got != want {
			t.Errorf("code = %q, want %q", got, want)
		}
	})
}

func TestPersonService_Reopen(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2 := MustOpenDBAt(t, db.Path)
	got, err := sqlite.NewPersonService(db2).FindPersonByID(testCtx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DisplayName() != "Zo Ó'Brien-Łukasiewicz" {
		t.Errorf("got %q", got.DisplayName())
	}
}

func derek() care.Person {
	return care.Person{GivenName: "Derek", FamilyName: "Johnson", DateOfBirth: "1962-08-09"}
}

func TestPersonService_CreatePerson_Duplicate(t *testing.T) {
	t.Run("ErrSameSkeletonAndDateOfBirth", func(t *testing.T) {
		for _, name := range []struct{ given, family string }{
			{"Derek", "Johnson"},
			{"Dеrek", "Johnson"},   // Cyrillic е
			{"Ｄerek", "Jоhnsоn"},   // fullwidth D, Cyrillic о
			{"DEREK", "JOHNSON"},   // capitals
			{" derek ", "johnson"}, // spaces and case
			{"Dérek", "Johnson"},   // an accent
			{"Derek", "John-son"},  // a hyphen
		} {
			t.Run(name.given+" "+name.family, func(t *testing.T) {
				db := MustOpenDB(t)
				s := sqlite.NewPersonService(db)
				first := MustCreatePerson(t, db, derek())
				p := care.Person{GivenName: name.given, FamilyName: name.family, DateOfBirth: "1962-08-09"}
				err := s.CreatePerson(testCtx, &p)
				wantCode(t, err, care.ECONFLICT, "givenName")
				if got, want := care.DuplicateOf(err), first.ID; got != want {
					t.Errorf("DuplicateOf = %d, want %d", got, want)
				}
				if got, want := care.ErrorMessage(err), "There is already a Derek Johnson born 9 August 1962"; got != want {
					t.Errorf("message = %q, want %q", got, want)
				}
				wantStored(t, s, 1)
			})
		}
	})

	t.Run("OtherDateOfBirthOrName", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreatePerson(t, db, derek())
		for _, p := range []care.Person{
			{GivenName: "Derek", FamilyName: "Johnson", DateOfBirth: "1962-08-10"},
			{GivenName: "Derek", FamilyName: "Johnston", DateOfBirth: "1962-08-09"},
			{GivenName: "Johnson", FamilyName: "Derek", DateOfBirth: "1962-08-09"},
			{GivenName: "Derek", FamilyName: "Jones", PreferredName: "Derek Johnson", DateOfBirth: "1962-08-09"},
		} {
			MustCreatePerson(t, db, p)
		}
	})

	t.Run("SaveAnyway", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		first := MustCreatePerson(t, db, derek())
		second := derek()
		if err := s.CreatePerson(testCtx, &second, first.ID); err != nil {
			t.Fatal(err)
		}
		if second.ID == 0 || second.ID == first.ID {
			t.Fatalf("second = %+v", second)
		}
		// A third Derek Johnson, said to differ from the first only, may be the second.
		third := derek()
		err := s.CreatePerson(testCtx, &third, first.ID)
		if got, want := care.DuplicateOf(err), second.ID; got != want {
			t.Fatalf("DuplicateOf = %d, want %d (%v)", got, want, err)
		}
		if err := s.CreatePerson(testCtx, &third, first.ID, second.ID); err != nil {
			t.Fatal(err)
		}
		if _, n, _ := s.SearchPeople(testCtx, care.PersonFilter{Query: "derek johnson"}); n != 3 {
			t.Errorf("found %d, want 3", n)
		}
	})

	t.Run("NHSNumberConflictFirst", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		d := derek()
		d.NHSNumber = "9434765919"
		MustCreatePerson(t, db, d)
		again := d
		err := s.CreatePerson(testCtx, &again)
		if got, want := care.ErrorField(err), "nhsNumber"; got != want || care.DuplicateOf(err) != 0 {
			t.Errorf("field = %q, want %q; DuplicateOf = %d", got, want, care.DuplicateOf(err))
		}
	})

	t.Run("ErrHiddenCharacterBeforeDuplicate", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		MustCreatePerson(t, db, derek())
		p := derek()
		p.GivenName = "Der\u200Bek"
		err := s.CreatePerson(testCtx, &p)
		if got, want := care.ErrorCode(err), care.EINVALID; got != want {
			t.Fatalf("code = %q, want %q (%v)", got, want, err)
		}
		if got, want := care.ErrorMessage(err), "Given name must not contain hidden formatting characters (such as zero-width spaces or direction marks). Retype it"; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
	})

	t.Run("ErrDuplicateOfNameStoredWithHiddenCharacters", func(t *testing.T) {
		// A record saved before hidden characters were refused still counts.
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		first := MustCreatePerson(t, db, derek())
		if err := db.ExecForTest(fmt.Sprintf(`UPDATE people SET given_name = 'Der'||char(8203)||'ek' WHERE id = %d`, first.ID)); err != nil {
			t.Fatal(err)
		}
		p := derek()
		if got, want := care.DuplicateOf(s.CreatePerson(testCtx, &p)), first.ID; got != want {
			t.Errorf("DuplicateOf = %d, want %d", got, want)
		}
	})
}

// Look-alike letters of other scripts, fullwidth letters and hidden
// characters do not hide anyone from search, whichever side they are on.
func TestPersonService_SearchPeople_Skeletons(t *testing.T) {
	db := MustOpenDB(t)
	s := sqlite.NewPersonService(db)
	latin := MustCreatePerson(t, db, derek())
	cyrillic := MustCreatePerson(t, db, care.Person{GivenName: "Dеrek", FamilyName: "Smith", DateOfBirth: "1970-01-01"})
	alice := MustCreatePerson(t, db, care.Person{GivenName: "Αlice", FamilyName: "Brown", DateOfBirth: "1971-02-02"}) // Greek Alpha
	anna := MustCreatePerson(t, db, care.Person{GivenName: "Анна", FamilyName: "Иванова", DateOfBirth: "1972-03-03"})
	nikos := MustCreatePerson(t, db, care.Person{GivenName: "Νίκος", FamilyName: "Παπαδόπουλος", DateOfBirth: "1973-04-04"})

	tests := []searchTest{
		{"derek", []int64{latin.ID, cyrillic.ID}},
		{"Dеrek", []int64{latin.ID, cyrillic.ID}}, // Cyrillic е
		{"Ｄerek", []int64{latin.ID, cyrillic.ID}}, // fullwidth
		{"Der\u200Bek", []int64{latin.ID, cyrillic.ID}},
		{"\u202Ederek", []int64{latin.ID, cyrillic.ID}},
		{"dеrek smith", []int64{cyrillic.ID}},
		{"alice", []int64{alice.ID}},
		{"Αlice", []int64{alice.ID}}, // Greek Alpha
		{"ΑLICE", []int64{alice.ID}},
		{"анна", []int64{anna.ID}}, // a genuine Russian name, in any case
		{"АННА", []int64{anna.ID}},
		{"иванова", []int64{anna.ID}},
		{"ИВАН", []int64{anna.ID}},
		{"νίκος", []int64{nikos.ID}}, // and Greek
		{"ΝΊΚΟΣ", []int64{nikos.ID}},
		{"παπαδ", []int64{nikos.ID}},
		{"lan", nil}, // no Latin letter folds to another
	}
	checkSearches(t, s, tests, true)
}

// Opening a database indexed with the old folding rebuilds the index with
// the new one.
func TestDB_Open_ReindexesOldFolding(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db := MustOpenDBAt(t, path)
	p := MustCreatePerson(t, db, care.Person{GivenName: "Dеrek", FamilyName: "Smith", DateOfBirth: "1970-01-01"}) // Cyrillic е
	// As the index stood before: the folded names kept the Cyrillic letter,
	// and the database had not had migration 0009 (nor, so, 0010 and 0011).
	qs := []string{fmt.Sprintf(`UPDATE people_search SET fold = 'dеrek smith ' WHERE rowid = %d`, p.ID),
		`ALTER TABLE people ADD COLUMN name_fold TEXT NOT NULL DEFAULT ''`}
	// Nor migration 0017: its outbox triggers name the UUIDs dropped below.
	for _, name := range syncTriggers(t, db) {
		qs = append(qs, `DROP TRIGGER `+name)
	}
	for _, table := range uuidTables {
		qs = append(qs, `DROP TRIGGER `+table+`_uuid_insert`, `DROP TRIGGER IF EXISTS `+table+`_uuid_update`,
			`DROP INDEX `+table+`_uuid`, `ALTER TABLE `+table+` DROP COLUMN uuid`)
	}
	// Nor migration 0013.
	qs = append(qs, `DROP TABLE person_status`, `DROP TABLE example_people`,
		`ALTER TABLE meetings DROP COLUMN cancelled_at`, `ALTER TABLE meetings DROP COLUMN cancel_reason`)
	for _, q := range append(qs, `PRAGMA user_version = 8`) {
		if err := db.ExecForTest(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, n, _ := sqlite.NewPersonService(db).SearchPeople(testCtx, care.PersonFilter{Query: "derek"}); n != 0 {
		t.Fatalf("old index found %d", n)
	}
	db.Close()

	db = MustOpenDBAt(t, path)
	if _, n, _ := sqlite.NewPersonService(db).SearchPeople(testCtx, care.PersonFilter{Query: "derek"}); n != 1 {
		t.Errorf("after reopening found %d, want 1", n)
	}
}
