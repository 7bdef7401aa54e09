package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"whatmatters/internal/accounts"
	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/mock"
	"whatmatters/internal/vault"
)

// errorJSON is what the frontend receives when a bound method fails.
func errorJSON(t *testing.T, err error) map[string]string {
	t.Helper()
	b, jerr := json.Marshal(formatError(err))
	if jerr != nil {
		t.Fatal(jerr)
	}
	var got map[string]string
	if jerr := json.Unmarshal(b, &got); jerr != nil {
		t.Fatal(jerr)
	}
	return got
}

func TestFormatError(t *testing.T) {
	t.Run("FieldError", func(t *testing.T) {
		got := errorJSON(t, care.FieldError("nhsNumber", "NHS number must be 10 digits"))
		want := map[string]string{"code": "invalid", "message": "NHS number must be 10 digits", "field": "nhsNumber"}
		if len(got) != 3 || got["code"] != want["code"] || got["message"] != want["message"] || got["field"] != want["field"] {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("InternalHidesDetail", func(t *testing.T) {
		err := errors.New("sqlite: SQL logic error: no such column: nhs_number\ngoroutine 1 [running]:\nmain.go:12")
		got := errorJSON(t, err)
		if got["code"] != "internal" || got["field"] != "" {
			t.Errorf("got %v", got)
		}
		for _, leak := range []string{"SQL", "sqlite", "goroutine", "nhs_number", ".go"} {
			if strings.Contains(got["message"], leak) {
				t.Errorf("message leaks %q: %q", leak, got["message"])
			}
		}
	})
	t.Run("WrappedCareError", func(t *testing.T) {
		got := errorJSON(t, errors.Join(errors.New("ctx"), care.Errorf(care.ECONFLICT, "Changed elsewhere")))
		if got["code"] != "conflict" || got["message"] != "Changed elsewhere" {
			t.Errorf("got %v", got)
		}
	})
}

func TestApp_CreatePerson(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		people := &mock.PersonService{CreatePersonFn: func(_ context.Context, p *care.Person, differentFrom ...int64) error {
			if p.GivenName != "Zoë" || p.NHSNumber != "943 476 5919" || len(differentFrom) != 0 {
				t.Errorf("input not passed through: %+v", p)
			}
			p.ID, p.Version, p.NHSNumber = 7, 1, "9434765919"
			return nil
		}}
		app := signedIn(NewApp(Services{People: people}, "test.db", nil))
		got, err := app.CreatePerson(dto.PersonInput{GivenName: "Zoë", FamilyName: "Ó'Brien", DateOfBirth: "1950-04-01", NHSNumber: "943 476 5919"})
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != 7 || got.NHSNumber != "943 476 5919" || got.DisplayName != "Zoë Ó'Brien" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		people := &mock.PersonService{CreatePersonFn: func(context.Context, *care.Person, ...int64) error {
			return care.FieldError("dateOfBirth", "Date of birth must be in the past")
		}}
		_, err := signedIn(NewApp(Services{People: people}, "test.db", nil)).CreatePerson(dto.PersonInput{})
		if got := errorJSON(t, err); got["field"] != "dateOfBirth" || got["code"] != "invalid" {
			t.Errorf("got %v", got)
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		existing := &care.Person{ID: 12, GivenName: "Derek", FamilyName: "Johnson", DateOfBirth: "1962-08-09"}
		people := &mock.PersonService{CreatePersonFn: func(_ context.Context, _ *care.Person, differentFrom ...int64) error {
			if len(differentFrom) == 1 && differentFrom[0] == 12 {
				return nil
			}
			return care.NewDuplicateError(existing)
		}}
		app := signedIn(NewApp(Services{People: people}, "test.db", nil))
		_, err := app.CreatePerson(dto.PersonInput{GivenName: "Dеrek", FamilyName: "Johnson", DateOfBirth: "1962-08-09"})
		b, _ := json.Marshal(formatError(err))
		if got, want := string(b), `{"code":"conflict","message":"There is already a Derek Johnson born 9 August 1962","field":"givenName","personId":12}`; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
		// The coordinator says it is a different person.
		if _, err := app.CreatePerson(dto.PersonInput{GivenName: "Dеrek", FamilyName: "Johnson", DateOfBirth: "1962-08-09",
			DifferentFrom: []int64{12}}); err != nil {
			t.Errorf("save anyway: %v", err)
		}
	})
	t.Run("ErrDatabaseNotOpened", func(t *testing.T) {
		problem := care.Errorf(care.EINVALID, "The file x is not a What Matters database")
		app := NewApp(Services{People: &mock.PersonService{}}, "x", problem)
		if _, err := app.CreatePerson(dto.PersonInput{}); care.ErrorMessage(err) != problem.Message {
			t.Errorf("err = %v", err)
		}
		if st := app.Status(); st.Ready || st.Problem != problem.Message {
			t.Errorf("status = %+v", st)
		}
	})
}

func TestApp_SearchPeople(t *testing.T) {
	people := &mock.PersonService{SearchPeopleFn: func(_ context.Context, f care.PersonFilter) ([]*care.PersonMatch, int, error) {
		if f.Query != "zo" || f.Offset != 20 {
			t.Errorf("filter = %+v", f)
		}
		p := &care.Person{ID: 1, GivenName: "Zoë", FamilyName: "B"}
		return []*care.PersonMatch{{Person: p, Name: []care.TextRun{{Text: "Zoë", Match: true}, {Text: " B"}}}}, 21, nil
	}}
	got, err := signedIn(NewApp(Services{People: people}, "test.db", nil)).SearchPeople("zo", 20)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != 21 || len(got.People) != 1 || got.People[0].Person.DisplayName != "Zoë B" || !got.People[0].Name[0].Match {
		t.Errorf("got %+v", got)
	}
	if got.People[0].Snippet == nil {
		t.Error("snippet must be an empty list, not null")
	}
}

func TestApp_UpdatePerson(t *testing.T) {
	people := &mock.PersonService{UpdatePersonFn: func(_ context.Context, id int64, upd care.PersonUpdate) (*care.Person, error) {
		if id != 3 || upd.Version != 4 || *upd.Pronouns != "they/them" {
			t.Errorf("id %d upd %+v", id, upd)
		}
		return nil, care.Errorf(care.ECONFLICT, "Changed elsewhere")
	}}
	_, err := signedIn(NewApp(Services{People: people}, "test.db", nil)).UpdatePerson(3, dto.PersonInput{Pronouns: "they/them", Version: 4})
	if got := errorJSON(t, err); got["code"] != "conflict" {
		t.Errorf("got %v", got)
	}
}

func TestFormatError_AllFieldErrors(t *testing.T) {
	err := errors.Join(care.FieldError("givenName", "Enter the person's given name"), care.FieldError("nhsNumber", "NHS number must be 10 digits"))
	dto := formatError(err).(binding.ErrorDTO)
	if dto.Field != "givenName" || len(dto.Errors) != 2 || dto.Errors[1].Field != "nhsNumber" {
		t.Errorf("got %+v", dto)
	}
}

func TestApp_WritesCarryTheUser(t *testing.T) {
	settings := &mock.SettingsService{}
	var got care.Actor
	records := &mock.RecordService{
		SaveFieldsFn: func(ctx context.Context, _ int64, section, action string, _ []care.FieldChange) error {
			got, _ = care.ActorFrom(ctx)
			if section != "aboutMe" || action != care.ActionEditPersonsWords {
				t.Errorf("section %q action %q", section, action)
			}
			return nil
		},
		FindRecordFn: func(context.Context, int64) (*care.Record, error) {
			return &care.Record{Person: &care.Person{ID: 1}}, nil
		},
	}
	app := NewApp(Services{Records: records, Settings: settings}, "test.db", nil)
	if _, err := app.SaveFields(1, "aboutMe", care.ActionEditPersonsWords, nil); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("signed out: err = %v, want sign_in", err)
	}
	signedIn(app)
	if _, err := app.SaveFields(1, "aboutMe", care.ActionEditPersonsWords, []dto.FieldChangeDTO{{Key: "mostImportant", Value: "My garden"}}); err != nil {
		t.Fatal(err)
	}
	if got.AccountID != 1 || got.Name != "Sam Okafor" || got.Role != "Care coordinator" {
		t.Errorf("actor = %+v", got)
	}
}

func TestBindingPanicAnswers(t *testing.T) {
	app := signedIn(NewApp(Services{People: &mock.PersonService{FindPersonByIDFn: func(context.Context, int64) (*care.Person, error) {
		var p *care.Person
		return nil, errors.New(p.GivenName) // a nil dereference, as a bug would
	}}}, "test.db", nil))
	_, err := app.FindPerson(1)
	if err == nil {
		t.Fatal("a panic in a bound method returned no error: the page would wait for ever")
	}
	got := errorJSON(t, err)
	if got["code"] != "internal" || !strings.HasPrefix(got["message"], "Sorry, there is a problem with the app") {
		t.Errorf("got %v", got)
	}
}

// signedIn signs a test account in, without a database.
func signedIn(a *App) *App {
	a.user.Begin(&accounts.Session{Account: &care.Account{ID: 1, Name: "Sam Okafor", Role: "Care coordinator"}, Key: vault.NewDataKey()})
	return a
}
