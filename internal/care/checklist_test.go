package care_test

import (
	"slices"
	"strings"
	"testing"

	"whatmatters/internal/care"
)

// testRecord builds a record from sections of items (values by key) and
// fields; item IDs count from 1 in the order given.
type testRecord struct {
	items  map[string][]map[string]string
	fields map[string]map[string]string
}

func (tr testRecord) record() *care.Record {
	r := &care.Record{Person: &care.Person{GivenName: "Halina", FamilyName: "Nowak"}, Fields: map[string]map[string]care.RecordField{}, Items: map[string][]*care.Item{}}
	var id int64
	for _, s := range care.Schema {
		for _, v := range tr.items[s.Key] {
			id++
			r.Items[s.Key] = append(r.Items[s.Key], &care.Item{ID: id, Section: s.Key, Values: v})
		}
	}
	for section, kv := range tr.fields {
		r.Fields[section] = map[string]care.RecordField{}
		for k, v := range kv {
			r.Fields[section][k] = care.RecordField{Value: v}
		}
	}
	return r
}

func need(n string, more ...string) map[string]string {
	v := map[string]string{"need": n}
	for i := 0; i+1 < len(more); i += 2 {
		v[more[i]] = more[i+1]
	}
	return v
}

func TestMeetingChecklist(t *testing.T) {
	for _, tt := range []struct {
		name string
		rec  testRecord
		want []string
	}{
		{"Nothing", testRecord{}, nil},
		{"LargePrintOnly", testRecord{items: map[string][]map[string]string{
			care.SectionCommunicationNeeds: {need("large-print")}}}, nil},
		{"PolishAndHearingLoop", testRecord{items: map[string][]map[string]string{
			care.SectionCommunicationNeeds: {need("spoken-language-interpreter", "language", "polish"), need("hearing-loop")}}},
			[]string{"interpreter:polish=Book a Polish interpreter", "hearing-loop=Book a hearing loop"}},
		{"AnArabicInterpreter", testRecord{items: map[string][]map[string]string{
			care.SectionCommunicationNeeds: {need("spoken-language-interpreter", "language", "Arabic")}}},
			[]string{"interpreter:arabic=Book an Arabic interpreter"}},
		{"SameLanguageOnce", testRecord{items: map[string][]map[string]string{
			care.SectionCommunicationNeeds: {need("spoken-language-interpreter", "language", "Polish"), need("spoken-language-interpreter", "language", " polish ")}}},
			[]string{"interpreter:polish=Book a Polish interpreter"}},
		{"BSLAndLipSpeaker", testRecord{items: map[string][]map[string]string{
			care.SectionCommunicationNeeds: {need("bsl-interpreter"), need("lip-speaker")}}},
			[]string{"bsl-interpreter=Book a British Sign Language interpreter", "lip-speaker=Book a lip-speaker"}},
		{"AdvocateInvolved", testRecord{items: map[string][]map[string]string{
			care.SectionContacts: {{"name": "Sam Reid", "type": "advocate", "involved": "true"}, {"name": "Ann", "type": "advocate"}}}},
			[]string{"advocate:1=Book the advocate, Sam Reid"}},
		{"AdvocateNeedWithoutContact", testRecord{items: map[string][]map[string]string{
			care.SectionCommunicationNeeds: {need("advocate")}}},
			[]string{"advocate=Book an advocate"}},
		{"AdvocateNeedAndContact", testRecord{items: map[string][]map[string]string{
			care.SectionCommunicationNeeds: {need("advocate")},
			care.SectionContacts:           {{"name": "Sam Reid", "type": "advocate", "involved": "true"}}}},
			[]string{"advocate:2=Book the advocate, Sam Reid"}},
		{"InvolvedContactsNeed", testRecord{items: map[string][]map[string]string{
			care.SectionCommunicationNeeds: {need("bsl-interpreter", "forWhom", "3"), need("lip-speaker", "forWhom", "4")},
			care.SectionContacts:           {{"name": "Ola", "type": "family", "involved": "true"}, {"name": "Piotr", "type": "family"}}}},
			[]string{"bsl-interpreter for Ola=Book a British Sign Language interpreter for Ola"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range care.MeetingChecklist(tt.rec.record()) {
				got = append(got, c.Key+"="+c.Label)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestNeededPrintFormat(t *testing.T) {
	for _, tt := range []struct {
		needs  []string
		format string
		want   string
	}{
		{nil, "", ""},
		{[]string{"large-print"}, "", "large-print"},
		{[]string{"large-print"}, "standard", "large-print"},
		{[]string{"large-print"}, "large-print", ""},
		{[]string{"large-print"}, "easy-read", ""}, // easy read meets it already
		{[]string{"easy-read"}, "", "easy-read"},
		{[]string{"easy-read"}, "large-print", "easy-read"},
		{[]string{"large-print", "easy-read"}, "", "easy-read"}, // easy read wins
		{[]string{"easy-read", "large-print"}, "easy-read", ""},
		{[]string{"hearing-loop"}, "", ""},
	} {
		t.Run(strings.Join(tt.needs, "+")+"/"+tt.format, func(t *testing.T) {
			var items []map[string]string
			for _, n := range tt.needs {
				items = append(items, need(n))
			}
			r := testRecord{items: map[string][]map[string]string{care.SectionCommunicationNeeds: items},
				fields: map[string]map[string]string{care.SectionCommunication: {"printFormat": tt.format}}}.record()
			if got := care.NeededPrintFormat(r); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("AContactsNeedDoesNotCount", func(t *testing.T) {
		r := testRecord{items: map[string][]map[string]string{
			care.SectionContacts:           {{"name": "Ola", "type": "family"}},
			care.SectionCommunicationNeeds: {need("large-print", "forWhom", "1")}}}.record()
		if got := care.NeededPrintFormat(r); got != "" {
			t.Errorf("got %q", got)
		}
	})
}

func TestPlanChecks_Phoning(t *testing.T) {
	const (
		bsl   = "they use British Sign Language"
		deaf  = "they may not hear well on the phone"
		phone = "they cannot use the phone"
	)
	for _, tt := range []struct {
		name     string
		needs    []map[string]string
		about    string
		whatToDo string
		contacts []map[string]string
		want     string // a phrase of the message, "" for no warning
	}{
		{"HearingPersonPhones", nil, "", "Phone Ola", nil, ""},
		{"BSLPhone", []map[string]string{need("bsl-interpreter")}, "", "Phone Ola on 07700 900123", nil, bsl},
		{"BSLCall111", []map[string]string{need("bsl-interpreter")}, "", "Call 111 if you feel unwell", nil, bsl},
		{"BSLRingCurlyApostrophe", []map[string]string{need("bsl-interpreter")}, "", "Ring the GP’s surgery", nil, bsl},
		{"BSLCrisisContactNumber", []map[string]string{need("bsl-interpreter")}, "", "", []map[string]string{{"name": "Ola", "phone": "07700 900123"}}, bsl},
		{"BSLWithSignVideo", []map[string]string{need("bsl-interpreter")}, "", "Call 111 through SignVideo", nil, ""},
		{"BSLWithTextRelay", []map[string]string{need("bsl-interpreter")}, "", "Phone 18001 111", nil, ""},
		{"BSLTextOla", []map[string]string{need("bsl-interpreter")}, "", "Text Ola, or phone her", nil, ""},
		{"BSLNoPhoning", []map[string]string{need("bsl-interpreter")}, "", "Go to Ola's house next door", nil, ""},
		{"HearingLoopPhone", []map[string]string{need("hearing-loop")}, "", "Phone Ola", nil, deaf},
		{"LipSpeakerPhone", []map[string]string{need("lip-speaker")}, "", "Phone Ola", nil, deaf},
		{"CannotUseThePhone", nil, "I can't use the phone. I write notes.", "Phone Ola", nil, phone},
		{"CannotUseThePhoneInANeed", []map[string]string{need("other", "detail", "Unable to use a telephone")}, "", "Phone Ola", nil, phone},
		{"PhoneIsFine", nil, "I like the phone. I do not like letters.", "Phone Ola", nil, ""},
		{"AContactsBSLDoesNotCount", []map[string]string{need("bsl-interpreter", "forWhom", "9")}, "", "Phone Ola", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tr := testRecord{items: map[string][]map[string]string{care.SectionCommunicationNeeds: tt.needs, care.SectionCrisisContacts: tt.contacts},
				fields: map[string]map[string]string{care.SectionCrisis: {"whatToDo": tt.whatToDo}, care.SectionAboutMe: {"communicate": tt.about}}}
			var got []care.PlanCheck
			for _, c := range care.PlanChecks(tr.record()) {
				if strings.Contains(c.Message, "asks the person to phone") {
					got = append(got, c)
				}
			}
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("got %q, want no warning", got[0].Message)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d warnings about phoning, want 1", len(got))
			}
			if !strings.Contains(got[0].Message, tt.want) || got[0].Section != care.SectionCrisis {
				t.Errorf("got %+v, want one saying %q", got[0], tt.want)
			}
			if tt.want == bsl && !strings.Contains(got[0].Message, "signvideo") {
				t.Errorf("%q does not suggest the NHS 111 BSL service", got[0].Message)
			}
			if !strings.Contains(got[0].Message, "18001") {
				t.Errorf("%q does not suggest text relay", got[0].Message)
			}
		})
	}
}
