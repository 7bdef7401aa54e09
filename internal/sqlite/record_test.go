package sqlite_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// MustSaveItem stores an item in section for person p and returns it.
func MustSaveItem(tb testing.TB, db *sqlite.DB, p *care.Person, section string, values map[string]string) *care.Item {
	tb.Helper()
	it := &care.Item{PersonID: p.ID, Section: section, Values: values}
	if err := sqlite.NewRecordService(db).SaveItem(testCtx, it); err != nil {
		tb.Fatal(err)
	}
	return it
}

func wantCode(t *testing.T, err error, code, field string) {
	t.Helper()
	if got := care.ErrorCode(err); got != code {
		t.Fatalf("code = %q, want %q (err %v)", got, code, err)
	}
	if got := care.ErrorField(err); got != field {
		t.Errorf("field = %q, want %q (message %q)", got, field, care.ErrorMessage(err))
	}
}

func TestRecordService_AboutMe(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewRecordService(db)
	words := "My garden, my cat Mruczek, and Sunday calls with my sister.\n\n<b>not bold</b> 🌷 مرحبا  \t"

	t.Run("PersonsWordsNeedTheExplicitAction", func(t *testing.T) {
		err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEdit,
			[]care.FieldChange{{Key: "mostImportant", Value: words}})
		wantCode(t, err, care.EINVALID, "mostImportant")
	})

	t.Run("StoredExactlyAsTyped", func(t *testing.T) {
		if err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
			[]care.FieldChange{{Key: "mostImportant", Value: words}, {Key: "supportedBy", Value: "  Ola (daughter) "}}); err != nil {
			t.Fatal(err)
		}
		r, err := s.FindRecord(context.Background(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Value(care.SectionAboutMe, "mostImportant"); got != words {
			t.Errorf("words changed: %q", got)
		}
		if got := r.Value(care.SectionAboutMe, "supportedBy"); got != "Ola (daughter)" {
			t.Errorf("supportedBy = %q", got)
		}
		if f := r.Fields[care.SectionAboutMe]["mostImportant"]; f.Version != 1 || f.UpdatedBy != "Sam Okafor" {
			t.Errorf("field = %+v", f)
		}
	})

	t.Run("ProfessionalNoteBesideWithoutTouchingTheWords", func(t *testing.T) {
		if err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEdit,
			[]care.FieldChange{{Key: "mostImportant", Value: words, Version: 1}, {Key: "mostImportantNote", Value: "Cat is 14."}}); err != nil {
			t.Fatal(err)
		}
		r, _ := s.FindRecord(context.Background(), p.ID)
		if r.Value(care.SectionAboutMe, "mostImportantNote") != "Cat is 14." || r.Fields[care.SectionAboutMe]["mostImportant"].Version != 1 {
			t.Errorf("fields = %+v", r.Fields[care.SectionAboutMe])
		}
	})

	t.Run("ErrConflict", func(t *testing.T) {
		err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
			[]care.FieldChange{{Key: "mostImportant", Value: "Something else", Version: 0}})
		wantCode(t, err, care.ECONFLICT, "")
		r, _ := s.FindRecord(context.Background(), p.ID)
		if r.Value(care.SectionAboutMe, "mostImportant") != words {
			t.Error("a stale save overwrote the words")
		}
	})

	t.Run("ErrTooLongNothingHalfSaved", func(t *testing.T) {
		err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{
			{Key: "wellness", Value: "Walking"},
			{Key: "pleaseDo", Value: strings.Repeat("x", care.MaxAboutMe+1)},
		})
		wantCode(t, err, care.EINVALID, "pleaseDo")
		r, _ := s.FindRecord(context.Background(), p.ID)
		if r.Value(care.SectionAboutMe, "wellness") != "" {
			t.Error("half-saved: wellness stored although pleaseDo was refused")
		}
	})

	t.Run("LongestAllowed", func(t *testing.T) {
		long := strings.Repeat("ż", care.MaxAboutMe)
		if err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
			[]care.FieldChange{{Key: "alsoWorthKnowing", Value: long}}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrNUL", func(t *testing.T) {
		err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
			[]care.FieldChange{{Key: "support", Value: "a\x00b"}})
		wantCode(t, err, care.EINVALID, "support")
	})

	t.Run("ErrUnknownField", func(t *testing.T) {
		err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEdit, []care.FieldChange{{Key: "shoeSize", Value: "9"}})
		wantCode(t, err, care.EINVALID, "")
	})

	t.Run("ErrNoActor", func(t *testing.T) {
		err := s.SaveFields(context.Background(), p.ID, care.SectionAboutMe, care.ActionEdit,
			[]care.FieldChange{{Key: "wellnessNote", Value: "x"}})
		if !errors.Is(err, care.ErrNoActor) {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("SearchFindsAboutMeWords", func(t *testing.T) {
		matches, _, err := sqlite.NewPersonService(db).SearchPeople(context.Background(), care.PersonFilter{Query: "mruczek"})
		if err != nil {
			t.Fatal(err)
		}
		if len(matches) != 1 || len(matches[0].Snippet) == 0 {
			t.Fatalf("matches = %+v", matches)
		}
		var marked []string
		for _, r := range matches[0].Snippet {
			if r.Match {
				marked = append(marked, r.Text)
			}
		}
		if strings.Join(marked, ",") != "Mruczek" {
			t.Errorf("marked = %v", marked)
		}
	})
}

func TestRecordService_Legal(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewRecordService(db)
	err := s.SaveFields(testCtx, p.ID, care.SectionLegal, care.ActionEdit, []care.FieldChange{{Key: "respect", Value: "yes"}})
	wantCode(t, err, care.EINVALID, "respectWhere")
	err = s.SaveFields(testCtx, p.ID, care.SectionLegal, care.ActionEdit, []care.FieldChange{{Key: "respect", Value: "maybe"}})
	wantCode(t, err, care.EINVALID, "respect")
	if err := s.SaveFields(testCtx, p.ID, care.SectionLegal, care.ActionEdit, []care.FieldChange{
		{Key: "respect", Value: "yes"}, {Key: "respectWhere", Value: "Kitchen drawer"}, {Key: "consent", Value: "yes"}, {Key: "shareWith", Value: "GP, district nurses"},
	}); err != nil {
		t.Fatal(err)
	}
}

func TestRecordService_Items(t *testing.T) {
	ctx := testCtx
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewRecordService(db)

	t.Run("ContactBadInputAllReported", func(t *testing.T) {
		it := &care.Item{PersonID: p.ID, Section: care.SectionContacts, Values: map[string]string{
			"name": " ", "type": "family", "phone": "01632 96O 001", "email": "ola.example.com"}}
		errs := care.FieldErrors(s.SaveItem(ctx, it))
		var fields []string
		for _, e := range errs {
			fields = append(fields, e.Field)
		}
		if got := strings.Join(fields, " "); got != "name phone email" {
			t.Errorf("fields = %q", got)
		}
		if r, _ := s.FindRecord(ctx, p.ID); len(r.Items[care.SectionContacts]) != 0 {
			t.Error("a refused contact was stored")
		}
	})

	var ola *care.Item
	t.Run("ContactOK", func(t *testing.T) {
		ola = MustSaveItem(t, db, p, care.SectionContacts, map[string]string{
			"name": "Ola Nowak", "type": "family", "relationship": "daughter", "phone": "+44 (0)1632 960 001",
			"email": "ola@example.com", "isCarer": "true", "carerNeeds": "Works nights", "receivesCopy": "true"})
		if ola.ID == 0 || ola.Version != 1 {
			t.Fatalf("item = %+v", ola)
		}
	})

	t.Run("ChangeAndConflict", func(t *testing.T) {
		upd := &care.Item{ID: ola.ID, PersonID: p.ID, Section: care.SectionContacts, Version: 1,
			Values: map[string]string{"name": "Ola Nowak", "type": "carer", "phone": "01632 960 002"}}
		if err := s.SaveItem(ctx, upd); err != nil {
			t.Fatal(err)
		}
		stale := &care.Item{ID: ola.ID, PersonID: p.ID, Section: care.SectionContacts, Version: 1,
			Values: map[string]string{"name": "Someone Else", "type": "friend"}}
		wantCode(t, s.SaveItem(ctx, stale), care.ECONFLICT, "")
		r, _ := s.FindRecord(ctx, p.ID)
		if got := r.Items[care.SectionContacts][0].Values["name"]; got != "Ola Nowak" {
			t.Errorf("name = %q", got)
		}
		ola = r.Items[care.SectionContacts][0]
	})

	t.Run("OneKeyWorker", func(t *testing.T) {
		MustSaveItem(t, db, p, care.SectionCareTeam, map[string]string{"name": "Dr Priya Rao", "role": "gp", "keyWorker": "true"})
		it := &care.Item{PersonID: p.ID, Section: care.SectionCareTeam, Values: map[string]string{"name": "Tom Hughes", "role": "social-worker", "keyWorker": "true"}}
		wantCode(t, s.SaveItem(ctx, it), care.EINVALID, "keyWorker")
		it.Values["keyWorker"] = ""
		if err := s.SaveItem(ctx, it); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("CommunicationNeedForACarer", func(t *testing.T) {
		it := &care.Item{PersonID: p.ID, Section: care.SectionCommunicationNeeds, Values: map[string]string{"need": "spoken-language-interpreter"}}
		wantCode(t, s.SaveItem(ctx, it), care.EINVALID, "language")
		it.Values = map[string]string{"need": "large-print", "forWhom": "999"}
		wantCode(t, s.SaveItem(ctx, it), care.EINVALID, "forWhom")
		MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": "bsl-interpreter"})
		MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": "large-print", "forWhom": itoa(ola.ID)})
		r, _ := s.FindRecord(ctx, p.ID)
		if got, want := care.CommunicationBanner(r), "British Sign Language interpreter; Large print (for Ola Nowak)"; got != want {
			t.Errorf("banner = %q, want %q", got, want)
		}
		wantCode(t, s.RemoveItem(ctx, p.ID, ola.ID, ola.Version), care.EINVALID, "")
	})

	t.Run("RemoveKeepsHistory", func(t *testing.T) {
		st := MustSaveItem(t, db, p, care.SectionStrengths, map[string]string{"text": "Makes everyone laugh"})
		wantCode(t, s.RemoveItem(ctx, p.ID, st.ID, 99), care.ECONFLICT, "")
		if err := s.RemoveItem(ctx, p.ID, st.ID, st.Version); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.RemoveItem(ctx, p.ID, st.ID, st.Version), care.ENOTFOUND, "")
		h, _, _ := s.FindHistory(ctx, p.ID, 0, 1)
		if len(h) != 1 || h[0].Action != care.ActionRemove || h[0].Before != "Makes everyone laugh" || h[0].ItemID != st.ID {
			t.Errorf("history = %+v", h[0])
		}
	})

	t.Run("ErrWrongSection", func(t *testing.T) {
		wantCode(t, s.SaveItem(ctx, &care.Item{PersonID: p.ID, Section: "aboutMe"}), care.EINVALID, "")
		wantCode(t, s.SaveItem(ctx, &care.Item{PersonID: p.ID, Section: "nonsense"}), care.EINVALID, "")
		wantCode(t, s.SaveItem(ctx, &care.Item{PersonID: 4242, Section: care.SectionStrengths, Values: map[string]string{"text": "x"}}), care.ENOTFOUND, "")
	})
}

func TestRecordService_History(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewRecordService(db)
	other := care.WithActor(context.Background(), care.Actor{Name: "Dr Priya Rao", Role: "GP"})
	if err := s.SaveFields(other, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
		[]care.FieldChange{{Key: "wellness", Value: "Walking to the park"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
		[]care.FieldChange{{Key: "wellness", Value: "Walking to the park and back", Version: 1}}); err != nil {
		t.Fatal(err)
	}
	h, total, err := s.FindHistory(context.Background(), p.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Creating Zoë recorded her six details; then two changes to wellness.
	if total != 8 || len(h) != 8 {
		t.Fatalf("total = %d, len = %d", total, len(h))
	}
	latest := h[0]
	if latest.Actor.Name != "Sam Okafor" || latest.Action != care.ActionEditPersonsWords || latest.Field != "wellness" ||
		latest.Before != "Walking to the park" || latest.After != "Walking to the park and back" || !latest.At.Equal(now) {
		t.Errorf("latest = %+v", latest)
	}
	if h[1].Actor.Name != "Dr Priya Rao" || h[1].Actor.Role != "GP" {
		t.Errorf("second = %+v", h[1])
	}
	if h[7].Action != care.ActionCreate || h[7].Section != "person" {
		t.Errorf("first = %+v", h[7])
	}

	t.Run("SavingTheSameValueKeepsNoHistory", func(t *testing.T) {
		if err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
			[]care.FieldChange{{Key: "wellness", Value: "Walking to the park and back", Version: 2}}); err != nil {
			t.Fatal(err)
		}
		if _, n, _ := s.FindHistory(context.Background(), p.ID, 0, 0); n != 8 {
			t.Errorf("total = %d, want 8", n)
		}
	})

	t.Run("RowsCannotBeChanged", func(t *testing.T) {
		if err := db.ExecForTest(`UPDATE history SET after = 'forged'`); err == nil {
			t.Error("history row was changed")
		}
	})
}

func TestSettingsService(t *testing.T) {
	db := MustOpenDB(t)
	s := sqlite.NewSettingsService(db)
	if v, err := s.FindSetting(context.Background(), "lock.minutes"); v != "" || err != nil {
		t.Fatalf("new database: %q %v", v, err)
	}
	if err := s.SetSettings(context.Background(), map[string]string{"lock.minutes": "7"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.FindSetting(context.Background(), "lock.minutes"); v != "7" {
		t.Errorf("lock.minutes = %q", v)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestRecordService_CrossItemRules checks that SaveItem and RemoveItem
// apply care's cross-item rules on the record as stored, with their
// messages, and store nothing when refused.
func TestRecordService_CrossItemRules(t *testing.T) {
	ctx := testCtx
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewRecordService(db)
	ola := MustSaveItem(t, db, p, care.SectionContacts, map[string]string{"name": "Ola", "type": "family"})
	gp := MustSaveItem(t, db, p, care.SectionCareTeam, map[string]string{"name": "Dr Rao", "role": "gp"})
	goal := MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "Swim"})
	MustSaveItem(t, db, p, care.SectionActions, map[string]string{"what": "Book", "owner": "contact:" + itoa(ola.ID), "goal": itoa(goal.ID)})
	MustSaveItem(t, db, p, care.SectionActions, map[string]string{"what": "Refer", "owner": "professional:" + itoa(gp.ID)})

	for _, tt := range []struct {
		name, field, message string
		values               map[string]string
	}{
		{"ErrOwnerGone", "owner", "The person chosen to do this is no longer in the record. Choose someone else",
			map[string]string{"what": "Call", "owner": "contact:" + itoa(gp.ID)}},
		{"ErrParticipantGone", "owner", "Choose who will do it", map[string]string{"what": "Call", "owner": "participant:999"}},
		{"ErrGoalGone", "goal", "Choose one of the person's goals", map[string]string{"what": "Call", "goal": itoa(ola.ID)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := s.SaveItem(ctx, &care.Item{PersonID: p.ID, Section: care.SectionActions, Values: tt.values})
			wantCode(t, err, care.EINVALID, tt.field)
			if got := care.ErrorMessage(err); got != tt.message {
				t.Errorf("message = %q, want %q", got, tt.message)
			}
		})
	}
	for _, tt := range []struct {
		name    string
		item    *care.Item
		message string
	}{
		{"ErrRemoveGoalWithActions", goal, "This goal has 1 action in the plan. Change it first"},
		{"ErrRemoveContactWithActions", ola, "Ola has 1 action in the plan. Change it first"},
		{"ErrRemoveProfessionalWithActions", gp, "Dr Rao has 1 action in the plan. Change it first"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := s.RemoveItem(ctx, p.ID, tt.item.ID, tt.item.Version)
			wantCode(t, err, care.EINVALID, "")
			if got := care.ErrorMessage(err); got != tt.message {
				t.Errorf("message = %q, want %q", got, tt.message)
			}
		})
	}
	r, err := s.FindRecord(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Actions()); n != 2 || len(r.Goals()) != 1 || len(r.Contacts()) != 1 || len(r.CareTeam()) != 1 {
		t.Errorf("record after refusals: %d actions, %d goals, %d contacts, %d professionals", n, len(r.Goals()), len(r.Contacts()), len(r.CareTeam()))
	}
}

// An edit that changes nothing keeps the item, and what the caller holds,
// at the version stored.
func TestRecordService_SaveItemUnchanged(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	it := MustSaveItem(t, db, p, care.SectionStrengths, map[string]string{"text": "Gardening"})
	same := &care.Item{ID: it.ID, PersonID: p.ID, Section: it.Section, Version: it.Version, Values: map[string]string{"text": "Gardening"}}
	if err := sqlite.NewRecordService(db).SaveItem(testCtx, same); err != nil {
		t.Fatal(err)
	}
	if same.Version != it.Version || same.UUID != it.UUID {
		t.Errorf("item after an edit that changed nothing = %+v, want version %d and UUID %s", same, it.Version, it.UUID)
	}
	r, err := sqlite.NewRecordService(db).FindRecord(testCtx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Items[care.SectionStrengths][0].Version; got != it.Version {
		t.Errorf("stored version = %d, want %d", got, it.Version)
	}
}
