package binding

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
)

// logged captures what is logged while fn runs.
func logged(t *testing.T, fn func()) string {
	t.Helper()
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	defer slog.SetDefault(old)
	fn()
	return buf.String()
}

func TestDo(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		got, err := Do("FindPerson", nil, func() (int, error) { return 7, nil })
		if got != 7 || err != nil {
			t.Errorf("got %d, %v", got, err)
		}
	})
	t.Run("ErrGuard", func(t *testing.T) {
		ran := false
		_, err := Do("FindPerson", func() error { return care.Errorf(care.ESIGNIN, "Sign in first") },
			func() (int, error) { ran = true; return 0, nil })
		if ran || care.ErrorCode(err) != care.ESIGNIN {
			t.Errorf("ran %v, err %v: the guard must refuse before the work", ran, err)
		}
	})
	t.Run("AllFieldErrors", func(t *testing.T) {
		err := Act("SetUp", nil, func() error {
			return errors.Join(care.FieldError("name", "Enter a name"), care.FieldError("role", "Enter a role"))
		})
		if got := care.FieldErrors(err); len(got) != 2 || got[1].Field != "role" {
			t.Errorf("got %v", got)
		}
	})
	t.Run("PanicAnswers", func(t *testing.T) {
		var err error
		out := logged(t, func() {
			_, err = Do("FindPerson", nil, func() (int, error) {
				var p *care.Person
				return len(p.GivenName), nil
			})
		})
		if care.ErrorCode(err) != care.EINTERNAL || !strings.Contains(out, "binding=FindPerson") {
			t.Errorf("err %v, log %q", err, out)
		}
	})
}

func TestFormatError(t *testing.T) {
	t.Run("InternalLoggedWithTheBinding", func(t *testing.T) {
		_, err := Do("SaveItem", nil, func() (int, error) { return 0, errors.New("sqlite: SaveItem: database is on fire") })
		var got ErrorDTO
		out := logged(t, func() { got = FormatError(err).(ErrorDTO) })
		if got.Code != care.EINTERNAL || strings.Contains(got.Message, "sqlite") {
			t.Errorf("got %+v", got)
		}
		if !strings.Contains(out, "binding=SaveItem") || !strings.Contains(out, "sqlite: SaveItem") {
			t.Errorf("log %q: want the binding and the operation", out)
		}
	})
	t.Run("CareErrorNotLogged", func(t *testing.T) {
		_, err := Do("SaveItem", nil, func() (int, error) { return 0, care.FieldError("name", "Enter a name") })
		var got ErrorDTO
		out := logged(t, func() { got = FormatError(err).(ErrorDTO) })
		if got.Code != care.EINVALID || got.Message != "Enter a name" || got.Field != "name" || out != "" {
			t.Errorf("got %+v, log %q", got, out)
		}
	})
}

func TestHold(t *testing.T) {
	release := Hold()
	defer release()
	done := make(chan error, 1)
	go func() { done <- Act("Held", nil, func() error { return nil }) }()
	select {
	case <-done:
		t.Fatal("a binding ran while held")
	case <-time.After(50 * time.Millisecond):
	}
	release()
	release() // more than once is fine
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a binding still waits after release")
	}
	Wait() // returns at once
}
