package sqlite_test

import (
	"context"
	"encoding/json"
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
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewVersionService(db)
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
		// Its own database with two versions, so it does not depend on the
		// subtests before it to supersede v1.
		db, p := MustOpenWithZoe(t)
		s := sqlite.NewVersionService(db)
		first, err := s.AgreePlan(testCtx, p.ID, agreed(), nil)
		if err != nil {
			t.Fatal(err)
		}
		MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "See my sister"})
		if _, err := s.AgreePlan(testCtx, p.ID, agreed(), nil); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindVersionByCheckCode(testCtx, strings.ToLower(strings.ReplaceAll(first.CheckCode, "-", "")))
		if err != nil || got.ID != first.ID || !got.Superseded {
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
		for _, find := range []func() (*care.PlanVersion, error){
			func() (*care.PlanVersion, error) { return s.FindVersion(testCtx, p.ID, 1) },
			func() (*care.PlanVersion, error) { return s.FindVersionByHash(testCtx, v1.Hash) },
			func() (*care.PlanVersion, error) { return s.FindVersionByCheckCode(testCtx, v1.CheckCode) },
			func() (*care.PlanVersion, error) { return s.FindVersionByUUID(testCtx, v1.UUID) },
			func() (*care.PlanVersion, error) {
				vs, err := s.FindVersions(testCtx, p.ID)
				return vs[len(vs)-1], err
			},
		} {
			v, err := find()
			if err != nil {
				t.Fatal(err)
			}
			if cs := v.Copies; len(cs) != 1 || cs[0].Holder != "Zoë" || cs[0].UUID != c.UUID || cs[0].VersionID != v1.ID {
				t.Errorf("copies = %+v", cs)
			}
		}
	})
}

// MustHoldMeeting runs a meeting for the person that makes one shared
// decision and ends with summary.
func MustHoldMeeting(tb testing.TB, db *sqlite.DB, personID int64, decision, summary string) *care.Decision {
	tb.Helper()
	s := sqlite.NewMeetingService(db)
	m := MustCreateMeeting(tb, db, personID)
	d := &care.Decision{MeetingID: m.ID, Decision: decision, WhatMatters: "Growing her own vegetables",
		Options: []care.DecisionOption{{Option: "Raised bed", Benefits: "Less bending", Risks: "Cost"}, {Option: "Give up the plot"}}}
	for _, err := range []error{s.StartMeeting(testCtx, m.ID), s.SaveDecision(testCtx, d), s.EndMeeting(testCtx, m.ID, "", summary)} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return d
}

func TestVersionService_SharedDecisions(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewVersionService(db)
	v1, err := s.AgreePlan(testCtx, p.ID, agreed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(v1.Snapshot), `"decisions"`) || strings.Contains(string(v1.Snapshot), `"meeting"`) {
		t.Errorf("a plan with no meetings has decisions or a meeting: %s", v1.Snapshot)
	}
	MustHoldMeeting(t, db, p.ID, "Try a raised bed before giving up the plot", "We agreed to try a raised bed.")
	v2, err := s.AgreePlan(testCtx, p.ID, agreed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var old, snap care.Snapshot
	if err := json.Unmarshal(v2.Snapshot, &snap); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(v1.Snapshot, &old)
	if len(snap.Decisions) != 1 || snap.Decisions[0].Decision != "Try a raised bed before giving up the plot" || snap.Decisions[0].MeetingDate != "2026-11-24" ||
		len(snap.Decisions[0].Options) != 2 || snap.Decisions[0].Options[0] != (care.SnapshotOption{Option: "Raised bed", Benefits: "Less bending", Risks: "Cost"}) ||
		snap.Decisions[0].WhatMatters != "Growing her own vegetables" {
		t.Errorf("decisions = %+v", snap.Decisions)
	}
	if snap.Meeting == nil || *snap.Meeting != (care.SnapshotMeeting{Date: "2026-11-24", Purpose: "first-plan", Summary: "We agreed to try a raised bed."}) {
		t.Errorf("meeting = %+v", snap.Meeting)
	}
	if got := changes(&old, &snap); !strings.Contains(got, "Shared decisions | Shared decision added: Try a raised bed before giving up the plot") {
		t.Errorf("diff =\n%s", got)
	}
}

// TestVersionService_LegacySnapshots opens a database written before
// snapshots kept shared decisions: its versions still read, hash as stored
// and compare with a new version that has them.
func TestVersionService_LegacySnapshots(t *testing.T) {
	db := MustOpenDBAt(t, MustLegacyFile(t))
	s := sqlite.NewVersionService(db)
	vs, err := s.FindVersions(testCtx, 1)
	if err != nil || len(vs) == 0 {
		t.Fatalf("versions = %d, %v", len(vs), err)
	}
	var old care.Snapshot
	for _, v := range vs {
		if care.Hash(v.Snapshot) != v.Hash {
			t.Errorf("version %d no longer hashes to %s", v.Number, v.Hash)
		}
		var snap care.Snapshot
		if err := json.Unmarshal(v.Snapshot, &snap); err != nil {
			t.Fatalf("version %d: %v", v.Number, err)
		}
		if snap.Decisions != nil || snap.Meeting != nil {
			t.Errorf("version %d has decisions or a meeting", v.Number)
		}
		if again, _ := snap.Canonical(); string(again) != string(v.Snapshot) {
			t.Errorf("version %d: canonical JSON changed", v.Number)
		}
	}
	json.Unmarshal(vs[0].Snapshot, &old)
	MustHoldMeeting(t, db, 1, "Keep the Sunday pierogi at home", "Gosia chose to keep cooking at home.")
	v, err := s.AgreePlan(testCtx, 1, agreed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var snap care.Snapshot
	if err := json.Unmarshal(v.Snapshot, &snap); err != nil {
		t.Fatal(err)
	}
	if got := changes(&old, &snap); !strings.Contains(got, "Shared decisions | Shared decision added: Keep the Sunday pierogi at home") {
		t.Errorf("diff =\n%s", got)
	}
}

func changes(old, new *care.Snapshot) string {
	var out []string
	for _, c := range care.Diff(old, new) {
		out = append(out, c.Section+" | "+c.Text)
	}
	return strings.Join(out, "\n")
}

func TestVersionService_SealRefusedStoresNothing(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	s := sqlite.NewVersionService(db)
	refuse := func(context.Context, *care.PlanVersion) error {
		return care.Errorf(care.EINVALID, "The plan could not be made into a signed PDF")
	}
	if _, err := s.AgreePlan(testCtx, p.ID, agreed(), refuse); care.ErrorCode(err) != care.EINVALID {
		t.Fatalf("err = %v", err)
	}
	if vs, err := s.FindVersions(testCtx, p.ID); err != nil || len(vs) != 0 {
		t.Errorf("versions after a refused seal = %d, %v", len(vs), err)
	}
	var seen *care.PlanVersion
	v, err := s.AgreePlan(testCtx, p.ID, agreed(), func(_ context.Context, v *care.PlanVersion) error { seen = v; return v.Intact() })
	if err != nil || seen == nil || seen.Hash != v.Hash || v.Number != 1 {
		t.Errorf("sealed %+v, agreed %+v, %v", seen, v, err)
	}
}
