package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

func MustCreateMeeting(tb testing.TB, db *sqlite.DB, personID int64) *care.Meeting {
	tb.Helper()
	m := &care.Meeting{PersonID: personID, Date: "2026-11-24", Time: "10:00", Place: "Riverside clinic", Purpose: "first-plan"}
	if err := sqlite.NewMeetingService(db).CreateMeeting(testCtx, m); err != nil {
		tb.Fatal(err)
	}
	return m
}

func TestMeetingService_Create(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewMeetingService(db)

	t.Run("OK", func(t *testing.T) {
		m := MustCreateMeeting(t, db, p.ID)
		got, err := s.FindMeetingByID(testCtx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Participants) != 1 || got.Participants[0].Kind != care.ParticipantPerson || got.Participants[0].Name != "Zo Ó'Brien-Łukasiewicz" {
			t.Errorf("participants = %+v", got.Participants[0])
		}
		if len(got.Agenda) != 9 || got.Agenda[0].Title != "What matters to you" {
			t.Errorf("agenda = %d items, first %q", len(got.Agenda), got.Agenda[0].Title)
		}
	})

	t.Run("PersonAbsentWithReason", func(t *testing.T) {
		m := &care.Meeting{PersonID: p.ID, Date: "2026-11-25", Time: "9:30", Remote: true, Purpose: "crisis", PersonAbsentReason: "In hospital"}
		if err := s.CreateMeeting(testCtx, m); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindMeetingByID(testCtx, m.ID)
		if len(got.Participants) != 0 {
			t.Errorf("participants = %d", len(got.Participants))
		}
	})

	t.Run("ErrBadArrangements", func(t *testing.T) {
		m := &care.Meeting{PersonID: p.ID, Date: "2026-02-30", Time: "25:00", Purpose: "party"}
		var fields []string
		for _, e := range care.FieldErrors(s.CreateMeeting(testCtx, m)) {
			fields = append(fields, e.Field)
		}
		if got := strings.Join(fields, " "); got != "date time place purpose" {
			t.Errorf("fields = %q", got)
		}
	})
}

