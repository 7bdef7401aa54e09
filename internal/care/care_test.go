package care_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
)

var nhsNumberTests = []struct {
	in, want, errMsg string
}{
	{"9434765919", "9434765919", ""},
	{"943 476 5919", "9434765919", ""},
	{" 943-476-5919 ", "9434765919", ""},
	{"", "", ""},
	{"4010232137", "4010232137", ""},
	{"9434765918", "", "Enter a valid NHS number. Check it on a letter or ask the person"},
	{"943476591", "", "NHS number must be 10 digits"},
	{"94347659190", "", "NHS number must be 10 digits"},
	{"943476591O", "", "NHS number must contain only numbers, like 943 476 5919"},
	{"abc", "", "NHS number must contain only numbers, like 943 476 5919"},
	{"943\x00476 5919", "", "NHS number must contain only numbers, like 943 476 5919"},
	{"１２３４５６７８９０", "", "NHS number must contain only numbers, like 943 476 5919"},
	// Check digit 10 is never valid: 000000006x has weighted sum 12, so 11-1=10.
	{"0000000060", "", "Enter a valid NHS number. Check it on a letter or ask the person"},
}

func TestNormalizeNHSNumber(t *testing.T) {
	for _, tt := range nhsNumberTests {
		got, err := care.NormalizeNHSNumber("nhsNumber", tt.in)
		if tt.errMsg == "" && err != nil {
			t.Errorf("NormalizeNHSNumber(%q): unexpected error %v", tt.in, err)
		} else if tt.errMsg != "" {
			if got, want := care.ErrorMessage(err), tt.errMsg; got != want {
				t.Errorf("NormalizeNHSNumber(%q) message = %q, want %q", tt.in, got, want)
			}
			if got, want := care.ErrorField(err), "nhsNumber"; got != want {
				t.Errorf("NormalizeNHSNumber(%q) field = %q, want %q", tt.in, got, want)
			}
		}
		if got != tt.want {
			t.Errorf("NormalizeNHSNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var now = time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)

var dateOfBirthTests = []struct {
	in, want, errMsg string
}{
	{"1950-02-28", "1950-02-28", ""},
	{"1952-02-29", "1952-02-29", ""},
	{"2026-11-20", "2026-11-20", ""},
	{"", "", "Enter the person's date of birth"},
	{"1950-02-31", "", "Date of birth must be a real date"},
	{"1951-02-29", "", "Date of birth must be a real date"},
	{"1950-13-01", "", "Date of birth must be a real date"},
	{"1950-00-10", "", "Date of birth must be a real date"},
	{"31/02/1950", "", "Date of birth must be a real date"},
	{"1950-1-x", "", "Date of birth must be a real date"},
	{"1950--1-10", "", "Date of birth must be a real date"},
	{"50-01-10", "", "Date of birth must include a year with 4 numbers"},
	{"2026-11-21", "", "Date of birth must be in the past"},
	{"2030-01-01", "", "Date of birth must be in the past"},
	{"1890-01-01", "", "Date of birth must be after 21 November 1896"},
}

func TestValidateDateOfBirth(t *testing.T) {
	for _, tt := range dateOfBirthTests {
		got, err := care.ValidateDateOfBirth("dateOfBirth", tt.in, now)
		if got, want := care.ErrorMessage(err), tt.errMsg; got != want {
			t.Errorf("ValidateDateOfBirth(%q) message = %q, want %q", tt.in, got, want)
		}
		if got != tt.want {
			t.Errorf("ValidateDateOfBirth(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func validPerson() *care.Person {
	return &care.Person{GivenName: "Zoë", FamilyName: "Ó'Brien-Łukasiewicz", DateOfBirth: "1950-04-01", NHSNumber: "943 476 5919"}
}

var personTests = []struct {
	name   string
	change func(p *care.Person)
	field  string
	errMsg string
}{
	{"ErrGivenNameRequired", func(p *care.Person) { p.GivenName = "" }, "givenName", "Enter the person's given name"},
	{"ErrGivenNameBlank", func(p *care.Person) { p.GivenName = " \t " }, "givenName", "Enter the person's given name"},
	{"ErrGivenNameInnerTab", func(p *care.Person) { p.GivenName = "Ann\tMarie" }, "givenName", "Given name must not contain line breaks, tabs or hidden control characters"},
	{"ErrGivenNameSpaces", func(p *care.Person) { p.GivenName = "    " }, "givenName", "Enter the person's given name"},
	{"ErrFamilyNameRequired", func(p *care.Person) { p.FamilyName = "" }, "familyName", "Enter the person's family name"},
	{"ErrNameTooLong", func(p *care.Person) { p.FamilyName = strings.Repeat("a", 10000) }, "familyName", "Family name must be 100 characters or fewer"},
	{"ErrNameNUL", func(p *care.Person) { p.GivenName = "Ann\x00" + "e" }, "givenName", "Given name must not contain line breaks, tabs or hidden control characters"},
	{"ErrNameControl", func(p *care.Person) { p.PreferredName = "A\x1bB" }, "preferredName", "Preferred name must not contain line breaks, tabs or hidden control characters"},
	{"ErrNameBadUTF8", func(p *care.Person) { p.GivenName = "\xff\xfe" }, "givenName", "Given name contains characters that cannot be read. Type it again"},
	{"ErrPronounsTooLong", func(p *care.Person) { p.Pronouns = strings.Repeat("x", 51) }, "pronouns", "Pronouns must be 50 characters or fewer"},
	{"ErrDateOfBirthFuture", func(p *care.Person) { p.DateOfBirth = "2027-01-01" }, "dateOfBirth", "Date of birth must be in the past"},
	{"ErrNHSNumberCheckDigit", func(p *care.Person) { p.NHSNumber = "9434765918" }, "nhsNumber", "Enter a valid NHS number. Check it on a letter or ask the person"},
}

func TestPerson_Validate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		p := validPerson()
		p.GivenName = "  Zoë  "
		p.PreferredName = "زوئی 🌷"
		p.Pronouns = "she/her"
		if err := p.Validate(now); err != nil {
			t.Fatal(err)
		}
		if got, want := p.GivenName, "Zoë"; got != want {
			t.Errorf("GivenName = %q, want %q", got, want)
		}
		if got, want := p.NHSNumber, "9434765919"; got != want {
			t.Errorf("NHSNumber = %q, want %q", got, want)
		}
	})
	t.Run("HTMLIsJustText", func(t *testing.T) {
		p := validPerson()
		p.GivenName = `<img src=x onerror=alert(1)>`
		if err := p.Validate(now); err != nil {
			t.Fatal(err)
		}
		if got, want := p.GivenName, `<img src=x onerror=alert(1)>`; got != want {
			t.Errorf("GivenName = %q, want %q", got, want)
		}
	})
	t.Run("ExactlyMaxLength", func(t *testing.T) {
		p := validPerson()
		p.FamilyName = strings.Repeat("ł", care.MaxNameLen)
		if err := p.Validate(now); err != nil {
			t.Fatal(err)
		}
	})
	for _, tt := range personTests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPerson()
			tt.change(p)
			err := p.Validate(now)
			if got, want := care.ErrorCode(err), care.EINVALID; got != want {
				t.Fatalf("code = %q, want %q (err %v)", got, want, err)
			}
			if got, want := care.ErrorField(err), tt.field; got != want {
				t.Errorf("field = %q, want %q", got, want)
			}
			if got, want := care.ErrorMessage(err), tt.errMsg; got != want {
				t.Errorf("message = %q, want %q", got, want)
			}
		})
	}
}

func TestPerson_DisplayName(t *testing.T) {
	p := &care.Person{GivenName: "Margaret", FamilyName: "Jones"}
	if got, want := p.DisplayName(), "Margaret Jones"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	p.PreferredName = "Peggy"
	if got, want := p.DisplayName(), "Peggy Jones"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

var foldTests = []example[string, string]{
	{"Zoë Ó'Brien-Łukasiewicz", "zoe obrienlukasiewicz"},
	{"  MARGARET   Jones ", "margaret jones"},
	{"Siân Llŷr", "sian llyr"},
	{"Małgorzata Wiśniewska", "malgorzata wisniewska"},
	{"王秀英", "王秀英"},
	{"عائشہ", "عائشہ"},
}

func TestFold(t *testing.T) { checkExamples(t, "Fold", care.Fold, foldTests) }

func TestErrorMessage_Internal(t *testing.T) {
	err := errors.New("SQL logic error: no such table: people")
	if got := care.ErrorMessage(err); strings.Contains(got, "SQL") {
		t.Errorf("message leaks detail: %q", got)
	}
	if got, want := care.ErrorCode(err), care.EINTERNAL; got != want {
		t.Errorf("code = %q, want %q", got, want)
	}
}

func TestPerson_Validate_AllErrors(t *testing.T) {
	p := &care.Person{GivenName: " ", FamilyName: "Jones", DateOfBirth: "1950-02-31", NHSNumber: "9434765918"}
	errs := care.FieldErrors(p.Validate(now))
	var got []string
	for _, e := range errs {
		got = append(got, e.Field)
	}
	if want := "[givenName dateOfBirth nhsNumber]"; fmt.Sprint(got) != want {
		t.Errorf("fields = %v, want %v", got, want)
	}
}

func TestDiff(t *testing.T) {
	old := &care.Snapshot{Sections: map[string]care.SnapshotSection{
		care.SectionAboutMe: {Fields: map[string]string{"wellness": "Walking"}},
		care.SectionGoals:   {Items: []map[string]string{{"id": "1", "text": "Allotment", "status": "in-progress"}, {"id": "2", "text": "Swim"}}},
		care.SectionActions: {Items: []map[string]string{{"id": "3", "what": "Call council", "status": "not-started"}}},
		care.SectionReview:  {Fields: map[string]string{"date": "2026-12-01"}},
	}}
	new := &care.Snapshot{Sections: map[string]care.SnapshotSection{
		care.SectionAboutMe: {Fields: map[string]string{"wellness": "Walking and swimming", "mostImportant": "My cat"}},
		care.SectionGoals:   {Items: []map[string]string{{"id": "1", "text": "Allotment", "status": "achieved"}, {"id": "4", "text": "See my sister"}}},
		care.SectionActions: {Items: []map[string]string{{"id": "3", "what": "Call council", "status": "done"}}},
		care.SectionReview:  {Fields: map[string]string{"date": "2027-06-01"}},
	}}
	checkDiff(t, old, new,
		"About me | What is most important to me: added",
		"About me | My wellness: changed",
		"My goals | Goal achieved: Allotment",
		"My goals | Goal added: See my sister",
		"My goals | Goal removed: Swim",
		"Who will do what, and by when | Action done: Call council",
		"When we will review this | Review date: 1 December 2026 → 1 June 2027",
	)
}

// checkDiff compares what Diff finds from old to new, a line
// "section | text" a change, with the lines of want.
func checkDiff(t *testing.T, old, new *care.Snapshot, want ...string) {
	t.Helper()
	var got []string
	for _, c := range care.Diff(old, new) {
		got = append(got, c.Section+" | "+c.Text)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diff =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDiff_PersonAndWordBoundaries(t *testing.T) {
	long := "Gosia would like to get back to her allotment on Saturday mornings with her grandson Tomek"
	old := &care.Snapshot{Person: care.SnapshotPerson{PreferredName: "Gosia", DateOfBirth: "1944-03-02"}, Sections: map[string]care.SnapshotSection{
		care.SectionGoals: {Items: []map[string]string{}}}}
	new := &care.Snapshot{Person: care.SnapshotPerson{PreferredName: "Małgosia", DateOfBirth: "1944-03-12", NHSNumber: "9434765919"},
		Sections: map[string]care.SnapshotSection{care.SectionGoals: {Items: []map[string]string{{"id": "1", "text": long}}}}}
	checkDiff(t, old, new,
		"Personal details | Preferred name: Gosia → Małgosia",
		"Personal details | Date of birth: 2 March 1944 → 12 March 1944",
		"Personal details | NHS number: not set → 943 476 5919",
		"My goals | Goal added: Gosia would like to get back to her allotment on Saturday…",
	)
}

func TestDiff_SharedDecisions(t *testing.T) {
	raised := care.SnapshotDecision{ID: 1, Decision: "Try a raised bed", Options: []care.SnapshotOption{{Option: "Raised bed", Risks: "Cost"}}}
	changed := raised
	changed.Options = []care.SnapshotOption{{Option: "Raised bed", Risks: "Cost, and the wait"}}
	rehab := care.SnapshotDecision{ID: 2, Decision: "Go to pulmonary rehab on Tuesdays"}
	for _, tt := range []struct {
		name     string
		old, new []care.SnapshotDecision
		want     string
	}{
		{"None", nil, nil, ""},
		{"AddedToAnOldVersion", nil, []care.SnapshotDecision{raised}, "Shared decisions | Shared decision added: Try a raised bed"},
		{"Same", []care.SnapshotDecision{raised}, []care.SnapshotDecision{raised}, ""},
		{"OptionChanged", []care.SnapshotDecision{raised}, []care.SnapshotDecision{changed}, "Shared decisions | Shared decision changed: Try a raised bed"},
		{"AddedAndRemoved", []care.SnapshotDecision{raised}, []care.SnapshotDecision{rehab},
			"Shared decisions | Shared decision added: Go to pulmonary rehab on Tuesdays\nShared decisions | Shared decision removed: Try a raised bed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			checkDiff(t, &care.Snapshot{Decisions: tt.old}, &care.Snapshot{Decisions: tt.new}, tt.want)
		})
	}
}

func TestSnapshot_AddMeetings(t *testing.T) {
	first := &care.Meeting{ID: 1, Date: "2026-11-01", Purpose: "first-plan", Summary: "First", EndedAt: now.Add(-48 * time.Hour),
		Decisions: []*care.Decision{{ID: 7, Decision: "Raised bed", Options: []care.DecisionOption{{Option: "Raised bed", Benefits: "Less bending"}}, WhatMatters: "Growing"}}}
	review := &care.Meeting{ID: 2, Date: "2026-11-20", Purpose: "review", Summary: "We reviewed the allotment goal.", EndedAt: now.Add(-time.Hour)}
	open := &care.Meeting{ID: 3, Date: "2026-11-21", Purpose: "crisis", Decisions: []*care.Decision{{ID: 9, Decision: "Call Ola first"}}}
	var s care.Snapshot
	s.AddMeetings([]*care.Meeting{first, review, open})
	want := []care.SnapshotDecision{
		{ID: 7, MeetingDate: "2026-11-01", Decision: "Raised bed", Options: []care.SnapshotOption{{Option: "Raised bed", Benefits: "Less bending"}}, WhatMatters: "Growing"},
		{ID: 9, MeetingDate: "2026-11-21", Decision: "Call Ola first"},
	}
	if fmt.Sprint(s.Decisions) != fmt.Sprint(want) {
		t.Errorf("decisions = %+v, want %+v", s.Decisions, want)
	}
	if got := s.Meeting; got == nil || *got != (care.SnapshotMeeting{Date: "2026-11-20", Purpose: "review", Summary: "We reviewed the allotment goal."}) {
		t.Errorf("meeting = %+v", got)
	}

	t.Run("OldSnapshotKeepsItsBytes", func(t *testing.T) {
		old := `{"version":1,"agreedAt":"2026-11-21T10:30:00Z","person":{"id":1,"givenName":"Zoë","familyName":"Ó","preferredName":"","pronouns":"","dateOfBirth":"1950-01-01","nhsNumber":""},"sections":{"goals":{"items":[{"id":"1","text":"Swim"}]}}}`
		var s care.Snapshot
		if err := json.Unmarshal([]byte(old), &s); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Canonical(); string(got) != old {
			t.Errorf("canonical =\n%s\nwant\n%s", got, old)
		}
	})
}

func TestDecision_Validate(t *testing.T) {
	d := &care.Decision{Decision: " ", Options: []care.DecisionOption{{Option: "Raised bed"}, {Option: "", Risks: "a\x00b"}}}
	var got []string
	for _, e := range care.FieldErrors(d.Validate()) {
		got = append(got, e.Field+": "+e.Message)
	}
	want := "decision: Enter what was decided\noption1: Enter option\nrisks1: Risks must not contain hidden control characters"
	if strings.Join(got, "\n") != want {
		t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

var skeletonTests = []example[string, string]{
	{"Dеrek", "derek"},               // Cyrillic е U+0435
	{"Derek", "derek"},               // Latin
	{"ДЕRЕК", "дerek"},               // Cyrillic capitals Е and К look Latin; Д does not
	{"Αlice", "alice"},               // Greek capital Alpha
	{"Ηelen", "helen"},               // Greek capital Eta looks like H ...
	{"ηelen", "ηelen"},               // ... small eta does not look like h
	{"Ｄerek", "derek"},               // fullwidth D
	{"ＪＯＨＮＳＯＮ", "johnson"},           // all fullwidth
	{"Jоhnsоn", "johnson"},           // Cyrillic о twice
	{"Іan", "ian"},                   // Cyrillic І folds to i, not to l as UTS #39 has it
	{"lan", "lan"},                   // Latin letters never fold to one another
	{"Ian", "ian"},                   //
	{"m rn", "m rn"},                 //
	{"O0", "o0"},                     // nor digits to letters
	{"Zоё", "zoe"},                   // Cyrillic о and precomposed ё
	{"Der\u200Bek", "derek"},         // hidden characters are dropped
	{"\uFEFFDerek\u200E", "derek"},   //
	{"Mary 👩🏽‍🦳", "mary 👩🏽🦳"},        // the joiner goes, the pictures stay
	{"Łukasiewicz", "lukasiewicz"},   // the folding that was there before
	{"Анна Иванова", "aннa ивaнoвa"}, // a genuine Russian name folds the same way every time
}

func TestFoldLetters_Skeleton(t *testing.T) {
	checkExamples(t, "FoldLetters", care.FoldLetters, skeletonTests)
}

var looksAlikeTests = []struct {
	a, b string
	want bool
}{
	{"Derek Johnson", "Dеrek Johnson", true},
	{"Dеrek Johnson", "Derek Johnson", true},
	{"Alice Smith", "Αlice Smith", true},
	{"Derek Johnson", "Ｄerek Johnson", true},
	{"Derek Johnson", "DEREK JOHNSON", true},
	{"Derek Johnson", "derek  johnson", true},
	{"Zoë O'Brien", "Zoe OBrien", true},
	{"ΝΙΚΟΣ ΠΑΠΑΣ", "Νικος Παπας", true}, // Greek in capitals and in small letters
	{"Derek Johnson", "Derek Johnston", false},
	{"Ian Smith", "lan Smith", false},
	{"Derek Johnson", "Johnson Derek", false},
}

func TestLooksAlike(t *testing.T) {
	for _, tt := range looksAlikeTests {
		if got := care.LooksAlike(tt.a, tt.b); got != tt.want {
			t.Errorf("LooksAlike(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
