package care_test

import (
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
)

// postcodeTests are postcodes as typed and as stored ("" for refused).
var postcodeTests = []struct{ in, want string }{
	{"SW1A 1AA", "SW1A 1AA"}, {"sw1a1aa", "SW1A 1AA"}, {"  sw1a   1aa ", "SW1A 1AA"},
	{"M1 1AE", "M1 1AE"}, {"b338th", "B33 8TH"}, {"CR2 6XH", "CR2 6XH"}, {"DN55 1PT", "DN55 1PT"}, {"W1A 0AX", "W1A 0AX"},
	{"SW1A", ""}, {"12345", ""}, {"SW1A 1A", ""}, {"SW1A 1AAA", ""}, {"1AA 1AA", ""}, {"SW1A-1AA", ""}, {"ŚW1A 1AA", ""},
}

func TestNormalizePostcode(t *testing.T) {
	for _, tt := range postcodeTests {
		got, err := care.NormalizePostcode("postcode", tt.in)
		if tt.want == "" {
			if e := care.FieldErrors(err); len(e) != 1 || e[0].Message != "Enter a real postcode, like SW1A 1AA" || e[0].Field != "postcode" {
				t.Errorf("NormalizePostcode(%q) = %q, %v; want the postcode message", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("NormalizePostcode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if key, want := care.PostcodeKey(tt.in), strings.ReplaceAll(tt.want, " ", ""); key != want {
			t.Errorf("PostcodeKey(%q) = %q, want %q", tt.in, key, want)
		}
	}
}

var odsTests = []struct{ in, want string }{
	{"A81001", "A81001"}, {"y02345", "Y02345"}, {" RR8 ", "RR8"}, {"AB", ""}, {"A810011234X", ""}, {"A81 001", ""}, {"A8100é", ""},
}

func TestNormalizeODSCode(t *testing.T) {
	for _, tt := range odsTests {
		got, err := care.NormalizeODSCode("gpOdsCode", tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("NormalizeODSCode(%q) = %q, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("NormalizeODSCode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// detailsTests are whole sets of details and the fields they are refused
// for, in the order of the form.
var detailsTests = []struct {
	name string
	in   care.PersonDetails
	want []string // fields with errors
	msgs []string
}{
	{name: "OK", in: care.PersonDetails{Address: " 3 Mill Lane\r\nRiverside ", Postcode: "rv12ab", Phone: "01632 960 001", Email: "a@example.com",
		PreferredContact: "letter", GPName: "Riverside Surgery", GPPhone: "+44 1632 960 000", GPODSCode: "a81001", LivesAlone: "yes",
		AccessNotes: "Key safe by the door. Knock loudly and wait", Gender: "Woman"}},
	{name: "Empty"},
	{name: "ErrShapes", in: care.PersonDetails{Postcode: "SW1", Phone: "0163296", Email: "gosia.example.com", PreferredContact: "pigeon",
		GPPhone: "call me", GPODSCode: "A-81"},
		want: []string{"postcode", "phone", "email", "preferredContact", "gpPhone", "gpOdsCode"},
		msgs: []string{"Enter a real postcode, like SW1A 1AA", "Enter a phone number with 10 or 11 digits, like 01632 960 001",
			"Enter an email address in the correct format, like name@example.com", "Select one of the options for how they prefer to be contacted",
			"Practice phone number must only include numbers, spaces and + ( ) -, like 01632 960 001",
			"Enter a practice code of 3 to 10 letters and numbers, like A81001"}},
	{name: "ErrLivesAloneWith", in: care.PersonDetails{LivesAlone: "yes", LivesWith: "Tom"}, want: []string{"livesWith"}},
}

func TestPersonDetails_Validate(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range detailsTests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.in
			errs := care.FieldErrors(d.Validate(now))
			var got []string
			for i, e := range errs {
				got = append(got, e.Field)
				if i < len(tt.msgs) && e.Message != tt.msgs[i] {
					t.Errorf("message %d = %q, want %q", i, e.Message, tt.msgs[i])
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("errors on %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("errors on %v, want %v", got, tt.want)
				}
			}
			if tt.name == "OK" {
				if d.Postcode != "RV1 2AB" || d.GPODSCode != "A81001" || d.Address != "3 Mill Lane\nRiverside" {
					t.Errorf("tidied to %+v", d)
				}
			}
		})
	}
}

func TestHistoryEntry_Labelled_Details(t *testing.T) {
	h := care.HistoryEntry{Section: "person", Field: "preferredContact", Before: "", After: "letter"}.Labelled()
	if h.Section != "Personal details" || h.Field != "How they prefer to be contacted" || h.After != "Letter" {
		t.Errorf("Labelled() = %+v", h)
	}
	if h := (care.HistoryEntry{Section: "person", Field: "nhsNumber", After: "9434765919"}).Labelled(); h.Field != "NHS number" || h.After != "943 476 5919" {
		t.Errorf("Labelled() = %+v", h)
	}
}
