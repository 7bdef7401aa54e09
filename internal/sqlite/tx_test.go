package sqlite_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// tickingClock makes db's clock move on a second each time it is read, and
// returns how many times it has been read.
func tickingClock(db *sqlite.DB) func() int {
	reads, at := 0, now
	db.Now = func() time.Time {
		reads++
		at = at.Add(time.Second)
		return at
	}
	return func() int { return reads }
}

// Each change reads the clock once, when its transaction begins, so every
// row it writes carries the same time, even on a clock that moves.
func TestTx_ClockReadOnce(t *testing.T) {
	db := MustOpenDB(t)
	reads := tickingClock(db)
	people, meetings := sqlite.NewPersonService(db), sqlite.NewMeetingService(db)

	p := zoe()
	before := reads()
	if err := people.CreatePerson(testCtx, &p); err != nil {
		t.Fatal(err)
	}
	if got := reads() - before; got != 1 {
		t.Errorf("CreatePerson read the clock %d times, want 1", got)
	}
	records := sqlite.NewRecordService(db)
	history, _, err := records.FindHistory(testCtx, p.ID, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range history {
		if !h.At.Equal(p.CreatedAt) || !p.UpdatedAt.Equal(p.CreatedAt) {
			t.Errorf("history at %v, person created %v and updated %v: want one time", h.At, p.CreatedAt, p.UpdatedAt)
		}
	}

	m := &care.Meeting{PersonID: p.ID, Date: "2026-11-24", Time: "10:00", Place: "Riverside clinic", Purpose: "first-plan"}
	item := &care.Item{PersonID: p.ID, Section: care.SectionStrengths, Values: map[string]string{"text": "Gardening"}}
	for _, tt := range []struct {
		name string
		fn   func() error
	}{
		{"CreateMeeting", func() error { return meetings.CreateMeeting(testCtx, m) }},
		{"StartMeeting", func() error { return meetings.StartMeeting(testCtx, m.ID) }},
		{"SaveDraft", func() error { return meetings.SaveDraft(testCtx, m.ID, 0, "Gardening") }},
		{"EndMeeting", func() error { return meetings.EndMeeting(testCtx, m.ID, "", "Agreed the plan") }},
		{"SaveFields", func() error {
			return records.SaveFields(testCtx, p.ID, care.SectionReview, care.ActionEdit, []care.FieldChange{{Key: "responsible", Value: "Sam"}})
		}},
		{"SaveItem", func() error { return records.SaveItem(testCtx, item) }},
		{"RemoveItem", func() error { return records.RemoveItem(testCtx, p.ID, item.ID, item.Version) }},
	} {
		before := reads()
		if err := tt.fn(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := reads() - before; got != 1 {
			t.Errorf("%s read the clock %d times, want 1", tt.name, got)
		}
	}
	got, err := meetings.FindMeetingByID(testCtx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The meeting started and its first item began at one moment.
	if !got.Agenda[0].StartedAt.IsZero() || got.Agenda[0].Seconds != 2 {
		t.Errorf("first item = %+v, want 2 seconds spent (start to end) and its timer stopped", got.Agenda[0])
	}
}

// Every write to a person's record needs to know who makes it, and says so
// in the same words whichever write it is.
func TestTx_ActorRequired(t *testing.T) {
	db := MustOpenDB(t)
	people, meetings, versions := sqlite.NewPersonService(db), sqlite.NewMeetingService(db), sqlite.NewVersionService(db)
	records := sqlite.NewRecordService(db)
	p := MustCreatePerson(t, db, zoe())
	m := MustCreateMeeting(t, db, p.ID)
	strength := MustSaveItem(t, db, p, care.SectionStrengths, map[string]string{"text": "Gardening"})
	nobody := context.Background()
	str := func(s string) *string { return &s }
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"CreatePerson", people.CreatePerson(nobody, &care.Person{GivenName: "Ann", FamilyName: "Lee", DateOfBirth: "1950-01-01"})},
		{"UpdatePerson", func() error {
			_, err := people.UpdatePerson(nobody, p.ID, care.PersonUpdate{Version: p.Version, Pronouns: str("she/her")})
			return err
		}()},
		{"CreateMeeting", meetings.CreateMeeting(nobody, &care.Meeting{PersonID: p.ID, Date: "2026-11-24", Time: "10:00", Place: "Home", Purpose: "review"})},
		{"UpdateMeeting", func() error {
			_, err := meetings.UpdateMeeting(nobody, m.ID, care.MeetingUpdate{Version: m.Version, Place: str("Home")})
			return err
		}()},
		{"StartMeeting", meetings.StartMeeting(nobody, m.ID)},
		{"SetAgenda", meetings.SetAgenda(nobody, m.ID, []care.AgendaItem{{Title: "What matters"}})},
		{"SaveDraft", meetings.SaveDraft(nobody, m.ID, 0, "Gardening")},
		{"AgreePlan", func() error {
			_, err := versions.AgreePlan(nobody, p.ID, agreed(), nil)
			return err
		}()},
		{"SaveFields", records.SaveFields(nobody, p.ID, care.SectionReview, care.ActionEdit, []care.FieldChange{{Key: "responsible", Value: "Sam"}})},
		{"SaveItem", records.SaveItem(nobody, &care.Item{PersonID: p.ID, Section: care.SectionStrengths, Values: map[string]string{"text": "Gardening"}})},
		{"RemoveItem", records.RemoveItem(nobody, p.ID, strength.ID, strength.Version)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, care.ErrNoActor) {
				t.Fatalf("err = %v, want care.ErrNoActor", tt.err)
			}
			if got, want := care.ErrorCode(tt.err), care.ErrNoActor.Code; got != want {
				t.Errorf("code = %q, want %q", got, want)
			}
			if got, want := care.ErrorMessage(tt.err), care.ErrNoActor.Message; got != want {
				t.Errorf("message = %q, want %q", got, want)
			}
		})
	}
	got, err := meetings.FindMeetingByID(testCtx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Place != m.Place || got.Version != m.Version {
		t.Errorf("meeting changed without an actor: %+v", got)
	}
}

