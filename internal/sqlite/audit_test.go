package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

func TestAccountService(t *testing.T) {
	db := MustOpenDB(t)
	s := sqlite.NewAccountService(db)
	ctx := context.Background()
	a := &care.Account{Name: " Sam Okafor ", Role: "Care coordinator"}
	if err := s.CreateAccount(ctx, a, care.AccountSlots{KeySlot: "k", RecoverySlot: "r"}); err != nil {
		t.Fatal(err)
	}
	t.Run("ErrNameTaken", func(t *testing.T) {
		wantCode(t, s.CreateAccount(ctx, &care.Account{Name: "sam okafor", Role: "Nurse"}, care.AccountSlots{}), care.EINVALID, "name")
	})
	t.Run("ErrNoRole", func(t *testing.T) {
		wantCode(t, s.CreateAccount(ctx, &care.Account{Name: "Ola", Role: " "}, care.AccountSlots{}), care.EINVALID, "role")
	})
	t.Run("FindByNameAnyCase", func(t *testing.T) {
		got, slots, err := s.FindAccountByName(ctx, "SAM OKAFOR")
		if err != nil || got.ID != a.ID || got.Name != "Sam Okafor" || slots.KeySlot != "k" || slots.RecoverySlot != "r" {
			t.Fatalf("got %+v %+v %v", got, slots, err)
		}
	})
	t.Run("FailuresCountAndClear", func(t *testing.T) {
		s.RecordSignIn(ctx, a.ID, false, time.Now())
		s.RecordSignIn(ctx, a.ID, false, time.Now())
		if _, slots, _ := s.FindAccountByName(ctx, "Sam Okafor"); slots.Failures != 2 || slots.LastFailure.IsZero() {
			t.Errorf("slots = %+v", slots)
		}
		s.RecordSignIn(ctx, a.ID, true, time.Now())
		if _, slots, _ := s.FindAccountByName(ctx, "Sam Okafor"); slots.Failures != 0 {
			t.Errorf("slots = %+v", slots)
		}
	})
	t.Run("SecretReplacesPlaintextSetting", func(t *testing.T) {
		settings := sqlite.NewSettingsService(db)
		settings.SetSettings(ctx, map[string]string{"signing.key": "-----BEGIN PRIVATE KEY-----"})
		if err := s.SetSecret(ctx, "signing.key", "sealed", map[string]string{"signing.leaf": "cert"}); err != nil {
			t.Fatal(err)
		}
		if v, _ := settings.FindSetting(ctx, "signing.key"); v != "" {
			t.Errorf("plaintext key still stored: %q", v)
		}
		if v, _ := s.FindSecret(ctx, "signing.key"); v != "sealed" {
			t.Errorf("secret = %q", v)
		}
		if v, _ := settings.FindSetting(ctx, "signing.leaf"); v != "cert" {
			t.Errorf("setting stored with it = %q", v)
		}
	})
}