func TestMeetingService_RunAMeeting(t *testing.T) {
	db := MustOpenDB(t)
	clock := now
	db.Now = func() time.Time { return clock }
	s := sqlite.NewMeetingService(db)
	r := sqlite.NewRecordService(db)
	p := MustCreatePerson(t, db, zoe())
	ola := MustSaveItem(t, db, p, care.SectionContacts, map[string]string{"name": "Ola", "type": "family", "isCarer": "true"})
	gp := MustSaveItem(t, db, p, care.SectionCareTeam, map[string]string{"name": "Dr Rao", "role": "gp"})
	m := MustCreateMeeting(t, db, p.ID)
	person, _ := s.FindMeetingByID(testCtx, m.ID)
	zoeID := person.Participants[0].ID

	olaP := &care.Participant{MeetingID: m.ID, Name: "Ola", Role: "Daughter", Kind: care.ParticipantContact, SourceItemID: ola.ID, Attendance: "present"}
	gpP := &care.Participant{MeetingID: m.ID, Name: "Dr Rao", Role: "GP", Kind: care.ParticipantProfessional, SourceItemID: gp.ID, Attendance: "remote"}
	for _, pp := range []*care.Participant{olaP, gpP} {
		if err := s.SaveParticipant(testCtx, pp); err != nil {
			t.Fatal(err)
		}
	}
	wantCode(t, s.SaveParticipant(testCtx, &care.Participant{MeetingID: m.ID, Name: "Ola", Kind: care.ParticipantContact, SourceItemID: ola.ID, Attendance: "present"}), care.EINVALID, "name")

	wantCode(t, s.AddContribution(testCtx, &care.Contribution{MeetingID: m.ID, ParticipantID: zoeID, Text: "x"}), care.EINVALID, "")
	if err := s.StartMeeting(testCtx, m.ID); err != nil {
		t.Fatal(err)
	}
	words := "I want to get back to my allotment.  🌱"
	c := &care.Contribution{MeetingID: m.ID, ParticipantID: zoeID, Text: words, PersonsWords: true}
	if err := s.AddContribution(testCtx, c); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.AddContribution(testCtx, &care.Contribution{MeetingID: m.ID, ParticipantID: olaP.ID, Text: "She means it", PersonsWords: true}), care.EINVALID, "personsWords")
	wantCode(t, s.AddContribution(testCtx, &care.Contribution{MeetingID: m.ID, ParticipantID: olaP.ID, Text: "  "}), care.EINVALID, "text")

	t.Run("TimersFollowTheCurrentItem", func(t *testing.T) {
		got, _ := s.FindMeetingByID(testCtx, m.ID)
		clock = clock.Add(90 * time.Second)
		if err := s.MoveToItem(testCtx, m.ID, got.Agenda[3].ID); err != nil {
			t.Fatal(err)
		}
		got, _ = s.FindMeetingByID(testCtx, m.ID)
		if got.Agenda[0].Seconds != 90 || got.CurrentItemID != got.Agenda[3].ID || !got.Agenda[3].StartedAt.Equal(clock) {
			t.Errorf("agenda[0] = %+v, current %d", got.Agenda[0], got.CurrentItemID)
		}
	})

	t.Run("GoalAndActionFromAContribution", func(t *testing.T) {
		goal := MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": words, "importance": "9",
			"meeting": strconv.FormatInt(m.ID, 10), "contribution": strconv.FormatInt(c.ID, 10)})
		action := &care.Item{PersonID: p.ID, Section: care.SectionActions, Values: map[string]string{
			"what": "Ask the allotment society about a raised bed", "owner": "contact:" + strconv.FormatInt(ola.ID, 10),
			"byWhen": "2026-12-15", "confidence": "11", "goal": strconv.FormatInt(goal.ID, 10), "meeting": strconv.FormatInt(m.ID, 10)}}
		wantCode(t, r.SaveItem(testCtx, action), care.EINVALID, "confidence")
		action.Values["confidence"] = "7"
		if err := r.SaveItem(testCtx, action); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.RemoveParticipant(testCtx, olaP.ID), care.EINVALID, "")
		wantCode(t, r.RemoveItem(testCtx, p.ID, goal.ID, goal.Version), care.EINVALID, "")
	})

	t.Run("ActionOwnedBySomeoneRemoved", func(t *testing.T) {
		extra := &care.Participant{MeetingID: m.ID, Name: "Ravi (advocate)", Kind: care.ParticipantOther, Attendance: "present"}
		if err := s.SaveParticipant(testCtx, extra); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveParticipant(testCtx, extra.ID); err != nil {
			t.Fatal(err)
		}
		it := &care.Item{PersonID: p.ID, Section: care.SectionActions, Values: map[string]string{"what": "Call", "owner": "participant:" + strconv.FormatInt(extra.ID, 10)}}
		wantCode(t, r.SaveItem(testCtx, it), care.EINVALID, "owner")
	})

	t.Run("SharedDecision", func(t *testing.T) {
		d := &care.Decision{MeetingID: m.ID, Decision: "Try a raised bed before giving up the plot",
			Options:     []care.DecisionOption{{Option: "Raised bed", Benefits: "Less bending", Risks: "Cost"}, {Option: "Give up the plot"}},
			WhatMatters: "Growing her own vegetables", WhoTookPart: "Zoë, Ola, Dr Rao"}
		if err := s.SaveDecision(testCtx, d); err != nil {
			t.Fatal(err)
		}
		stale := *d
		stale.Version = 0
		wantCode(t, s.SaveDecision(testCtx, &stale), care.ECONFLICT, "")
		wantCode(t, s.SaveDecision(testCtx, &care.Decision{MeetingID: m.ID}), care.EINVALID, "decision")
	})

	t.Run("DraftKeptUntilAdded", func(t *testing.T) {
		if err := s.SaveDraft(testCtx, m.ID, olaP.ID, "half a sente"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindMeetingByID(testCtx, m.ID)
		if d := got.DraftBy("Sam Okafor"); d == nil || d.Text != "half a sente" || d.SpeakerID != olaP.ID {
			t.Errorf("draft = %+v", d)
		}
		wantCode(t, s.SaveDraft(testCtx, m.ID, olaP.ID, "a\x00b"), care.EINVALID, "text")
		wantCode(t, s.SaveDraft(context.Background(), m.ID, olaP.ID, "who am I"), care.EINVALID, "")
	})

	t.Run("EndBeforeStartRefused", func(t *testing.T) {
		started := now.In(time.Local).Add(-time.Hour).Format("15:04")
		wantCode(t, s.EndMeeting(testCtx, m.ID, started, "x"), care.EINVALID, "endTime")
		clock = clock.Add(30 * time.Minute)
		if err := s.EndMeeting(testCtx, m.ID, "", "We agreed a goal about the allotment."); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindMeetingByID(testCtx, m.ID)
		if !got.EndedAt.Equal(clock) || got.Summary == "" || got.DraftBy("Sam Okafor") != nil {
			t.Errorf("ended = %v summary %q drafts %+v", got.EndedAt, got.Summary, got.Drafts)
		}
		if len(got.Contributions) != 1 || got.Contributions[0].Text != words || !got.Contributions[0].PersonsWords {
			t.Errorf("contributions = %+v", got.Contributions)
		}
		wantCode(t, s.AddContribution(testCtx, &care.Contribution{MeetingID: m.ID, ParticipantID: zoeID, Text: "late"}), care.ELOCKED, "")
	})

	t.Run("FindMeetings", func(t *testing.T) {
		ms, err := s.FindMeetings(context.Background(), care.MeetingFilter{From: "2026-11-24", To: "2026-11-30"})
		if err != nil || len(ms) != 1 {
			t.Fatalf("meetings = %d, %v", len(ms), err)
		}
	})
}