// An error says which operation met it, and still carries its code,
// message and fields for the coordinator; the name adds nothing personal.
func TestErrors_NameTheOperation(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	meetings := sqlite.NewMeetingService(db)
	m := MustCreateMeeting(t, db, p.ID)

	t.Run("NotFound", func(t *testing.T) {
		_, err := meetings.UpdateMeeting(testCtx, 999, care.MeetingUpdate{Version: 1})
		if !strings.HasPrefix(err.Error(), "sqlite.UpdateMeeting: ") {
			t.Errorf("err = %q, want it to name sqlite.UpdateMeeting", err)
		}
		var ce *care.Error
		if !errors.As(err, &ce) || ce.Code != care.ENOTFOUND || care.ErrorMessage(err) != "There is no such meeting. It may have been removed" {
			t.Errorf("err = %v: the care error is lost", err)
		}
	})

	t.Run("Fields", func(t *testing.T) {
		err := meetings.SetAgenda(testCtx, m.ID, []care.AgendaItem{{Title: " "}, {Title: "Goals"}, {Title: ""}})
		if !strings.HasPrefix(err.Error(), "sqlite.SetAgenda: ") {
			t.Errorf("err = %q, want it to name sqlite.SetAgenda", err)
		}
		var fields []string
		for _, e := range care.FieldErrors(err) {
			fields = append(fields, e.Field)
		}
		if got, want := strings.Join(fields, " "), "agenda0 agenda2"; got != want {
			t.Errorf("fields = %q, want %q", got, want)
		}
	})

	t.Run("Internal", func(t *testing.T) {
		closed := MustOpenDB(t)
		closed.Close()
		_, err := sqlite.NewPersonService(closed).FindPersonByID(testCtx, p.ID)
		if care.ErrorCode(err) != care.EINTERNAL || !strings.HasPrefix(err.Error(), "sqlite.FindPersonByID: ") {
			t.Errorf("err = %q (code %s), want an internal error naming sqlite.FindPersonByID", err, care.ErrorCode(err))
		}
		if strings.Contains(err.Error(), "Zo") {
			t.Errorf("err = %q names the person", err)
		}
	})
}