func TestIntegrityChains(t *testing.T) {
	db := MustOpenDB(t)
	ctx := testCtx
	p := MustCreatePerson(t, db, care.Person{GivenName: "Zoë", FamilyName: "Adebayo", DateOfBirth: "1990-01-01"})
	records := sqlite.NewRecordService(db)
	for _, v := range []string{"My garden", "My dog", "My choir"} {
		rec, _ := records.FindRecord(ctx, p.ID)
		if err := records.SaveFields(ctx, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
			[]care.FieldChange{{Key: "mostImportant", Value: v, Version: rec.Fields[care.SectionAboutMe]["mostImportant"].Version}}); err != nil {
			t.Fatal(err)
		}
	}
	audit := sqlite.NewAuditService(db)
	for range 3 {
		if err := audit.Audit(ctx, &care.AuditEvent{Actor: care.Actor{Name: "Sam"}, Action: care.AuditOpenRecord, PersonID: p.ID}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := audit.VerifyIntegrity(ctx)
	if err != nil || !r.OK() || r.HistoryRows < 3 || r.AuditRows != 3 {
		t.Fatalf("fresh database: %+v %v", r, err)
	}
	if events, n, _ := audit.FindAudit(ctx, p.ID, 0, 10); n != 3 || events[0].Action != care.AuditOpenRecord {
		t.Errorf("audit = %d %+v", n, events)
	}
	t.Run("RowsCannotBeChangedOrRemoved", func(t *testing.T) {
		for _, q := range []string{`DELETE FROM history WHERE id = 2`, `DELETE FROM audit`, `UPDATE audit SET detail = 'x'`} {
			if err := db.ExecForTest(q); err == nil {
				t.Errorf("%s was allowed", q)
			}
		}
	})
	t.Run("RawSQLDeleteIsFound", func(t *testing.T) {
		if err := db.ExecForTest(`DROP TRIGGER history_no_delete; DELETE FROM history WHERE id = 2`); err != nil {
			t.Fatal(err)
		}
		r, _ := audit.VerifyIntegrity(ctx)
		if r.OK() || !strings.Contains(r.Problems[0], "History row 3: the row before it was removed or changed") {
			t.Errorf("problems = %q", r.Problems)
		}
	})
	t.Run("RawSQLChangeAndTailDeleteAreFound", func(t *testing.T) {
		if err := db.ExecForTest(`DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
			UPDATE audit SET detail = 'nothing to see' WHERE id = 1; DELETE FROM audit WHERE id = 3`); err != nil {
			t.Fatal(err)
		}
		r, _ := audit.VerifyIntegrity(ctx)
		joined := strings.Join(r.Problems, "|")
		if !strings.Contains(joined, "Audit row 1 was changed after it was written") {
			t.Errorf("problems = %q", r.Problems)
		}
	})
}

func TestLegacyHistoryIsChained(t *testing.T) {
	db := MustOpenDB(t)
	p := MustCreatePerson(t, db, care.Person{GivenName: "Zoë", FamilyName: "Adebayo", DateOfBirth: "1990-01-01"})
	// Rows written before the chain existed have no hashes.
	if err := db.ExecForTest(`DROP TRIGGER history_no_update; UPDATE history SET prev_hash = '', hash = '';
		CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT RAISE(ABORT, 'history rows are never changed'); END`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	r, err := sqlite.NewAuditService(db).VerifyIntegrity(context.Background())
	if err != nil || !r.OK() || r.HistoryRows == 0 {
		t.Fatalf("after chaining legacy rows: %+v %v", r, err)
	}
	_ = p
	if err := db.ExecForTest(`UPDATE history SET after = 'forged'`); err == nil {
		t.Error("the trigger was not put back")
	}
}

// BenchmarkVerifyIntegrity checks a chain of 100,000 history rows (the
// target is 2 s).
func BenchmarkVerifyIntegrity(b *testing.B) {
	db := MustOpenDB(b)
	p := MustCreatePerson(b, db, care.Person{GivenName: "Zoë", FamilyName: "Adebayo", DateOfBirth: "1990-01-01"})
	if err := db.ExecForTest(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
		INSERT INTO history (id, person_id, at, actor_name, actor_role, action, section, field, before, after)
		SELECT i + 1000, ` + itoa(p.ID) + `, '2026-12-01T10:00:00Z', 'Sam Okafor', 'Care coordinator', 'edit', 'aboutMe', 'mostImportant',
		'My garden, my dog and my choir', 'My garden ' || i FROM n`); err != nil {
		b.Fatal(err)
	}
	db.Close()
	if err := db.Open(); err != nil { // chains the rows
		b.Fatal(err)
	}
	audit := sqlite.NewAuditService(db)
	b.ResetTimer()
	for b.Loop() {
		r, err := audit.VerifyIntegrity(context.Background())
		if err != nil || !r.OK() || r.HistoryRows < 100000 {
			b.Fatalf("%+v %v", r, err)
		}
	}
}
