package care

import "testing"

var labelledTests = []struct {
	name string
	in   HistoryEntry
	want HistoryEntry
}{
	{"Person", HistoryEntry{Section: "person", Field: "nhsNumber", Before: "9434765919"},
		HistoryEntry{Section: "Personal details", Field: "NHS number", Before: "943 476 5919"}},
	{"PersonName", HistoryEntry{Section: "person", Field: "givenName", Before: "Sam"},
		HistoryEntry{Section: "Personal details", Field: "Given name", Before: "Sam"}},
	{"Unknown", HistoryEntry{Section: "nowhere", Field: "x"}, HistoryEntry{Section: "nowhere", Field: "x"}},
}

func TestHistoryEntry_Labelled(t *testing.T) {
	for _, tt := range labelledTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.Labelled(); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	t.Run("Choice", func(t *testing.T) {
		for _, s := range Schema {
			for _, f := range s.Fields {
				if f.Kind != KindChoice || len(f.Choices) == 0 {
					continue
				}
				c := f.Choices[0]
				got := HistoryEntry{Section: s.Key, Field: f.Key, After: c.Value}.Labelled()
				if got.Section != s.Title || got.Field != f.Label || got.After != c.Label {
					t.Errorf("got %+v, want %s / %s / %s", got, s.Title, f.Label, c.Label)
				}
				return
			}
		}
	})
}

var wordsTests = []struct {
	in   AuditEvent
	want string
}{
	{AuditEvent{Action: AuditOpenRecord}, "Opened the record"},
	{AuditEvent{Action: AuditPrint, Detail: "standard, version 1"}, "Printed the plan (standard, version 1)"},
	{AuditEvent{Action: "sign-in-failed"}, "sign in failed"},
}

func TestAuditEvent_Words(t *testing.T) {
	for _, tt := range wordsTests {
		if got := tt.in.Words(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSignature_SignedBy(t *testing.T) {
	for _, tt := range []struct {
		in   Signature
		want string
	}{
		{Signature{Name: "Gosia", Method: SignDrawn}, "Gosia (signed)"},
		{Signature{Name: "Ola", Method: SignVerbal, Witness: "Sam"}, "Ola (agreed verbally, witnessed by Sam)"},
		{Signature{Name: "Derek", Method: SignUnable, Reason: "in hospital"}, "Derek (unable to sign: in hospital)"},
	} {
		if got := tt.in.SignedBy(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
