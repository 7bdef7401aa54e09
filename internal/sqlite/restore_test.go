package sqlite_test

import (
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// latestHistory returns the newest history entry of person p.
func latestHistory(t *testing.T, s *sqlite.RecordService, p *care.Person) *care.HistoryEntry {
	t.Helper()
	h, _, err := s.FindHistory(testCtx, p.ID, 0, 1)
	if err != nil || len(h) == 0 {
		t.Fatalf("history: %v %v", h, err)
	}
	return h[0]
}

func TestRecordService_RestoreField(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewRecordService(db)
	for i, words := range []string{"My cat", "My garden"} {
		if err := s.SaveFields(testCtx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
			[]care.FieldChange{{Key: "mostImportant", Value: words, Version: i}}); err != nil {
			t.Fatal(err)
		}
	}
	edit := latestHistory(t, s, p) // My cat → My garden
	if err := s.Restore(testCtx, p.ID, edit.ID); err != nil {
		t.Fatal(err)
	}
	r, _ := s.FindRecord(testCtx, p.ID)
	if got := r.Value(care.SectionAboutMe, "mostImportant"); got != "My cat" {
		t.Errorf("restored value = %q", got)
	}
	// The person's own words: restored as an edit of their words.
	if h := latestHistory(t, s, p); h.Action != care.ActionEditPersonsWords || h.Before != "My garden" || h.After != "My cat" {
		t.Errorf("history = %+v", h)
	}
	t.Run("ErrAlreadyThere", func(t *testing.T) {
		wantCode(t, s.Restore(testCtx, p.ID, edit.ID), care.EINVALID, "")
	})
	t.Run("ErrOtherPerson", func(t *testing.T) {
		other := MustCreatePerson(t, db, care.Person{GivenName: "Ola", FamilyName: "Nowak", DateOfBirth: "1970-01-01"})
		wantCode(t, s.Restore(testCtx, other.ID, edit.ID), care.ENOTFOUND, "")
	})
	t.Run("ErrCreation", func(t *testing.T) {
		h, _, _ := s.FindHistory(testCtx, p.ID, 0, 100)
		wantCode(t, s.Restore(testCtx, p.ID, h[len(h)-1].ID), care.EINVALID, "")
	})
	t.Run("OtherSectionsAsRestore", func(t *testing.T) {
		for i, amount := range []string{"86.40", "90"} {
			if err := s.SaveFields(testCtx, p.ID, care.SectionBudget, care.ActionEdit,
				[]care.FieldChange{{Key: "amount", Value: amount, Version: i}, {Key: "frequency", Value: "weekly", Version: min(i, 1)}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Restore(testCtx, p.ID, latestHistory(t, s, p).ID); err != nil {
			t.Fatal(err)
		}
		r, _ := s.FindRecord(testCtx, p.ID)
		if got := r.Value(care.SectionBudget, "amount"); got != "8640" {
			t.Errorf("amount = %q", got)
		}
		if h := latestHistory(t, s, p); h.Action != care.ActionRestore {
			t.Errorf("history = %+v", h)
		}
	})
	t.Run("ErrEarlierValueNowRefused", func(t *testing.T) {
		// How often was first set with the amount: emptying it again is refused, with why.
		h, _, _ := s.FindHistory(testCtx, p.ID, 0, 100)
		var first *care.HistoryEntry
		for _, e := range h {
			if e.Field == "frequency" && e.Before == "" {
				first = e
			}
		}
		err := s.Restore(testCtx, p.ID, first.ID)
		wantCode(t, err, care.EINVALID, "")
		if got := care.ErrorMessage(err); !strings.HasPrefix(got, "This cannot be restored. ") {
			t.Errorf("message = %q", got)
		}
	})
}

func TestRecordService_RestoreItem(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewRecordService(db)
	ola := MustSaveItem(t, db, p, care.SectionContacts, map[string]string{"name": "Ola", "type": "family", "phone": "01632 960 001"})
	if err := s.RemoveItem(testCtx, p.ID, ola.ID, ola.Version); err != nil {
		t.Fatal(err)
	}
	removal := latestHistory(t, s, p)
	if removal.Action != care.ActionRemove {
		t.Fatalf("removal = %+v", removal)
	}
	names, err := s.FindNames(testCtx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := names.ItemTitle(ola.ID); got != "Ola (removed)" {
		t.Errorf("removed title = %q", got)
	}
	if err := s.Restore(testCtx, p.ID, removal.ID); err != nil {
		t.Fatal(err)
	}
	r, _ := s.FindRecord(testCtx, p.ID)
	cs := r.Contacts()
	if len(cs) != 1 || cs[0].ID != ola.ID || cs[0].Name != "Ola" || cs[0].Phone != "01632 960 001" || cs[0].Type != "family" {
		t.Errorf("restored contacts = %+v", cs)
	}
	if h := latestHistory(t, s, p); h.Action != care.ActionRestore || h.ItemID != ola.ID {
		t.Errorf("history = %+v", h)
	}
	t.Run("ErrAlreadyBack", func(t *testing.T) {
		wantCode(t, s.Restore(testCtx, p.ID, removal.ID), care.EINVALID, "")
	})
}

// TestRecordService_RestoreRefused checks that a restore that depends on
// something no longer in the record is refused, with why, and changes
// nothing.
func TestRecordService_RestoreRefused(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewRecordService(db)
	ola := MustSaveItem(t, db, p, care.SectionContacts, map[string]string{"name": "Ola", "type": "family"})
	goal := MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "Swim"})
	act := MustSaveItem(t, db, p, care.SectionActions, map[string]string{"what": "Book", "owner": "contact:" + itoa(ola.ID), "goal": itoa(goal.ID)})
	// The action moves to Zoë herself and off the goal; then Ola and the goal go.
	act.Values = map[string]string{"what": "Book", "owner": "person"}
	if err := s.SaveItem(testCtx, act); err != nil {
		t.Fatal(err)
	}
	h, _, _ := s.FindHistory(testCtx, p.ID, 0, 2)
	var ownerEdit, goalEdit *care.HistoryEntry
	for _, e := range h {
		switch e.Field {
		case "owner":
			ownerEdit = e
		case "goal":
			goalEdit = e
		}
	}
	if ownerEdit == nil || goalEdit == nil {
		t.Fatalf("history = %+v", h)
	}
	for _, it := range []*care.Item{ola, goal} {
		if err := s.RemoveItem(testCtx, p.ID, it.ID, it.Version); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name    string
		entry   *care.HistoryEntry
		message string
	}{
		{"ErrOwnerGone", ownerEdit, "This cannot be restored. The person chosen to do this is no longer in the record. Choose someone else"},
		{"ErrGoalGone", goalEdit, "This cannot be restored. Choose one of the person's goals"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Restore(testCtx, p.ID, tt.entry.ID)
			wantCode(t, err, care.EINVALID, "")
			if got := care.ErrorMessage(err); got != tt.message {
				t.Errorf("message = %q, want %q", got, tt.message)
			}
		})
	}
	t.Run("ErrItemRemoved", func(t *testing.T) {
		a, _ := s.FindRecord(testCtx, p.ID)
		it := a.Items[care.SectionActions][0]
		if err := s.RemoveItem(testCtx, p.ID, it.ID, it.Version); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.Restore(testCtx, p.ID, ownerEdit.ID), care.EINVALID, "")
	})
	t.Run("ErrKeyWorkerTaken", func(t *testing.T) {
		a := MustSaveItem(t, db, p, care.SectionCareTeam, map[string]string{"name": "Ann", "role": "social-worker", "keyWorker": "true"})
		if err := s.RemoveItem(testCtx, p.ID, a.ID, a.Version); err != nil {
			t.Fatal(err)
		}
		removal := latestHistory(t, s, p)
		MustSaveItem(t, db, p, care.SectionCareTeam, map[string]string{"name": "Bea", "role": "social-worker", "keyWorker": "true"})
		err := s.Restore(testCtx, p.ID, removal.ID)
		wantCode(t, err, care.EINVALID, "")
		if got, want := care.ErrorMessage(err), "This cannot be restored. Bea is already the key worker"; len(got) < len(want) || got[:len(want)] != want {
			t.Errorf("message = %q", got)
		}
	})
}

func TestVersionService_WithdrawCopy(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewVersionService(db)
	v, err := s.AgreePlan(testCtx, p.ID, agreed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &care.Copy{VersionID: v.ID, Holder: "Zoë's GP", Format: "standard", GivenOn: "2026-11-21"}
	if err := s.RecordCopy(testCtx, c); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.WithdrawCopy(testCtx, c.ID, "  "), care.EINVALID, "reason")
	wantCode(t, s.WithdrawCopy(testCtx, 999, "Recorded by mistake"), care.ENOTFOUND, "")
	if err := s.WithdrawCopy(testCtx, c.ID, "Recorded by mistake: the GP has not had it"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.WithdrawCopy(testCtx, c.ID, "Again"), care.EINVALID, "")
	got, err := s.FindVersion(testCtx, p.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Copies) != 1 || got.Copies[0].Holder != "Zoë's GP" || got.Copies[0].Withdrawn == nil ||
		got.Copies[0].Withdrawn.Reason != "Recorded by mistake: the GP has not had it" || got.Copies[0].Withdrawn.By.Name != "Sam Okafor" {
		t.Errorf("copies = %+v", got.Copies)
	}
	if string(got.Snapshot) != string(v.Snapshot) || got.Hash != v.Hash {
		t.Error("the agreed version changed")
	}
	if err := db.ExecForTest(`UPDATE plan_copy_withdrawals SET reason = 'forged'`); err == nil {
		t.Error("a withdrawal was changed")
	}
	if err := db.ExecForTest(`INSERT INTO plan_copy_withdrawals (copy_id, reason, withdrawn_at, withdrawn_by, withdrawn_role)
		VALUES (` + itoa(c.ID) + `, 'x', 'y', 'z', 'w')`); err == nil {
		t.Error("a withdrawal without a UUID was stored")
	}
}
