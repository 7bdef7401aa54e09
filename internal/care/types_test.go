package care_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
)

func pence(n int64) *int64 { return &n }

// mappingTests are stored values, as Clean leaves them, and the typed
// value they read as: reading and writing back must give the same values.
var mappingTests = []struct {
	section string
	values  map[string]string
	want    any
}{
	{care.SectionContacts, map[string]string{"name": "Ola", "type": "family", "relationship": "daughter", "phone": "07700 900123",
		"email": "ola@example.com", "address": "Flat 2", "isCarer": "true", "carerNeeds": "A break on Thursdays", "receivesCopy": "true", "involved": "true"},
		care.Contact{Name: "Ola", Type: "family", Relationship: "daughter", Phone: "07700 900123", Email: "ola@example.com", Address: "Flat 2",
			IsCarer: true, CarerNeeds: "A break on Thursdays", ReceivesCopy: true, Involved: true}},
	{care.SectionContacts, map[string]string{"name": "Siân", "type": "friend"}, care.Contact{Name: "Siân", Type: "friend"}},
	{care.SectionCareTeam, map[string]string{"name": "Sam", "role": "social-worker", "team": "East", "organisation": "Council",
		"phone": "01632 960 100", "email": "sam@example.org", "keyWorker": "true"},
		care.CareTeamMember{Name: "Sam", Role: "social-worker", Team: "East", Organisation: "Council", Phone: "01632 960 100",
			Email: "sam@example.org", KeyWorker: true}},
	{care.SectionCommunicationNeeds, map[string]string{"need": "spoken-language-interpreter", "language": "Polish", "forWhom": "5"},
		care.CommunicationNeed{Need: "spoken-language-interpreter", Language: "Polish", ForWhom: 5}},
	{care.SectionCommunicationNeeds, map[string]string{"need": "other", "detail": "Write it down"},
		care.CommunicationNeed{Need: "other", Detail: "Write it down"}},
	{care.SectionStrengths, map[string]string{"text": "I knit"}, care.Strength{Text: "I knit"}},
	{care.SectionCommunity, map[string]string{"name": "Choir", "gives": "Friends", "contact": "Father Tomasz"},
		care.CommunityConnection{Name: "Choir", Gives: "Friends", Contact: "Father Tomasz"}},
	{care.SectionNeeds, map[string]string{"kind": "condition", "text": "COPD"}, care.Need{Kind: "condition", Text: "COPD"}},
	{care.SectionGoals, map[string]string{"text": "Allotment", "why": "It keeps me going", "importance": "10", "status": "in-progress",
		"meeting": "3", "contribution": "8"},
		care.Goal{Text: "Allotment", Why: "It keeps me going", Importance: 10, Status: "in-progress", Meeting: 3, Contribution: 8}},
	{care.SectionActions, map[string]string{"what": "Ask about a raised bed", "owner": "contact:5", "byWhen": "2026-12-15",
		"status": "not-started", "confidence": "7", "goal": "10", "meeting": "3", "contribution": "9"},
		care.Action{What: "Ask about a raised bed", Owner: care.Owner{Kind: care.OwnerContact, ID: 5}, ByWhen: "2026-12-15",
			Status: "not-started", Confidence: 7, Goal: 10, Meeting: 3, Contribution: 9}},
	{care.SectionActions, map[string]string{"what": "Rehab", "owner": "service", "service": "Riverside rehab"},
		care.Action{What: "Rehab", Owner: care.Owner{Kind: care.OwnerService}, Service: "Riverside rehab"}},
	{care.SectionActions, map[string]string{"what": "Not decided"}, care.Action{What: "Not decided"}},
	{care.SectionCrisisContacts, map[string]string{"name": "NHS 111", "phone": "111", "when": "any"},
		care.CrisisContact{Name: "NHS 111", Phone: "111", When: "any"}},
	{care.SectionAboutMe, map[string]string{"mostImportant": "My flat", "mostImportantNote": "41 years", "supportedBy": "Ola"},
		care.AboutMe{MostImportant: "My flat", MostImportantNote: "41 years", SupportedBy: "Ola"}},
	{care.SectionCommunication, map[string]string{"printFormat": "large-print"}, care.Communication{PrintFormat: "large-print"}},
	{care.SectionLegal, map[string]string{"consent": "yes", "shareWith": "Ola", "lpa": "Ola", "advanceDecision": "Blue folder",
		"respect": "yes", "respectWhere": "Kitchen", "other": "Will"},
		care.Legal{Consent: "yes", ShareWith: "Ola", LPA: "Ola", AdvanceDecision: "Blue folder", Respect: "yes", RespectWhere: "Kitchen", Other: "Will"}},
	{care.SectionCrisis, map[string]string{"triggers": "Breathless", "whatToDo": "Call Ola", "coping": "Window", "advanceStatement": "Drawer"},
		care.Crisis{Triggers: "Breathless", WhatToDo: "Call Ola", Coping: "Window", AdvanceStatement: "Drawer"}},
	{care.SectionBudget, map[string]string{"amount": "125050", "frequency": "monthly", "managed": "direct-payment", "source": "Council", "spentOn": "A PA"},
		care.Budget{AmountPence: pence(125050), Frequency: "monthly", Managed: "direct-payment", Source: "Council", SpentOn: "A PA"}},
	{care.SectionBudget, map[string]string{"amount": "0", "frequency": "once"}, care.Budget{AmountPence: pence(0), Frequency: "once"}},
	{care.SectionBudget, map[string]string{}, care.Budget{}},
	{care.SectionReview, map[string]string{"date": "2027-05-21", "responsible": "Sam"}, care.Review{Date: "2027-05-21", Responsible: "Sam"}},
}