func TestRecordService_PlanSections(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	r := sqlite.NewRecordService(db)
	for _, tt := range []struct {
		section, key, value, field string
	}{
		{care.SectionBudget, "amount", "-5", "amount"},
		{care.SectionBudget, "amount", "ten pounds", "amount"},
		{care.SectionBudget, "amount", "12.345", "amount"},
		{care.SectionReview, "date", "2026-11-20", "date"},
		{care.SectionReview, "date", "2026-13-01", "date"},
	} {
		err := r.SaveFields(testCtx, p.ID, tt.section, care.ActionEdit, []care.FieldChange{{Key: tt.key, Value: tt.value}})
		wantCode(t, err, care.EINVALID, tt.field)
	}
	if err := r.SaveFields(testCtx, p.ID, care.SectionBudget, care.ActionEdit, []care.FieldChange{{Key: "amount", Value: "£1,250.5"}, {Key: "frequency", Value: "monthly"}}); err != nil {
		t.Fatal(err)
	}
	rec, _ := r.FindRecord(testCtx, p.ID)
	if got := rec.Value(care.SectionBudget, "amount"); got != "125050" {
		t.Errorf("amount stored as %q, want pence 125050", got)
	}
	if got := care.FormatPence("125050"); got != "£1,250.50" {
		t.Errorf("FormatPence = %q", got)
	}
	wantCode(t, r.SaveFields(testCtx, p.ID, care.SectionBudget, care.ActionEdit, []care.FieldChange{{Key: "frequency", Value: "", Version: 1}}), care.EINVALID, "frequency")
	if err := r.SaveFields(testCtx, p.ID, care.SectionReview, care.ActionEdit, []care.FieldChange{{Key: "date", Value: "2026-11-21"}}); err != nil {
		t.Fatal(err)
	}
}

