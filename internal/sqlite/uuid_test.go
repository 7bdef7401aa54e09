package sqlite_test

import (
	"database/sql"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// uuidTables are the tables whose rows can travel beyond one database.
var uuidTables = []string{"people", "record_items", "meetings", "participants", "agenda_items", "contributions", "decisions", "plan_versions", "plan_copies"}

// wellFormed matches a version 4 UUID in lower-case canonical text.
var wellFormed = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// openRaw opens the database file at path directly, around the store.
func openRaw(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

// checkStoredUUIDs checks that every row of every uuidTables table has a
// well-formed UUID and that no two rows anywhere share one; it returns the
// number of rows per table.
func checkStoredUUIDs(t *testing.T, raw *sql.DB) map[string]int {
	t.Helper()
	seen := map[string]string{}
	counts := map[string]int{}
	for _, table := range uuidTables {
		rows, err := raw.Query(`SELECT id, IFNULL(uuid, '') FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			var u string
			if err := rows.Scan(&id, &u); err != nil {
				t.Fatal(err)
			}
			counts[table]++
			if !wellFormed.MatchString(u) {
				t.Errorf("%s row %d: uuid %q is not a lower-case version 4 UUID", table, id, u)
			}
			if other, ok := seen[u]; ok {
				t.Errorf("%s row %d: uuid %s is also %s's", table, id, u, other)
			}
			seen[u] = table
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return counts
}

func TestUUIDs_OnCreate(t *testing.T) {
	db := MustOpenDB(t)
	ps, rs, ms, vs := sqlite.NewPersonService(db), sqlite.NewRecordService(db), sqlite.NewMeetingService(db), sqlite.NewVersionService(db)
	made := map[string]string{} // uuid → what it was given to
	give := func(what, u string) {
		t.Helper()
		if !wellFormed.MatchString(u) {
			t.Errorf("%s: uuid %q is not a lower-case version 4 UUID", what, u)
		} else if other, ok := made[u]; ok {
			t.Errorf("%s: uuid %s was already given to %s", what, u, other)
		}
		made[u] = what
	}
	same := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s read back with uuid %q, want %q", what, got, want)
		}
	}

	p := MustCreatePerson(t, db, zoe())
	q := MustCreatePerson(t, db, care.Person{GivenName: "Ola", FamilyName: "Nowak", DateOfBirth: "1962-08-15"})
	give("person 1", p.UUID)
	give("person 2", q.UUID)
	if got, err := ps.FindPersonByID(testCtx, p.ID); err != nil {
		t.Fatal(err)
	} else {
		same("person", got.UUID, p.UUID)
	}

	ola := MustSaveItem(t, db, p, care.SectionContacts, map[string]string{"name": "Ola", "type": "family", "isCarer": "true"})
	gp := MustSaveItem(t, db, p, care.SectionCareTeam, map[string]string{"name": "Dr Rao", "role": "gp"})
	strength := MustSaveItem(t, db, q, care.SectionStrengths, map[string]string{"text": "Bakes for the street"})
	give("contact", ola.UUID)
	give("care team", gp.UUID)
	give("strength", strength.UUID)
	edit := &care.Item{ID: ola.ID, PersonID: p.ID, Section: care.SectionContacts, Version: ola.Version,
		Values: map[string]string{"name": "Ola", "type": "family", "phone": "01632 960 001"}}
	if err := rs.SaveItem(testCtx, edit); err != nil {
		t.Fatal(err)
	}
	same("edited contact", edit.UUID, ola.UUID)
	rec, err := rs.FindRecord(testCtx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	same("record person", rec.Person.UUID, p.UUID)
	same("contact", rec.Items[care.SectionContacts][0].UUID, ola.UUID)
	same("care team", rec.Items[care.SectionCareTeam][0].UUID, gp.UUID)

	m := MustCreateMeeting(t, db, p.ID)
	give("meeting", m.UUID)
	olaP := &care.Participant{MeetingID: m.ID, Name: "Ola", Role: "Daughter", Kind: care.ParticipantContact, SourceItemID: ola.ID, Attendance: "present"}
	if err := ms.SaveParticipant(testCtx, olaP); err != nil {
		t.Fatal(err)
	}
	give("participant", olaP.UUID)
	if err := ms.StartMeeting(testCtx, m.ID); err != nil {
		t.Fatal(err)
	}
	c := &care.Contribution{MeetingID: m.ID, ParticipantID: olaP.ID, Text: "She wants to get back to the allotment"}
	if err := ms.AddContribution(testCtx, c); err != nil {
		t.Fatal(err)
	}
	give("contribution", c.UUID)
	d := &care.Decision{MeetingID: m.ID, Decision: "Try a raised bed", Options: []care.DecisionOption{{Option: "Raised bed"}}}
	if err := ms.SaveDecision(testCtx, d); err != nil {
		t.Fatal(err)
	}
	give("decision", d.UUID)
	first := d.UUID
	d.Reservations = "Cost"
	if err := ms.SaveDecision(testCtx, d); err != nil {
		t.Fatal(err)
	}
	same("changed decision", d.UUID, first)
	if err := ms.EndMeeting(testCtx, m.ID, "", "We agreed to try a raised bed."); err != nil {
		t.Fatal(err)
	}
	got, err := ms.FindMeetingByID(testCtx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	same("meeting", got.UUID, m.UUID)
	for _, a := range got.Agenda {
		give("agenda item "+a.Title, a.UUID)
	}
	if len(got.Participants) != 2 || len(got.Contributions) != 1 || len(got.Decisions) != 1 {
		t.Fatalf("meeting = %+v", got)
	}
	give("the person as participant", got.Participants[0].UUID)
	same("participant", got.Participants[1].UUID, olaP.UUID)
	same("contribution", got.Contributions[0].UUID, c.UUID)
	same("decision", got.Decisions[0].UUID, d.UUID)

	v1, err := vs.AgreePlan(testCtx, p.ID, agreed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	MustSaveItem(t, db, p, care.SectionGoals, map[string]string{"text": "See my sister"})
	v2, err := vs.AgreePlan(testCtx, p.ID, agreed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	give("version 1", v1.UUID)
	give("version 2", v2.UUID)
	for _, v := range []*care.PlanVersion{v1, v2} {
		byUUID, err := vs.FindVersionByUUID(testCtx, strings.ToUpper(v.UUID))
		if err != nil || byUUID.ID != v.ID || byUUID.Hash != v.Hash {
			t.Errorf("FindVersionByUUID(%s) = %+v, %v", v.UUID, byUUID, err)
		}
		byHash, err := vs.FindVersionByHash(testCtx, v.Hash)
		if err != nil {
			t.Fatal(err)
		}
		same("version found by hash", byHash.UUID, v.UUID)
	}
	if _, err := vs.FindVersionByUUID(testCtx, "00000000-0000-4000-8000-000000000000"); care.ErrorCode(err) != care.ENOTFOUND {
		t.Errorf("FindVersionByUUID of no version: %v", err)
	}
	cp := &care.Copy{VersionID: v2.ID, Holder: "GP", Format: "standard", GivenOn: "2026-11-21"}
	if err := vs.RecordCopy(testCtx, cp); err != nil {
		t.Fatal(err)
	}
	give("copy", cp.UUID)
	withCopies, err := vs.FindVersionByUUID(testCtx, v2.UUID)
	if err != nil {
		t.Fatal(err)
	}
	copies := withCopies.Copies
	if len(copies) != 1 {
		t.Fatalf("copies = %+v", copies)
	}
	same("copy", copies[0].UUID, cp.UUID)

	counts := checkStoredUUIDs(t, openRaw(t, db.Path))
	for _, table := range uuidTables {
		if counts[table] == 0 {
			t.Errorf("no %s rows were made", table)
		}
	}
}

// TestUUIDs_Migration upgrades a database made by an older build, with a
// meeting added in its own schema: every existing row gets its own UUID,
// agreed versions keep their snapshots and hashes, and they stay locked.
func TestUUIDs_Migration(t *testing.T) {
	path := MustLegacyFile(t)

	type agreedVersion struct{ snapshot, hash string }
	before := map[int64]agreedVersion{}
	var trigger string
	func() {
		raw := openRaw(t, path)
		defer raw.Close()
		for _, q := range []string{
			`INSERT INTO meetings (id, person_id, date, time, place, purpose, created_at, updated_at)
				VALUES (100, 1, '2026-10-01', '10:00', 'Home', 'review', '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z')`,
			`INSERT INTO participants (id, meeting_id, name, kind, attendance) VALUES (100, 100, 'Gosia', 'person', 'present'), (101, 100, 'Ola', 'contact', 'present')`,
			`INSERT INTO agenda_items (id, meeting_id, position, title) VALUES (100, 100, 0, 'What matters')`,
			`INSERT INTO contributions (meeting_id, agenda_item_id, participant_id, text, persons_words, created_at, created_by)
				VALUES (100, 100, 100, 'I cook on Sundays', 1, '2026-10-01T10:05:00Z', 'Sam Okafor'), (100, 100, 101, 'She always has', 0, '2026-10-01T10:06:00Z', 'Sam Okafor')`,
			`INSERT INTO decisions (meeting_id, decision, options, created_at, updated_at) VALUES (100, 'Keep cooking at home', '[]', '2026-10-01T10:10:00Z', '2026-10-01T10:10:00Z')`,
			`INSERT INTO plan_copies (version_id, holder, format, given_on) VALUES (1, 'the person', 'standard', '2026-10-02'), (2, 'GP', 'large-print', '2026-10-03')`,
		} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := raw.Query(`SELECT id, snapshot, hash FROM plan_versions`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var v agreedVersion
			if err := rows.Scan(&id, &v.snapshot, &v.hash); err != nil {
				t.Fatal(err)
			}
			before[id] = v
		}
		if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'plan_versions_locked_update'`).Scan(&trigger); err != nil {
			t.Fatal(err)
		}
	}()
	if len(before) == 0 {
		t.Fatal("the legacy database has no agreed versions")
	}

	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw := openRaw(t, path)
	counts := checkStoredUUIDs(t, raw)
	for _, table := range uuidTables {
		if counts[table] == 0 {
			t.Errorf("no %s rows to migrate", table)
		}
	}

	vs := sqlite.NewVersionService(db)
	var people []int64
	rows, err := raw.Query(`SELECT id FROM people ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		people = append(people, id)
	}
	rows.Close()
	found := 0
	for _, id := range people {
		versions, err := vs.FindVersions(testCtx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range versions {
			found++
			was := before[v.ID]
			if string(v.Snapshot) != was.snapshot || v.Hash != was.hash {
				t.Errorf("version %d of person %d changed in the migration", v.Number, id)
			}
			if err := v.Intact(); err != nil {
				t.Errorf("version %d of person %d: %v", v.Number, id, err)
			}
			if byUUID, err := vs.FindVersionByUUID(testCtx, v.UUID); err != nil || byUUID.ID != v.ID {
				t.Errorf("FindVersionByUUID(%s) = %+v, %v", v.UUID, byUUID, err)
			}
		}
	}
	if found != len(before) {
		t.Errorf("found %d versions, want %d", found, len(before))
	}

	var after string
	if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'plan_versions_locked_update'`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != trigger {
		t.Errorf("update trigger after the migration:\n%s\nwant:\n%s", after, trigger)
	}
	for _, q := range []string{
		`UPDATE plan_versions SET uuid = '00000000-0000-4000-8000-000000000000' WHERE id = 1`,
		`UPDATE plan_versions SET snapshot = '{}' WHERE id = 1`,
		`DELETE FROM plan_versions WHERE id = 1`,
	} {
		if err := db.ExecForTest(q); err == nil || !strings.Contains(err.Error(), "locked") {
			t.Errorf("%s: err = %v, want it refused", q, err)
		}
	}

	raw.Close()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.VerifyFile(testCtx, path); err != nil {
		t.Errorf("the upgraded file does not verify as this build's: %v", err)
	}
}

// No row that can travel can be stored without a UUID, nor have its UUID
// changed: SQLite cannot make the added column NOT NULL, so triggers do.
func TestUUIDs_Required(t *testing.T) {
	db, p := MustOpenWithZoe(t)
	m := MustCreateMeeting(t, db, p.ID)
	raw := openRaw(t, db.Path)
	for _, table := range uuidTables {
		var n int
		if err := raw.QueryRow(`SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?`, table+"_uuid_insert").Scan(&n); err != nil {
			t.Fatal(err)
		} else if n != 1 {
			t.Errorf("%s has no trigger requiring a UUID", table)
		}
	}
	for _, q := range []string{
		`INSERT INTO people (given_name, family_name, date_of_birth, created_at, updated_at) VALUES ('Ann', 'Lee', '1950-01-01', '', '')`,
		`INSERT INTO people (uuid, given_name, family_name, date_of_birth, created_at, updated_at) VALUES ('', 'Ann', 'Lee', '1950-01-01', '', '')`,
		`INSERT INTO agenda_items (meeting_id, position, title) VALUES (` + strconv.FormatInt(m.ID, 10) + `, 9, 'Anything else')`,
		`UPDATE people SET uuid = NULL`,
		`UPDATE meetings SET uuid = '00000000-0000-4000-8000-000000000000'`,
		`UPDATE agenda_items SET uuid = '00000000-0000-4000-8000-000000000000' WHERE position = 0`,
	} {
		if err := db.ExecForTest(q); err == nil || !strings.Contains(err.Error(), "uuid") {
			t.Errorf("%s: err = %v, want it refused", q, err)
		}
	}
	if err := db.ExecForTest(`UPDATE people SET pronouns = 'she/her'`); err != nil {
		t.Errorf("a change that keeps the UUID is refused: %v", err)
	}
	checkStoredUUIDs(t, raw)
}

// people.name_fold, written and never read, is gone.
func TestMigration_NameFoldDropped(t *testing.T) {
	db := MustOpenDB(t)
	var n int
	if err := openRaw(t, db.Path).QueryRow(`SELECT COUNT(*) FROM pragma_table_info('people') WHERE name = 'name_fold'`).Scan(&n); err != nil {
		t.Fatal(err)
	} else if n != 0 {
		t.Error("people.name_fold is still there")
	}
}