func TestDecode(t *testing.T) {
	for _, tt := range mappingTests {
		t.Run(tt.section, func(t *testing.T) {
			got := care.Decode(tt.section, tt.values)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Decode = %+v, want %+v", got, tt.want)
			}
			if back := care.ValuesOf(got); !reflect.DeepEqual(back, tt.values) {
				t.Errorf("ValuesOf = %v, want %v", back, tt.values)
			}
		})
	}
	t.Run("UnknownSection", func(t *testing.T) {
		if got := care.Decode("pets", map[string]string{"name": "Cat"}); got != nil {
			t.Errorf("Decode = %v, want nil", got)
		}
	})
}

// TestMappingMatchesClean checks that what Clean stores reads back the
// same: every value typed in a form survives the trip through the types.
func TestMappingMatchesClean(t *testing.T) {
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	for _, tt := range mappingTests {
		t.Run(tt.section, func(t *testing.T) {
			spec := care.FindSection(tt.section)
			cleaned, err := spec.CleanValues(tt.values, now)
			if err != nil && care.ErrorCode(err) != care.EINVALID {
				t.Fatal(err)
			}
			for k, v := range cleaned {
				if back := care.ValuesOf(care.Decode(tt.section, cleaned))[k]; back != v {
					t.Errorf("%s = %q is read back as %q", k, v, back)
				}
			}
		})
	}
}

var cleanNormalizesTests = []struct {
	name, section, key, in, want string
}{
	{"ScaleLeadingZero", care.SectionGoals, "importance", "07", "7"},
	{"ScalePlus", care.SectionGoals, "importance", "+7", "7"},
	{"GoalRefLeadingZero", care.SectionActions, "goal", "013", "13"},
	{"ContactRefLeadingZero", care.SectionCommunicationNeeds, "forWhom", "05", "5"},
	{"OwnerLeadingZero", care.SectionActions, "owner", "contact:05", "contact:5"},
	{"OwnerPerson", care.SectionActions, "owner", "person", "person"},
}