func TestDashboardService(t *testing.T) {
	db := MustOpenDB(t)
	r := sqlite.NewRecordService(db)
	d := sqlite.NewDashboardService(db)
	p := MustCreatePerson(t, db, zoe())
	MustCreateMeeting(t, db, p.ID) // 24 November
	if err := r.SaveFields(testCtx, p.ID, care.SectionReview, care.ActionEdit, []care.FieldChange{{Key: "date", Value: "2026-12-01"}}); err != nil {
		t.Fatal(err)
	}
	MustSaveItem(t, db, p, care.SectionActions, map[string]string{"what": "Old", "owner": "person", "byWhen": "2026-11-21"})
	MustSaveItem(t, db, p, care.SectionActions, map[string]string{"what": "Done", "owner": "person", "byWhen": "2026-11-01", "status": "done"})
	if err := d.MarkOpened(testCtx, p.ID); err != nil {
		t.Fatal(err)
	}
	// Ten days later: the meeting has passed, the review is 0 days away... and the action is overdue.
	got, err := d.FindDashboard(testCtx, "2026-11-30")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Meetings) != 0 || len(got.Reviews) != 1 || got.Reviews[0].Date != "2026-12-01" {
		t.Errorf("meetings %d, reviews %+v", len(got.Meetings), got.Reviews)
	}
	if len(got.OverdueActions) != 1 || got.OverdueActions[0].Count != 1 || got.OverdueActions[0].Date != "2026-11-21" {
		t.Errorf("overdue = %+v", got.OverdueActions)
	}
	if len(got.Recent) != 1 {
		t.Errorf("recent = %d", len(got.Recent))
	}
	got, _ = d.FindDashboard(testCtx, "2026-11-21")
	if len(got.Meetings) != 1 || len(got.OverdueActions) != 0 {
		t.Fatalf("on the 21st: meetings %d, overdue %d", len(got.Meetings), len(got.OverdueActions))
	}
	if m := got.Meetings[0]; m.Meeting.PersonID != p.ID || m.Person == nil || m.Person.ID != p.ID || m.Person.DisplayName() != p.DisplayName() {
		t.Errorf("meeting %+v is about %+v, want %s", m.Meeting, m.Person, p.DisplayName())
	}

	t.Run("OverdueEarliestFirst", func(t *testing.T) {
		// Someone whose record changed last, with an action overdue longer.
		q := MustCreatePerson(t, db, care.Person{GivenName: "Ola", FamilyName: "Nowak", DateOfBirth: "1962-08-15"})
		MustSaveItem(t, db, q, care.SectionActions, map[string]string{"what": "Older", "owner": "person", "byWhen": "2026-11-10"})
		got, err := d.FindDashboard(testCtx, "2026-11-30")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.OverdueActions) != 2 || got.OverdueActions[0].Person.ID != q.ID || got.OverdueActions[1].Person.ID != p.ID {
			t.Errorf("overdue = %+v, want Ola's (10 November) before Zoë's (21 November)", got.OverdueActions)
		}
	})
	if _, err := d.FindDashboard(testCtx, "yesterday"); care.ErrorCode(err) != care.EINVALID {
		t.Errorf("err = %v", err)
	}
}

