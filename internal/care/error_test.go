package care_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"whatmatters/internal/care"
)

var opErrorTests = []struct {
	name       string
	err        error
	text, code string
	message    string
	fields     []string
}{
	{"Nil", care.WithOp("sqlite.UpdateMeeting", nil), "", "", "", nil},
	{"Care", care.WithOp("sqlite.UpdateMeeting", care.Errorf(care.ENOTFOUND, "There is no such meeting")),
		"sqlite.UpdateMeeting: care error: code=not_found message=There is no such meeting", care.ENOTFOUND, "There is no such meeting", []string{""}},
	{"Fields", care.WithOp("sqlite.SetAgenda", errors.Join(care.FieldError("agenda0", "Enter the agenda item"), care.FieldError("agenda2", "Enter the agenda item"))),
		"", care.EINVALID, "Enter the agenda item", []string{"agenda0", "agenda2"}},
	{"Nested", care.WithOp("app.UpdateMeeting", care.WithOp("sqlite.UpdateMeeting", care.FieldError("date", "Enter a date"))),
		"app.UpdateMeeting: sqlite.UpdateMeeting: care error: code=invalid field=date message=Enter a date", care.EINVALID, "Enter a date", []string{"date"}},
	{"Internal", care.WithOp("sqlite.FindPersonByID", errors.New("sql: database is closed")),
		"sqlite.FindPersonByID: sql: database is closed", care.EINTERNAL, "Sorry, there is a problem with the app. Try again. If it keeps happening, restart What Matters.", nil},
}

func TestWithOp(t *testing.T) {
	for _, tt := range opErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				if tt.code != "" {
					t.Fatal("WithOp returned nil")
				}
				return
			}
			if tt.text != "" && tt.err.Error() != tt.text {
				t.Errorf("Error() = %q, want %q", tt.err.Error(), tt.text)
			}
			if got := care.ErrorCode(tt.err); got != tt.code {
				t.Errorf("ErrorCode = %q, want %q", got, tt.code)
			}
			if got := care.ErrorMessage(tt.err); got != tt.message {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.message)
			}
			var fields []string
			for _, e := range care.FieldErrors(tt.err) {
				fields = append(fields, e.Field)
			}
			if fmt.Sprint(fields) != fmt.Sprint(tt.fields) {
				t.Errorf("FieldErrors fields = %q, want %q", fields, tt.fields)
			}
			var op *care.OpError
			if !errors.As(tt.err, &op) || !strings.HasPrefix(tt.err.Error(), op.Op+": ") {
				t.Errorf("errors.As found no *OpError in %v", tt.err)
			}
		})
	}
	t.Run("Is", func(t *testing.T) {
		if err := care.WithOp("sqlite.AgreePlan", care.ErrNoActor); !errors.Is(err, care.ErrNoActor) {
			t.Errorf("errors.Is(%v, ErrNoActor) = false", err)
		}
	})
}