// TestClean_Normalizes checks that numbers and owners are stored as the
// types write them, so that stored values and types agree.
func TestClean_Normalizes(t *testing.T) {
	for _, tt := range cleanNormalizesTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := care.FindSection(tt.section).Field(tt.key).Clean(tt.in, time.Now())
			if err != nil || got != tt.want {
				t.Errorf("Clean(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

// record is a person's record with a contact (5) who has a need, a second
// contact (15), a GP (6), a key worker (16), a goal (10), an action (11)
// owned by the contact, an action (12) owned by the GP for the goal, and
// a communication need (7) for the contact.
func record() *care.Record {
	item := func(id int64, section string, kv ...string) *care.Item {
		values := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			values[kv[i]] = kv[i+1]
		}
		return &care.Item{ID: id, UUID: "uuid-" + care.Itoa(id), PersonID: 1, Section: section, Values: values}
	}
	return &care.Record{Person: &care.Person{ID: 1, GivenName: "Gosia"}, Fields: map[string]map[string]care.RecordField{
		care.SectionBudget: {"amount": {Value: "125050"}, "frequency": {Value: "monthly"}},
	}, Items: map[string][]*care.Item{
		care.SectionContacts: {item(5, care.SectionContacts, "name", "Ola", "type", "family", "isCarer", "true"),
			item(15, care.SectionContacts, "name", "Siân", "type", "friend")},
		care.SectionCareTeam: {item(6, care.SectionCareTeam, "name", "Dr Rao", "role", "gp"),
			item(16, care.SectionCareTeam, "name", "Sam", "role", "social-worker", "keyWorker", "true")},
		care.SectionGoals:   {item(10, care.SectionGoals, "text", "Allotment")},
		care.SectionActions: {item(11, care.SectionActions, "what", "Ask", "owner", "contact:5"), item(12, care.SectionActions, "what", "Refer", "owner", "professional:6", "goal", "10")},
		care.SectionCommunicationNeeds: {item(7, care.SectionCommunicationNeeds, "need", "large-print", "forWhom", "5"),
			item(8, care.SectionCommunicationNeeds, "need", "bsl-interpreter")},
	}}
}

func TestRecord_Accessors(t *testing.T) {
	r := record()
	if got := r.Contacts(); len(got) != 2 || got[0] != (care.Contact{ID: 5, UUID: "uuid-5", Name: "Ola", Type: "family", IsCarer: true}) {
		t.Errorf("Contacts = %+v", got)
	}
	if got := r.Actions(); len(got) != 2 || got[1].Owner != (care.Owner{Kind: care.OwnerProfessional, ID: 6}) || got[1].Goal != 10 {
		t.Errorf("Actions = %+v", got)
	}
	if got := r.Budget(); got.AmountPence == nil || *got.AmountPence != 125050 || got.Frequency != "monthly" {
		t.Errorf("Budget = %+v", got)
	}
	if got := r.Review(); got != (care.Review{}) {
		t.Errorf("Review = %+v, want none", got)
	}
	if got, want := care.CommunicationBanner(r), "Large print (for Ola, carer); British Sign Language interpreter"; got != want {
		t.Errorf("CommunicationBanner = %q, want %q", got, want)
	}
	p := r.Plan()
	if c := p.Contact(15); c == nil || c.Name != "Siân" {
		t.Errorf("Plan.Contact(15) = %+v", c)
	}
	if c := p.Contact(0); c != nil {
		t.Errorf("Plan.Contact(0) = %+v, want nil", c)
	}
	it := care.NewItem(1, p.Actions[0])
	if it.ID != 11 || it.UUID != "uuid-11" || it.Section != care.SectionActions || !reflect.DeepEqual(it.Values, r.Items[care.SectionActions][0].Values) {
		t.Errorf("NewItem = %+v", it)
	}
}

var checkItemTests = []struct {
	name    string
	section string
	id      int64
	values  map[string]string
	field   string
	message string
}{
	{"OK", care.SectionContacts, 0, map[string]string{"name": "Ann", "type": "friend"}, "", ""},
	{"OKKeyWorkerItself", care.SectionCareTeam, 16, map[string]string{"name": "Sam", "role": "social-worker", "keyWorker": "true"}, "", ""},
	{"OKNotKeyWorker", care.SectionCareTeam, 0, map[string]string{"name": "Ann", "role": "nurse"}, "", ""},
	{"ErrSecondKeyWorker", care.SectionCareTeam, 6, map[string]string{"name": "Dr Rao", "role": "gp", "keyWorker": "true"},
		"keyWorker", "Sam is already the key worker. There can be only one: change Sam's details first"},
	{"ErrNewKeyWorker", care.SectionCareTeam, 0, map[string]string{"name": "Ann", "role": "nurse", "keyWorker": "true"},
		"keyWorker", "Sam is already the key worker. There can be only one: change Sam's details first"},
	{"OKOwnerContact", care.SectionActions, 0, map[string]string{"what": "Call", "owner": "contact:15"}, "", ""},
	{"OKOwnerProfessional", care.SectionActions, 0, map[string]string{"what": "Call", "owner": "professional:16"}, "", ""},
	{"OKOwnerPerson", care.SectionActions, 0, map[string]string{"what": "Call", "owner": "person"}, "", ""},
	{"OKOwnerParticipant", care.SectionActions, 0, map[string]string{"what": "Call", "owner": "participant:99"}, "", ""},
	{"ErrOwnerGone", care.SectionActions, 0, map[string]string{"what": "Call", "owner": "contact:99"},
		"owner", "The person chosen to do this is no longer in the record. Choose someone else"},
	{"ErrOwnerContactIsProfessional", care.SectionActions, 0, map[string]string{"what": "Call", "owner": "contact:6"},
		"owner", "The person chosen to do this is no longer in the record. Choose someone else"},
	{"ErrOwnerProfessionalIsContact", care.SectionActions, 0, map[string]string{"what": "Call", "owner": "professional:5"},
		"owner", "The person chosen to do this is no longer in the record. Choose someone else"},
	{"OKGoal", care.SectionActions, 0, map[string]string{"what": "Call", "goal": "10"}, "", ""},
	{"ErrGoalGone", care.SectionActions, 0, map[string]string{"what": "Call", "goal": "99"}, "goal", "Choose one of the person's goals"},
	{"ErrGoalIsAction", care.SectionActions, 0, map[string]string{"what": "Call", "goal": "11"}, "goal", "Choose one of the person's goals"},
	{"ErrOwnerBeforeGoal", care.SectionActions, 0, map[string]string{"what": "Call", "owner": "contact:99", "goal": "99"},
		"owner", "The person chosen to do this is no longer in the record. Choose someone else"},
	{"OKNeedForPerson", care.SectionCommunicationNeeds, 0, map[string]string{"need": "braille"}, "", ""},
	{"OKNeedForContact", care.SectionCommunicationNeeds, 0, map[string]string{"need": "braille", "forWhom": "15"}, "", ""},
	{"ErrNeedForGone", care.SectionCommunicationNeeds, 0, map[string]string{"need": "braille", "forWhom": "99"},
		"forWhom", "Choose the person or one of their contacts"},
	{"ErrNeedForProfessional", care.SectionCommunicationNeeds, 0, map[string]string{"need": "braille", "forWhom": "6"},
		"forWhom", "Choose the person or one of their contacts"},
}

func TestRecord_CheckItem(t *testing.T) {
	for _, tt := range checkItemTests {
		t.Run(tt.name, func(t *testing.T) {
			err := record().CheckItem(tt.section, tt.id, tt.values)
			if got := care.ErrorMessage(err); got != tt.message {
				t.Errorf("message = %q, want %q", got, tt.message)
			}
			if got := care.ErrorField(err); got != tt.field {
				t.Errorf("field = %q, want %q", got, tt.field)
			}
			if err != nil && care.ErrorCode(err) != care.EINVALID {
				t.Errorf("code = %q, want %q", care.ErrorCode(err), care.EINVALID)
			}
		})
	}
}

var checkRemoveTests = []struct {
	name    string
	id      int64
	message string
}{
	{"OKContactWithNothing", 15, ""},
	{"OKKeyWorker", 16, ""},
	{"OKAction", 11, ""},
	{"OKNeed", 7, ""},
	{"OKGone", 99, ""},
	{"ErrGoalHasActions", 10, "This goal has 1 action in the plan. Change it first"},
	{"ErrContactOwnsActions", 5, "Ola has 1 action in the plan. Change it first"},
	{"ErrProfessionalOwnsActions", 6, "Dr Rao has 1 action in the plan. Change it first"},
}

func TestRecord_CheckRemove(t *testing.T) {
	for _, tt := range checkRemoveTests {
		t.Run(tt.name, func(t *testing.T) {
			err := record().CheckRemove(tt.id)
			if got := care.ErrorMessage(err); got != tt.message {
				t.Errorf("message = %q, want %q", got, tt.message)
			}
			if err != nil && care.ErrorCode(err) != care.EINVALID {
				t.Errorf("code = %q, want %q", care.ErrorCode(err), care.EINVALID)
			}
		})
	}
	t.Run("ErrContactHasNeeds", func(t *testing.T) {
		r := record()
		r.Items[care.SectionActions] = r.Items[care.SectionActions][1:]
		if got, want := care.ErrorMessage(r.CheckRemove(5)), "Ola has communication needs recorded. Remove those first"; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
	})
	t.Run("ErrPlural", func(t *testing.T) {
		r := record()
		r.Items[care.SectionActions] = append(r.Items[care.SectionActions], &care.Item{ID: 13, Section: care.SectionActions,
			Values: map[string]string{"what": "More", "owner": "contact:5"}})
		if got, want := care.ErrorMessage(r.CheckRemove(5)), "Ola has 2 actions in the plan. Change them first"; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
	})
}

// format1 is a snapshot as stored before format 2 (no "format").
const format1 = `{"version":1,"agreedAt":"2026-11-21T10:30:00Z","person":{"id":1,"givenName":"Zoë","familyName":"Ó","preferredName":"","pronouns":"","dateOfBirth":"1950-01-01","nhsNumber":""},` +
	`"sections":{"actions":{"items":[{"goal":"1","id":"3","owner":"contact:2","what":"Call"}]},"budget":{"fields":{"amount":"0"}},` +
	`"contacts":{"items":[{"id":"2","isCarer":"true","name":"Ola","type":"family"}]},"goals":{"items":[{"id":"1","status":"in-progress","text":"Swim"}]}}}`

func TestSnapshot_Formats(t *testing.T) {
	old, err := care.ReadSnapshot([]byte(format1))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Format1KeepsItsBytes", func(t *testing.T) {
		if got, _ := old.Canonical(); string(got) != format1 {
			t.Errorf("canonical =\n%s\nwant\n%s", got, format1)
		}
		if old.Format != 0 {
			t.Errorf("format = %d, want 0 (format 1)", old.Format)
		}
	})
	t.Run("Format1View", func(t *testing.T) {
		p := old.View()
		want := &care.Plan{
			Contacts: []care.Contact{{ID: 2, Name: "Ola", Type: "family", IsCarer: true}},
			Goals:    []care.Goal{{ID: 1, Text: "Swim", Status: "in-progress"}},
			Actions:  []care.Action{{ID: 3, What: "Call", Owner: care.Owner{Kind: care.OwnerContact, ID: 2}, Goal: 1}},
			Budget:   care.Budget{AmountPence: pence(0)},
		}
		if !reflect.DeepEqual(p, want) {
			t.Errorf("view = %+v, want %+v", p, want)
		}
	})
	upgraded := &care.Snapshot{Format: care.SnapshotFormat, Version: old.Version, AgreedAt: old.AgreedAt, Person: old.Person, Plan: old.View()}
	b, err := upgraded.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Format2", func(t *testing.T) {
		want := `{"format":2,"version":1,"agreedAt":"2026-11-21T10:30:00Z","person":{"id":1,"givenName":"Zoë","familyName":"Ó","preferredName":"","pronouns":"","dateOfBirth":"1950-01-01","nhsNumber":""},` +
			`"plan":{"contacts":[{"id":2,"name":"Ola","type":"family","isCarer":true}],"goals":[{"id":1,"text":"Swim","status":"in-progress"}],` +
			`"actions":[{"id":3,"what":"Call","owner":"contact:2","goal":1}],"budget":{"amountPence":0}}}`
		if string(b) != want {
			t.Errorf("canonical =\n%s\nwant\n%s", b, want)
		}
		again, err := care.ReadSnapshot(b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(again.View(), old.View()) {
			t.Errorf("format 2 reads as %+v, want %+v", again.View(), old.View())
		}
		if c, _ := again.Canonical(); string(c) != string(b) {
			t.Errorf("format 2 canonical changed:\n%s\n%s", c, b)
		}
	})
	t.Run("DiffAcrossFormats", func(t *testing.T) {
		if got := care.Diff(old, upgraded); len(got) != 0 {
			t.Errorf("diff of the same plan in two formats = %v", got)
		}
		upgraded.Plan.Goals = []care.Goal{{ID: 1, Text: "Swim", Status: "achieved"}, {ID: 4, Text: "Walk"}}
		upgraded.Plan.Actions[0].Owner = care.Owner{Kind: care.OwnerPerson}
		checkDiff(t, old, upgraded, "My goals | Goal achieved: Swim", "My goals | Goal added: Walk", "Who will do what, and by when | Action changed: Call")
	})
	t.Run("NewSnapshotIsFormat2", func(t *testing.T) {
		s := care.NewSnapshot(record(), 1, time.Date(2026, 11, 21, 10, 30, 0, 0, time.UTC))
		b, _ := s.Canonical()
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(b, &probe); err != nil {
			t.Fatal(err)
		}
		if string(probe["format"]) != "2" || probe["plan"] == nil || probe["sections"] != nil {
			t.Errorf("new snapshot = %s", b)
		}
		if !strings.Contains(string(b), `"uuid":"uuid-5"`) {
			t.Errorf("new snapshot does not carry the items' UUIDs: %s", b)
		}
	})
	t.Run("ErrNewerFormat", func(t *testing.T) {
		_, err := care.ReadSnapshot([]byte(`{"format":3,"version":1}`))
		if care.ErrorCode(err) != care.EINVALID {
			t.Errorf("err = %v, want EINVALID", err)
		}
	})
	t.Run("ErrNotJSON", func(t *testing.T) {
		if _, err := care.ReadSnapshot([]byte(`{`)); care.ErrorCode(err) != care.EINVALID {
			t.Errorf("err = %v, want EINVALID", err)
		}
	})
}