func TestPlanChecks(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	r := sqlite.NewRecordService(db)
	MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": "large-print"})
	MustSaveItem(t, db, p, care.SectionActions, map[string]string{"what": "Phone the council"})
	// Recording the need chose large print; a format chosen by hand after
	// it that does not meet the need is still checked.
	rec, _ := r.FindRecord(testCtx, p.ID)
	if err := r.SaveFields(testCtx, p.ID, care.SectionCommunication, care.ActionEdit,
		[]care.FieldChange{{Key: "printFormat", Value: "standard", Version: rec.Fields[care.SectionCommunication]["printFormat"].Version}}); err != nil {
		t.Fatal(err)
	}
	rec, _ = r.FindRecord(testCtx, p.ID)
	var got []string
	for _, c := range care.PlanChecks(rec) {
		got = append(got, c.Message)
	}
	want := []string{
		"Add a goal in the person's own words",
		"Say who will do “Phone the council”",
		"Say by when “Phone the council” will be done",
		"Add someone to call if things go wrong",
		"Set a review date",
		"Choose a key worker or care coordinator in the care team",
		"The person needs large print: choose large print as the format for printed plans",
	}
	if !slices.Equal(got, want) {
		t.Errorf("checks =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Two coordinators typing in meeting mode on one meeting each keep their
// own draft: neither save replaces the other's, adding one's contribution
// clears only theirs, and ending the meeting keeps the other's.
func TestMeetingService_DraftsPerAuthor(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewMeetingService(db)
	m := MustCreateMeeting(t, db, p.ID)
	if err := s.StartMeeting(testCtx, m.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FindMeetingByID(testCtx, m.ID)
	zoeID := got.Participants[0].ID
	sam := testCtx
	priya := care.WithActor(context.Background(), care.Actor{Name: "Priya Rao", Role: "Nurse"})

	for _, step := range []struct {
		ctx  context.Context
		text string
	}{
		{sam, "I want to get"},
		{priya, "Zoë said she"},
		{sam, "I want to get back to my allotment"},
		{priya, "Zoë said she misses the allotment"},
	} {
		if err := s.SaveDraft(step.ctx, m.ID, zoeID, step.text); err != nil {
			t.Fatal(err)
		}
	}
	drafts := func() map[string]string {
		t.Helper()
		got, err := s.FindMeetingByID(testCtx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, d := range got.Drafts {
			if d.SpeakerID != zoeID {
				t.Errorf("draft by %s has speaker %d, want %d", d.Author, d.SpeakerID, zoeID)
			}
			out[d.Author] = d.Text
		}
		return out
	}
	if got, want := fmt.Sprint(drafts()), fmt.Sprint(map[string]string{
		"Sam Okafor": "I want to get back to my allotment", "Priya Rao": "Zoë said she misses the allotment"}); got != want {
		t.Errorf("drafts = %s, want %s", got, want)
	}

	// Sam adds his: Priya's draft stays.
	if err := s.AddContribution(sam, &care.Contribution{MeetingID: m.ID, ParticipantID: zoeID, Text: "I want to get back to my allotment"}); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(drafts()), fmt.Sprint(map[string]string{"Priya Rao": "Zoë said she misses the allotment"}); got != want {
		t.Errorf("after Sam adds: drafts = %s, want %s", got, want)
	}

	// Clearing one's own box removes only one's own draft.
	if err := s.SaveDraft(sam, m.ID, zoeID, "Next"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(sam, m.ID, 0, ""); err != nil {
		t.Fatal(err)
	}
	if got := drafts(); len(got) != 1 || got["Priya Rao"] == "" {
		t.Errorf("after Sam clears: drafts = %v", got)
	}

	// Sam ends the meeting: Priya's unsent words are kept, and no one can
	// change drafts any more.
	if err := s.EndMeeting(sam, m.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	if got := drafts(); got["Priya Rao"] != "Zoë said she misses the allotment" {
		t.Errorf("after the end: drafts = %v", got)
	}
	wantCode(t, s.SaveDraft(priya, m.ID, zoeID, "too late"), care.ELOCKED, "")
}

// A draft saved before drafts were kept per author is kept, with no author.
func TestMeetingService_LegacyDraft(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewMeetingService(db)
	m := MustCreateMeeting(t, db, p.ID)
	// As 0004 stored it, then 0009 run again over it.
	if err := db.ExecForTest(`UPDATE meetings SET draft = 'typed before the update', draft_speaker = NULL WHERE id = ` + strconv.FormatInt(m.ID, 10)); err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile("migrations/0009_names_and_drafts.sql")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ExecForTest(string(body)); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindMeetingByID(testCtx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := got.DraftBy(""); d == nil || d.Text != "typed before the update" {
		t.Errorf("drafts = %+v", got.Drafts)
	}
}
