package care_test

import (
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
)

// example is one case of a function of one argument: what it is given,
// and what it should return.
type example[In, Out comparable] struct {
	in   In
	want Out
}

// checkExamples calls f, named name, with each example's in.
func checkExamples[In, Out comparable](t *testing.T, name string, f func(In) Out, examples []example[In, Out]) {
	t.Helper()
	for _, tt := range examples {
		if got := f(tt.in); got != tt.want {
			t.Errorf("%s(%#v) = %#v, want %#v", name, tt.in, got, tt.want)
		}
	}
}

var passphraseTests = []struct {
	name          string
	pass, confirm string
	field, errMsg string
}{
	{"OK", "correct horse battery", "correct horse battery", "", ""},
	{"OKTenCharacters", "abcdefghij", "abcdefghij", "", ""},
	{"OKTenLettersNotBytes", "żółćęśąźńł", "żółćęśąźńł", "", ""},
	{"OKLongest", strings.Repeat("a", care.MaxPassphrase), strings.Repeat("a", care.MaxPassphrase), "", ""},
	{"ErrTooShort", "abcdefghi", "abcdefghi", "passphrase", "Passphrase must be at least 10 characters. A few words you will remember are best"},
	{"ErrShortOnceTrimmed", "   abcdefghi   ", "   abcdefghi   ", "passphrase", "Passphrase must be at least 10 characters. A few words you will remember are best"},
	{"ErrEmpty", "", "", "passphrase", "Passphrase must be at least 10 characters. A few words you will remember are best"},
	{"ErrTooLong", strings.Repeat("a", care.MaxPassphrase+1), strings.Repeat("a", care.MaxPassphrase+1), "passphrase", "Passphrase must be 1,024 characters or fewer"},
	{"ErrMismatch", "correct horse battery", "correct horse batery", "passphraseConfirm", "The passphrases do not match. Type the same passphrase twice"},
	{"ErrMismatchEmptyConfirm", "correct horse battery", "", "passphraseConfirm", "The passphrases do not match. Type the same passphrase twice"},
}

func TestValidatePassphrase(t *testing.T) {
	for _, tt := range passphraseTests {
		t.Run(tt.name, func(t *testing.T) {
			err := care.ValidatePassphrase("passphrase", tt.pass, tt.confirm)
			if got, want := care.ErrorMessage(err), tt.errMsg; got != want {
				t.Errorf("message = %q, want %q", got, want)
			}
			if got, want := care.ErrorField(err), tt.field; got != want {
				t.Errorf("field = %q, want %q", got, want)
			}
			if err != nil && care.ErrorCode(err) != care.EINVALID {
				t.Errorf("code = %q, want %q", care.ErrorCode(err), care.EINVALID)
			}
		})
	}
}

var parseDateTests = []struct {
	in     string
	want   time.Time
	errMsg string
}{
	{"2026-11-21", time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), ""},
	{" 2024-02-29 ", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), ""},
	{"1000-01-01", time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), ""},
	{"9999-12-31", time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), ""},
	{"2026-1-5", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), ""},
	{"", time.Time{}, "Review date must be a real date"},
	{"2026-11", time.Time{}, "Review date must be a real date"},
	{"2026-11-21-1", time.Time{}, "Review date must be a real date"},
	{"2025-02-29", time.Time{}, "Review date must be a real date"},
	{"2026-04-31", time.Time{}, "Review date must be a real date"},
	{"2026-13-01", time.Time{}, "Review date must be a real date"},
	{"2026-00-01", time.Time{}, "Review date must be a real date"},
	{"2026-11-00", time.Time{}, "Review date must be a real date"},
	{"2026-+1-01", time.Time{}, "Review date must be a real date"},
	{"2026--11-01", time.Time{}, "Review date must be a real date"},
	{"2026-11-", time.Time{}, "Review date must be a real date"},
	{"21/11/2026", time.Time{}, "Review date must be a real date"},
	{"999-01-01", time.Time{}, "Review date must include a year with 4 numbers"},
	{"10000-01-01", time.Time{}, "Review date must include a year with 4 numbers"},
	{"26-11-21", time.Time{}, "Review date must include a year with 4 numbers"},
}

