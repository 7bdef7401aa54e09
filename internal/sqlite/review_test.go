package sqlite_test

import (
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

func TestVersionService_AgreeUnchanged(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewVersionService(db)
	if _, err := s.AgreePlan(testCtx, p.ID, agreed(), nil); err != nil {
		t.Fatal(err)
	}

	t.Run("ErrNothingChanged", func(t *testing.T) {
		_, err := s.AgreePlan(testCtx, p.ID, agreed(), nil)
		wantCode(t, err, care.EINVALID, "")
		if got := care.ErrorMessage(err); got != "Nothing has changed since version 1" {
			t.Errorf("message = %q", got)
		}
		if vs, _ := s.FindVersions(testCtx, p.ID); len(vs) != 1 {
			t.Errorf("%d versions after a refused agreement, want 1", len(vs))
		}
	})

	t.Run("OKAfterAReviewStatus", func(t *testing.T) {
		goal := MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "See my sister", "status": "not-started"})
		if _, err := s.AgreePlan(testCtx, p.ID, agreed(), nil); err != nil {
			t.Fatal(err)
		}
		values := map[string]string{"text": "See my sister"}
		if err := care.ReviewValues(care.SectionGoals, care.ReviewStop, "She moved nearby", values); err != nil {
			t.Fatal(err)
		}
		goal.Values = values
		if err := sqlite.NewRecordService(db).SaveItem(testCtx, goal); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AgreePlan(testCtx, p.ID, agreed(), nil); err != nil {
			t.Fatal(err)
		}
		_, err := s.AgreePlan(testCtx, p.ID, agreed(), nil)
		wantCode(t, err, care.EINVALID, "")
		if got := care.ErrorMessage(err); got != "Nothing has changed since version 3" {
			t.Errorf("message = %q", got)
		}
	})
}
