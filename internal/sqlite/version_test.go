package sqlite_test

import (
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

func agreed() []care.Signature {
	return []care.Signature{
		{Role: care.RolePerson, Name: "Zoë", Method: care.SignDrawn, Strokes: [][]care.Point{{{X: 0.1, Y: 0.5}, {X: 0.9, Y: 0.4}}}},
		{Role: care.RoleCoordinator, Name: "Sam Okafor", Method: care.SignVerbal, Witness: "Ola"},
	}
}

func TestVersionService(t *testing.T) {
	db := MustOpenDB(t)
	s := sqlite.NewVersionService(db)
	p := MustCreatePerson(t, db, zoe())
	MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "Back to the allotment"})

	t.Run("ErrSignatures", func(t *testing.T) {
		_, err := s.AgreePlan(testCtx, p.ID, []care.Signature{{Role: care.RolePerson, Name: "Zoë", Method: care.SignDrawn}}, nil)
		var msgs []string
		for _, e := range care.FieldErrors(err) {
			msgs = append(msgs, e.Field+": "+e.Message)
		}
		if got := strings.Join(msgs, "\n"); got != "sig0strokes: Sign in the box, or choose another way to record agreement\n: The care coordinator must sign the plan" {
			t.Errorf("errors =\n%s", got)
		}
		_, err = s.AgreePlan(testCtx, p.ID, []care.Signature{{Role: care.RolePerson, Name: "Zoë", Method: care.SignUnable}, {Role: care.RoleCoordinator, Name: "Sam", Method: care.SignVerbal}}, nil)
		if len(care.FieldErrors(err)) != 2 {
			t.Errorf("err = %v", err)
		}
	})

	v1, err := s.AgreePlan(testCtx, p.ID, agreed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if v1.Number != 1 || len(v1.Hash) != 64 || len(v1.CheckCode) != 9 || v1.Hash != care.Hash(v1.Snapshot) {
		t.Fatalf("v1 = %+v", v1)
	}
	if !strings.Contains(string(v1.Snapshot), `"Back to the allotment"`) {
		t.Errorf("snapshot lacks the goal: %s", v1.Snapshot)
	}

	t.Run("LockedForever", func(t *testing.T) {
		wantCode(t, s.AddSignature(testCtx, v1.ID, agreed()[0]), care.ELOCKED, "")
		if err := db.ExecForTest(`UPDATE plan_versions SET snapshot = '{}'`); err == nil || !strings.Contains(err.Error(), "locked") {
			t.Errorf("raw update: %v", err)
		}
		if err := db.ExecForTest(`DELETE FROM plan_versions`); err == nil {
			t.Error("raw delete succeeded")
		}
		got, _ := s.FindVersion(testCtx, p.ID, 1)
		if string(got.Snapshot) != string(v1.Snapshot) {
			t.Error("the snapshot changed")
		}
	})

	t.Run("ReviewMakesVersionTwo", func(t *testing.T) {
		MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "See my sister"})
		v2, err := s.AgreePlan(testCtx, p.ID, agreed(), nil)
		if err != nil {
			t.Fatal(err)
		}
		vs, _ := s.FindVersions(testCtx, p.ID)
		if len(vs) != 2 || vs[0].Number != 2 || vs[0].Superseded || !vs[1].Superseded || v2.Hash == v1.Hash {
			t.Errorf("versions = %+v %+v", vs[0], vs[1])
		}
		latest, _ := s.FindVersion(testCtx, p.ID, 0)
		if latest.Number != 2 {
			t.Errorf("latest = %d", latest.Number)
		}
	})

	t.Run("CheckCode", func(t *testing.T) {
		got, err := s.FindVersionByCheckCode(testCtx, strings.ToLower(strings.ReplaceAll(v1.CheckCode, "-", "")))
		if err != nil || got.ID != v1.ID || !got.Superseded {
			t.Errorf("by code: %+v, %v", got, err)
		}
		_, err = s.FindVersionByCheckCode(testCtx, "ZZZZ-ZZZZ")
		wantCode(t, err, care.ENOTFOUND, "")
	})

	t.Run("Copies", func(t *testing.T) {
		c := &care.Copy{VersionID: v1.ID, Holder: "Zoë", Format: "large-print", GivenOn: "2026-11-21"}
		if err := s.RecordCopy(testCtx, c); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.RecordCopy(testCtx, &care.Copy{VersionID: v1.ID, Holder: "GP", Format: "tiny"}), care.EINVALID, "format")
		wantCode(t, s.RecordCopy(testCtx, &care.Copy{VersionID: 999, Holder: "GP", Format: "standard", GivenOn: "2026-11-21"}), care.ENOTFOUND, "")
		cs, _ := s.FindCopies(testCtx, v1.ID)
		if len(cs) != 1 || cs[0].Holder != "Zoë" {
			t.Errorf("copies = %+v", cs)
		}
	})
}