func TestParseDate(t *testing.T) {
	for _, tt := range parseDateTests {
		got, err := care.ParseDate("reviewDate", "Review date", tt.in)
		if got, want := care.ErrorMessage(err), tt.errMsg; got != want {
			t.Errorf("ParseDate(%q) message = %q, want %q", tt.in, got, want)
		}
		if err != nil && care.ErrorField(err) != "reviewDate" {
			t.Errorf("ParseDate(%q) field = %q, want %q", tt.in, care.ErrorField(err), "reviewDate")
		}
		if !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

var formatDateTests = []example[string, string]{
	{"2026-11-21", "21 November 2026"},
	{"2026-01-05", "5 January 2026"},
	{"1952-02-29", "29 February 1952"},
	{"", ""},
	{"2026-02-30", "2026-02-30"},
	{"21/11/2026", "21/11/2026"},
	{"soon", "soon"},
}

func TestFormatDate(t *testing.T) { checkExamples(t, "FormatDate", care.FormatDate, formatDateTests) }

var daysBetweenTests = []struct {
	a, b   string
	want   int
	wantOK bool
}{
	{"2026-11-21", "2026-11-21", 0, true},
	{"2026-11-21", "2026-11-28", 7, true},
	{"2026-11-28", "2026-11-21", -7, true},
	{"2024-02-28", "2024-03-01", 2, true},
	{"2026-03-28", "2026-03-30", 2, true},
	{"2026-01-01", "2027-01-01", 365, true},
	{"", "2026-11-21", 0, false},
	{"2026-11-21", "next week", 0, false},
}

func TestDaysBetween(t *testing.T) {
	for _, tt := range daysBetweenTests {
		got, ok := care.DaysBetween(tt.a, tt.b)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("DaysBetween(%q, %q) = %d, %v, want %d, %v", tt.a, tt.b, got, ok, tt.want, tt.wantOK)
		}
	}
}

var parseClockTests = []struct {
	in     string
	want   int
	errMsg string
}{
	{"00:00", 0, ""},
	{"9:05", 9*60 + 5, ""},
	{"14:30", 14*60 + 30, ""},
	{" 23:59 ", 23*60 + 59, ""},
	{"24:00", 0, "Start time must be a real time, like 14:30"},
	{"12:60", 0, "Start time must be a real time, like 14:30"},
	{"", 0, "Start time must be a time like 14:30"},
	{"1430", 0, "Start time must be a time like 14:30"},
	{"14:3", 0, "Start time must be a time like 14:30"},
	{"014:30", 0, "Start time must be a time like 14:30"},
	{":30", 0, "Start time must be a time like 14:30"},
	{"2pm", 0, "Start time must be a time like 14:30"},
	{"+1:30", 0, "Start time must be a time like 14:30"},
	{"14.30", 0, "Start time must be a time like 14:30"},
}

func TestParseClock(t *testing.T) {
	for _, tt := range parseClockTests {
		got, err := care.ParseClock("startTime", "Start time", tt.in)
		if got, want := care.ErrorMessage(err), tt.errMsg; got != want {
			t.Errorf("ParseClock(%q) message = %q, want %q", tt.in, got, want)
		}
		if err != nil && care.ErrorField(err) != "startTime" {
			t.Errorf("ParseClock(%q) field = %q, want %q", tt.in, care.ErrorField(err), "startTime")
		}
		if got != tt.want {
			t.Errorf("ParseClock(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

var formatNHSNumberTests = []example[string, string]{
	{"9434765919", "943 476 5919"},
	{"4010232137", "401 023 2137"},
	{"", ""},
	{"943476591", "943476591"},
	{"943 476 5919", "943 476 5919"},
}

func TestFormatNHSNumber(t *testing.T) {
	checkExamples(t, "FormatNHSNumber", care.FormatNHSNumber, formatNHSNumberTests)
}

var validNHSNumberTests = []example[string, bool]{
	{"9434765919", true},
	{"4010232137", true},
	{"9434765918", false}, // wrong check digit
	{"0000000060", false}, // check digit would be 10
	{"943476591", false},
	{"94347659190", false},
	{"943 476 5919", false}, // stored form only: digits, no spaces
	{"94347a5919", false},
	{"", false},
}

func TestValidNHSNumber(t *testing.T) {
	checkExamples(t, "ValidNHSNumber", care.ValidNHSNumber, validNHSNumberTests)
}

var formatPenceTests = []example[string, string]{
	{"0", "£0.00"},
	{"5", "£0.05"},
	{"99", "£0.99"},
	{"100", "£1.00"},
	{"125050", "£1,250.50"},
	{"100000", "£1,000.00"},
	{"99999999", "£999,999.99"},
	{"123456789", "£1,234,567.89"},
	{"", ""},
	{"12.50", "12.50"},
	{"lots", "lots"},
}

func TestFormatPence(t *testing.T) {
	checkExamples(t, "FormatPence", care.FormatPence, formatPenceTests)
}

var parseOwnerTests = []struct {
	in       string
	wantKind string
	wantID   int64
	wantErr  bool
}{
	{"", "", 0, false},
	{"person", care.OwnerPerson, 0, false},
	{"service", care.OwnerService, 0, false},
	{"contact:12", care.OwnerContact, 12, false},
	{"professional:7", care.OwnerProfessional, 7, false},
	{"participant:3", care.OwnerParticipant, 3, false},
	{"contact", "", 0, true},
	{"contact:", "", 0, true},
	{"contact:0", "", 0, true},
	{"contact:-1", "", 0, true},
	{"contact:x", "", 0, true},
	{"person:1", "", 0, true},
	{"service:1", "", 0, true},
	{"friend:1", "", 0, true},
	{"Person", "", 0, true},
}

func TestParseOwner(t *testing.T) {
	for _, tt := range parseOwnerTests {
		o, err := care.ParseOwner(tt.in)
		if o.Kind != tt.wantKind || o.ID != tt.wantID {
			t.Errorf("ParseOwner(%q) = %q, %d, want %q, %d", tt.in, o.Kind, o.ID, tt.wantKind, tt.wantID)
		}
		if !tt.wantErr && o.String() != tt.in {
			t.Errorf("ParseOwner(%q).String() = %q", tt.in, o.String())
		}
		if tt.wantErr {
			if got := care.ErrorCode(err); got != care.EINVALID {
				t.Errorf("ParseOwner(%q) code = %q, want %q", tt.in, got, care.EINVALID)
			}
		} else if err != nil {
			t.Errorf("ParseOwner(%q): unexpected error %v", tt.in, err)
		}
	}
}

var frequency = []care.Choice{{Value: "daily", Label: "Every day"}, {Value: "weekly", Label: "Once a week"}}

var choiceLabelTests = []struct {
	choices     []care.Choice
	value, want string
}{
	{frequency, "daily", "Every day"},
	{frequency, "weekly", "Once a week"},
	{frequency, "monthly", "monthly"},
	{frequency, "", ""},
	{nil, "daily", "daily"},
}

func TestChoiceLabel(t *testing.T) {
	for _, tt := range choiceLabelTests {
		if got := care.ChoiceLabel(tt.choices, tt.value); got != tt.want {
			t.Errorf("ChoiceLabel(%v, %q) = %q, want %q", tt.choices, tt.value, got, tt.want)
		}
	}
}

var displayValueTests = []struct {
	kind        care.FieldKind
	value, want string
}{
	{care.KindChoice, "weekly", "Once a week"},
	{care.KindChoice, "monthly", "monthly"},
	{care.KindDate, "2026-11-21", "21 November 2026"},
	{care.KindMoney, "125050", "£1,250.50"},
	{care.KindScale, "7", "7 out of 10"},
	{care.KindBool, "true", "Yes"},
	{care.KindText, "Back to the allotment", "Back to the allotment"},
	{care.KindLongText, "Line one\nLine two", "Line one\nLine two"},
	{care.KindOwner, "contact:12", "contact:12"},
	{care.KindGoalRef, "4", "4"},
	{care.KindContactRef, "9", "9"},
	{care.KindChoice, "", ""},
	{care.KindBool, "", ""},
	{care.KindScale, "", ""},
	{care.KindMoney, "", ""},
}

func TestDisplayValue(t *testing.T) {
	for _, tt := range displayValueTests {
		f := care.FieldSpec{Key: "k", Label: "Label", Kind: tt.kind, Choices: frequency}
		if got := care.DisplayValue(f, tt.value); got != tt.want {
			t.Errorf("DisplayValue(%s, %q) = %q, want %q", tt.kind, tt.value, got, tt.want)
		}
	}
}

var hashTests = []struct {
	in   string
	want string
}{
	{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"{}", "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
}

func TestHash(t *testing.T) {
	for _, tt := range hashTests {
		if got := care.Hash([]byte(tt.in)); got != tt.want {
			t.Errorf("Hash(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var checkCodeTests = []struct{ hash, want string }{
	{"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "WERC-8GMR"},
	{"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "8G9P-Z8TN"},
	{"0000000000", "0000-0000"}, // five bytes are enough
	{"ffffffffff", "ZZZZ-ZZZZ"},
	{"00000000", ""}, // four bytes are not
	{"", ""},
	{"not hex at all", ""},
}

func TestCheckCode(t *testing.T) {
	for _, tt := range checkCodeTests {
		got := care.CheckCode(tt.hash)
		if got != tt.want {
			t.Errorf("CheckCode(%q) = %q, want %q", tt.hash, got, tt.want)
		}
		if got != "" && strings.ContainsAny(got, "ILOU") {
			t.Errorf("CheckCode(%q) = %q uses a letter easily confused", tt.hash, got)
		}
	}
}

var normalizeCheckCodeTests = []example[string, string]{
	{"WERC-8GMR", "WERC-8GMR"},
	{"werc8gmr", "WERC-8GMR"},
	{" werc 8gmr ", "WERC-8GMR"},
	{"WE-RC-8G-MR", "WERC-8GMR"},
	{"OIL0-1234", "0110-1234"}, // O reads as 0; I and L as 1
	{"oil0-1234", "0110-1234"}, // in any case
	{"WERC-8GM", "WERC8GM"},    // not 8 characters: returned as read, so it is not found
	{"", ""},
}

func TestNormalizeCheckCode(t *testing.T) {
	checkExamples(t, "NormalizeCheckCode", care.NormalizeCheckCode, normalizeCheckCodeTests)
}

func TestCheckCode_RoundTrip(t *testing.T) {
	code := care.CheckCode(care.Hash([]byte(`{"version":2}`)))
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	if got := care.NormalizeCheckCode(typed); got != code {
		t.Errorf("NormalizeCheckCode(%q) = %q, want %q", typed, got, code)
	}
}

func TestPlanVersion_Intact(t *testing.T) {
	snap := []byte(`{"version":2}`)
	t.Run("OK", func(t *testing.T) {
		v := &care.PlanVersion{Number: 3, Snapshot: snap, Hash: care.Hash(snap)}
		if err := v.Intact(); err != nil {
			t.Errorf("Intact() = %v, want nil", err)
		}
	})
	t.Run("ErrChanged", func(t *testing.T) {
		v := &care.PlanVersion{Number: 3, Snapshot: []byte(`{"version":3}`), Hash: care.Hash(snap)}
		err := v.Intact()
		if got, want := care.ErrorCode(err), care.ECONFLICT; got != want {
			t.Fatalf("code = %q, want %q", got, want)
		}
		if msg := care.ErrorMessage(err); !strings.Contains(msg, "version 3 of this plan has been changed") {
			t.Errorf("message = %q, lacks the version number", msg)
		}
	})
	t.Run("ErrNoHash", func(t *testing.T) {
		v := &care.PlanVersion{Number: 1, Snapshot: snap}
		if got, want := care.ErrorCode(v.Intact()), care.ECONFLICT; got != want {
			t.Errorf("code = %q, want %q", got, want)
		}
	})
}

var itoaTests = []example[int64, string]{
	{0, "0"},
	{42, "42"},
	{-7, "-7"},
	{9223372036854775807, "9223372036854775807"},
}

func TestItoa(t *testing.T) { checkExamples(t, "Itoa", care.Itoa, itoaTests) }
