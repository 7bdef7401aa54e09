package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

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

func TestPersonService_CreatePerson(t *testing.T) {
	ctx := testCtx
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		p := zoe()
		if err := s.CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if p.ID == 0 || p.Version != 1 || !p.CreatedAt.Equal(now) {
			t.Fatalf("unexpected person: %+v", p)
		}
		got, err := s.FindPersonByID(ctx, p.ID)
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
		got, err := sqlite.NewPersonService(db).FindPersonByID(ctx, p.ID)
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
		err := s.CreatePerson(ctx, &p)
		if got, want := care.ErrorCode(err), care.EINVALID; got != want {
			t.Fatalf("code = %q, want %q", got, want)
		}
		if got, want := care.ErrorField(err), "familyName"; got != want {
			t.Errorf("field = %q, want %q", got, want)
		}
		if _, n, _ := s.SearchPeople(ctx, care.PersonFilter{}); n != 0 {
			t.Errorf("%d people stored, want 0", n)
		}
	})

	t.Run("ErrNHSNumberTaken", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreatePerson(t, db, zoe())
		p := care.Person{GivenName: "Other", FamilyName: "Person", DateOfBirth: "1980-01-01", NHSNumber: "9434765919"}
		err := sqlite.NewPersonService(db).CreatePerson(ctx, &p)
		if got, want := care.ErrorCode(err), care.ECONFLICT; got != want {
			t.Fatalf("code = %q, want %q", got, want)
		}
		if got, want := care.ErrorField(err), "nhsNumber"; got != want {
			t.Errorf("field = %q, want %q", got, want)
		}
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
				errs <- s.CreatePerson(ctx, &p)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		if _, n, _ := s.SearchPeople(ctx, care.PersonFilter{Query: "crowd"}); n != 20 {
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
	ctx := testCtx
	db := MustOpenDB(t)
	s := sqlite.NewPersonService(db)
	z := MustCreatePerson(t, db, zoe())
	m := MustCreatePerson(t, db, care.Person{GivenName: "Margaret", FamilyName: "Jones", PreferredName: "Peggy",
		DateOfBirth: "1938-03-12", NHSNumber: "4010232137"})
	w := MustCreatePerson(t, db, care.Person{GivenName: "王", FamilyName: "秀英", DateOfBirth: "1990-05-05"})

	tests := []struct {
		query string
		want  []int64
	}{
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
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			people, total, err := s.SearchPeople(ctx, care.PersonFilter{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, p := range people {
				got = append(got, p.Person.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("FindPeople(%q) = %v, want %v", tt.query, got, tt.want)
			}
			if total != len(tt.want) {
				t.Errorf("total = %d, want %d", total, len(tt.want))
			}
		})
	}

	t.Run("LimitAndOffset", func(t *testing.T) {
		people, total, err := s.SearchPeople(ctx, care.PersonFilter{Limit: 1, Offset: 1})
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || len(people) != 1 || people[0].Person.ID != z.ID {
			t.Errorf("got %d of %d, first %+v", len(people), total, people)
		}
	})

	t.Run("ErrQueryTooLong", func(t *testing.T) {
		_, _, err := s.SearchPeople(ctx, care.PersonFilter{Query: strings.Repeat("a", 201)})
		if got, want := care.ErrorCode(err), care.EINVALID; got != want {
			t.Errorf("code = %q, want %q", got, want)
		}
	})
}

func TestPersonService_UpdatePerson(t *testing.T) {
	ctx := testCtx
	str := func(s string) *string { return &s }

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		p := MustCreatePerson(t, db, zoe())
		got, err := s.UpdatePerson(ctx, p.ID, care.PersonUpdate{PreferredName: str("Zozo"), Version: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got.PreferredName != "Zozo" || got.Version != 2 || got.GivenName != "Zoë" {
			t.Errorf("unexpected %+v", got)
		}
		if people, _, _ := s.SearchPeople(ctx, care.PersonFilter{Query: "zozo"}); len(people) != 1 {
			t.Error("search does not see the new preferred name")
		}
	})

	t.Run("ErrConflict", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		p := MustCreatePerson(t, db, zoe())
		if _, err := s.UpdatePerson(ctx, p.ID, care.PersonUpdate{Pronouns: str("they/them"), Version: 1}); err != nil {
			t.Fatal(err)
		}
		_, err := s.UpdatePerson(ctx, p.ID, care.PersonUpdate{Pronouns: str("she/her"), Version: 1})
		if got, want := care.ErrorCode(err), care.ECONFLICT; got != want {
			t.Fatalf("code = %q, want %q", got, want)
		}
		got, _ := s.FindPersonByID(ctx, p.ID)
		if got.Pronouns != "they/them" {
			t.Errorf("pronouns = %q; the second save overwrote the first", got.Pronouns)
		}
	})

	t.Run("ErrInvalidNothingSaved", func(t *testing.T) {
		db := MustOpenDB(t)
		s := sqlite.NewPersonService(db)
		p := MustCreatePerson(t, db, zoe())
		_, err := s.UpdatePerson(ctx, p.ID, care.PersonUpdate{GivenName: str("Zoe"), DateOfBirth: str("1950-02-31"), Version: 1})
		if got, want := care.ErrorField(err), "dateOfBirth"; got != want {
			t.Fatalf("field = %q, want %q (%v)", got, want, err)
		}
		got, _ := s.FindPersonByID(ctx, p.ID)
		if got.GivenName != "Zoë" || got.Version != 1 {
			t.Errorf("half-saved: %+v", got)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := MustOpenDB(t)
		_, err := sqlite.NewPersonService(db).UpdatePerson(ctx, 99, care.PersonUpdate{Version: 1})
		if got, want := care.ErrorCode(err), care.ENOTFOUND; got != want {
			t.Errorf("code = %q, want %q", got, want)
		}
	})
}

func TestPersonService_Reopen(t *testing.T) {
	db := MustOpenDB(t)
	p := MustCreatePerson(t, db, zoe())
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
