package sqlite_test

import (
	"context"
	"slices"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

func checklistLabels(t *testing.T, db *sqlite.DB, meetingID int64) []string {
	t.Helper()
	items, err := sqlite.NewChecklistService(db).FindChecklist(testCtx, meetingID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range items {
		out = append(out, c.Label)
	}
	return out
}

func TestChecklist(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewChecklistService(db)
	meetings := sqlite.NewMeetingService(db)

	first := MustCreateMeeting(t, db, p.ID)
	t.Run("NoNeedsNoItems", func(t *testing.T) {
		if got := checklistLabels(t, db, first.ID); len(got) != 0 {
			t.Errorf("checklist = %q", got)
		}
	})

	MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": "spoken-language-interpreter", "language": "Polish"})
	MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": "hearing-loop"})

	t.Run("RecordingANeedAddsItToAMeetingAlreadyScheduled", func(t *testing.T) {
		want := []string{"Book a Polish interpreter", "Book a hearing loop"}
		if got := checklistLabels(t, db, first.ID); !slices.Equal(got, want) {
			t.Errorf("checklist = %q, want %q", got, want)
		}
		// Ended, it leaves the rest of this test.
		if err := meetings.StartMeeting(testCtx, first.ID); err != nil {
			t.Fatal(err)
		}
		if err := meetings.EndMeeting(testCtx, first.ID, "", "Done."); err != nil {
			t.Fatal(err)
		}
	})

	m := MustCreateMeeting(t, db, p.ID)

	t.Run("SchedulingAddsBookItems", func(t *testing.T) {
		want := []string{"Book a Polish interpreter", "Book a hearing loop"}
		if got := checklistLabels(t, db, m.ID); !slices.Equal(got, want) {
			t.Errorf("checklist = %q, want %q", got, want)
		}
	})

	t.Run("OpenOnTheDashboardUntilDone", func(t *testing.T) {
		open, err := s.FindOpenChecklist(testCtx)
		if err != nil {
			t.Fatal(err)
		}
		if len(open) != 2 || open[0].Item.Label != "Book a Polish interpreter" || open[0].Meeting.ID != m.ID || open[0].Person.ID != p.ID {
			t.Fatalf("open = %+v", open)
		}
		c, err := s.SetChecklistItemDone(testCtx, open[0].Item.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Done() || c.DoneBy != "Sam Okafor" {
			t.Errorf("ticked = %+v", c)
		}
		again, _ := s.FindOpenChecklist(testCtx)
		if len(again) != 1 || again[0].Item.Label != "Book a hearing loop" {
			t.Errorf("open after ticking = %+v", again)
		}
		items, _ := s.FindChecklist(testCtx, m.ID)
		if !items[0].Done() || items[0].DoneBy != "Sam Okafor" || items[0].UUID == "" {
			t.Errorf("stored = %+v", items[0])
		}
	})

	t.Run("ChangingTheMeetingAddsWhatIsNewAndKeepsWhatIsDone", func(t *testing.T) {
		MustSaveItem(t, db, p, care.SectionContacts, map[string]string{"name": "Sam Reid", "type": "advocate", "involved": "true"})
		got, _ := meetings.FindMeetingByID(testCtx, m.ID)
		place := "Day centre"
		if _, err := meetings.UpdateMeeting(testCtx, m.ID, care.MeetingUpdate{Place: &place, Version: got.Version}); err != nil {
			t.Fatal(err)
		}
		want := []string{"Book a Polish interpreter", "Book a hearing loop", "Book the advocate, Sam Reid"}
		if got := checklistLabels(t, db, m.ID); !slices.Equal(got, want) {
			t.Errorf("checklist = %q, want %q", got, want)
		}
		items, _ := s.FindChecklist(testCtx, m.ID)
		if !items[0].Done() {
			t.Errorf("the ticked item is no longer done")
		}
	})

	t.Run("ANeedRecordedLaterIsAddedToMeetingsNotEnded", func(t *testing.T) {
		MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": "bsl-interpreter"})
		want := []string{"Book a Polish interpreter", "Book a hearing loop", "Book the advocate, Sam Reid", "Book a British Sign Language interpreter"}
		if got := checklistLabels(t, db, m.ID); !slices.Equal(got, want) {
			t.Errorf("checklist = %q, want %q", got, want)
		}
	})

	t.Run("Untick", func(t *testing.T) {
		items, _ := s.FindChecklist(testCtx, m.ID)
		c, err := s.SetChecklistItemDone(testCtx, items[0].ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if c.Done() || c.DoneBy != "" {
			t.Errorf("unticked = %+v", c)
		}
	})

	t.Run("ErrNoActor", func(t *testing.T) {
		items, _ := s.FindChecklist(testCtx, m.ID)
		_, err := s.SetChecklistItemDone(context.Background(), items[0].ID, true)
		wantCode(t, err, care.EINVALID, "")
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.SetChecklistItemDone(testCtx, 9999, true)
		wantCode(t, err, care.ENOTFOUND, "")
		_, err = s.FindChecklist(testCtx, 9999)
		wantCode(t, err, care.ENOTFOUND, "")
	})

	t.Run("EndedMeetingLeavesTheDashboard", func(t *testing.T) {
		if err := meetings.StartMeeting(testCtx, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := meetings.EndMeeting(testCtx, m.ID, "", "Done."); err != nil {
			t.Fatal(err)
		}
		items, _ := s.FindChecklist(testCtx, m.ID)
		_, err := s.SetChecklistItemDone(testCtx, items[1].ID, true)
		wantCode(t, err, care.ELOCKED, "")
		open, _ := s.FindOpenChecklist(testCtx)
		for _, o := range open {
			if o.Meeting.ID == m.ID {
				t.Errorf("an ended meeting's item is still open: %+v", o.Item)
			}
		}
		before := checklistLabels(t, db, m.ID)
		MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": "lip-speaker"})
		if got := checklistLabels(t, db, m.ID); !slices.Equal(got, before) {
			t.Errorf("an ended meeting's checklist changed: %q", got)
		}
	})

	t.Run("CancelledMeetingLeavesTheDashboard", func(t *testing.T) {
		c := MustCreateMeeting(t, db, p.ID)
		if err := sqlite.NewStatusService(db).CancelMeeting(testCtx, c.ID, "Zoe is in hospital"); err != nil {
			t.Fatal(err)
		}
		open, _ := s.FindOpenChecklist(testCtx)
		for _, o := range open {
			if o.Meeting.ID == c.ID {
				t.Errorf("a cancelled meeting's item is still open: %+v", o.Item)
			}
		}
		before := checklistLabels(t, db, c.ID)
		MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": "communication-aid"})
		if got := checklistLabels(t, db, c.ID); !slices.Equal(got, before) {
			t.Errorf("a cancelled meeting's checklist changed: %q", got)
		}
	})

}

func TestChecklist_UUIDRequired(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": "bsl-interpreter"})
	m := MustCreateMeeting(t, db, p.ID)
	raw := openRaw(t, db.Path)
	if _, err := raw.Exec(`INSERT INTO meeting_checklist (meeting_id, key, label, created_at) VALUES (?, 'x', 'X', '2026-01-01T00:00:00Z')`, m.ID); err == nil {
		t.Error("a row without a UUID was stored")
	}
	if _, err := raw.Exec(`UPDATE meeting_checklist SET uuid = '00000000-0000-4000-8000-000000000000'`); err == nil {
		t.Error("a UUID was changed")
	}
}

func TestRecordingANeedSetsThePrintFormat(t *testing.T) {
	for _, tt := range []struct {
		name   string
		format string   // chosen before
		needs  []string // recorded in order
		want   string
		auto   int // automatic changes kept in history
	}{
		{"LargePrint", "", []string{"large-print"}, "large-print", 1},
		{"LargePrintOverStandard", "standard", []string{"large-print"}, "large-print", 1},
		{"EasyReadAlreadyMeetsLargePrint", "easy-read", []string{"large-print"}, "easy-read", 0},
		{"EasyReadWins", "", []string{"large-print", "easy-read"}, "easy-read", 2},
		{"NeverAskedTwice", "", []string{"large-print", "large-print"}, "large-print", 1},
		{"OtherNeedsLeaveIt", "", []string{"hearing-loop"}, "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, p := MustOpenWithZoe(t)
			r := sqlite.NewRecordService(db)
			if tt.format != "" {
				if err := r.SaveFields(testCtx, p.ID, care.SectionCommunication, care.ActionEdit, []care.FieldChange{{Key: "printFormat", Value: tt.format}}); err != nil {
					t.Fatal(err)
				}
			}
			for _, n := range tt.needs {
				MustSaveItem(t, db, p, care.SectionCommunicationNeeds, map[string]string{"need": n})
			}
			rec, err := r.FindRecord(testCtx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := rec.Communication().PrintFormat; got != tt.want {
				t.Errorf("print format = %q, want %q", got, tt.want)
			}
			history, _, err := r.FindHistory(testCtx, p.ID, 0, 50)
			if err != nil {
				t.Fatal(err)
			}
			auto := 0
			for _, h := range history {
				if h.Action == care.ActionAutomatic {
					auto++
					if h.Section != care.SectionCommunication || h.Field != "printFormat" || h.Actor.Name != "Sam Okafor" {
						t.Errorf("automatic change = %+v", h)
					}
				}
			}
			if auto != tt.auto {
				t.Errorf("%d automatic changes in history, want %d", auto, tt.auto)
			}
			for _, c := range care.PlanChecks(rec) {
				if tt.want != "" && c.Section == care.SectionCommunication {
					t.Errorf("the plan still asks about the format: %q", c.Message)
				}
			}
		})
	}
}