// StoredKey names the key a typed field is stored under, as the mapping
// reads it, and refuses a field that is not stored.
func TestStoredKey(t *testing.T) {
	a := care.Action{Owner: care.Owner{Kind: care.OwnerContact, ID: 4}, ByWhen: "2026-12-01", Status: care.ActionDone, Meeting: 9}
	values := care.ValuesOf(a)
	for field, want := range map[string]string{"Owner": "contact:4", "ByWhen": "2026-12-01", "Status": "done", "Meeting": "9"} {
		if got := values[care.StoredKey[care.Action](field)]; got != want {
			t.Errorf("values[StoredKey(%s)] = %q, want %q", field, got, want)
		}
	}
	if got := care.StoredKey[care.Review]("Date"); got != "date" {
		t.Errorf("StoredKey[Review](Date) = %q", got)
	}
	for _, field := range []string{"ID", "Nope"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("StoredKey[Action](%q) did not panic", field)
				}
			}()
			care.StoredKey[care.Action](field)
		}()
	}
}

// A participant owns actions as the person, as the contact or care-team
// member they came from, or as themselves.
func TestParticipant_Owner(t *testing.T) {
	for _, tt := range []struct {
		p    care.Participant
		want string
	}{
		{care.Participant{ID: 3, Kind: care.ParticipantPerson}, "person"},
		{care.Participant{ID: 3, Kind: care.ParticipantContact, SourceItemID: 12}, "contact:12"},
		{care.Participant{ID: 3, Kind: care.ParticipantProfessional, SourceItemID: 7}, "professional:7"},
		{care.Participant{ID: 3, Kind: care.ParticipantOther}, "participant:3"},
	} {
		if got := tt.p.Owner().String(); got != tt.want {
			t.Errorf("%s participant's owner = %q, want %q", tt.p.Kind, got, tt.want)
		}
	}
}
