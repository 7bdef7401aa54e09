package main

import (
	"context"
	"log/slog"

	"whatmatters/internal/care"
)

// App is the surface the frontend calls. Each method converts DTOs, calls a
// care service and lets formatError translate what goes wrong.
type App struct {
	ctx    context.Context
	people care.PersonService
	dbPath string
	// problem, when set, is why the database could not be opened; the app
	// shows it instead of the usual screens and stores nothing.
	problem error
}

// NewApp returns the binding surface over the given services.
func NewApp(people care.PersonService, dbPath string, problem error) *App {
	return &App{ctx: context.Background(), people: people, dbPath: dbPath, problem: problem}
}

func (a *App) startup(ctx context.Context) { a.ctx = ctx }

// ErrorDTO is how every error reaches the frontend. Code, Message and Field
// describe the first problem; Errors lists every field problem when a form
// has several, so they can all be shown at once.
type ErrorDTO struct {
	Code    string     `json:"code"`
	Message string     `json:"message"`
	Field   string     `json:"field"`
	Errors  []ErrorDTO `json:"errors,omitempty"`
}

// formatError is the Wails ErrorFormatter: care errors go through as they
// are; anything else is logged and replaced by a plain apology, so SQL or
// stack text never reaches the screen.
func formatError(err error) any {
	code := care.ErrorCode(err)
	if code == care.EINTERNAL {
		slog.Error("internal error", "err", err)
	}
	dto := ErrorDTO{Code: code, Message: care.ErrorMessage(err), Field: care.ErrorField(err)}
	if all := care.FieldErrors(err); len(all) > 1 {
		for _, e := range all {
			dto.Errors = append(dto.Errors, ErrorDTO{Code: e.Code, Message: e.Message, Field: e.Field})
		}
	}
	return dto
}

// StatusDTO tells the frontend whether the store opened, and where it is.
type StatusDTO struct {
	Ready   bool   `json:"ready"`
	Problem string `json:"problem"`
	DBPath  string `json:"dbPath"`
}

// Status reports whether the database opened and, if not, why.
func (a *App) Status() StatusDTO {
	if a.problem != nil {
		return StatusDTO{Problem: care.ErrorMessage(a.problem), DBPath: a.dbPath}
	}
	return StatusDTO{Ready: true, DBPath: a.dbPath}
}

func (a *App) ready() error {
	if a.problem != nil {
		return a.problem
	}
	return nil
}

// PersonDTO is a person as the frontend shows them.
type PersonDTO struct {
	ID            int64  `json:"id"`
	GivenName     string `json:"givenName"`
	FamilyName    string `json:"familyName"`
	PreferredName string `json:"preferredName"`
	Pronouns      string `json:"pronouns"`
	DateOfBirth   string `json:"dateOfBirth"` // YYYY-MM-DD
	NHSNumber     string `json:"nhsNumber"`   // shown as 943 476 5919, or ""
	DisplayName   string `json:"displayName"`
	Version       int    `json:"version"`
	UpdatedAt     string `json:"updatedAt"` // RFC 3339
}

func toPersonDTO(p *care.Person) PersonDTO {
	return PersonDTO{
		ID: p.ID, GivenName: p.GivenName, FamilyName: p.FamilyName, PreferredName: p.PreferredName,
		Pronouns: p.Pronouns, DateOfBirth: p.DateOfBirth, NHSNumber: care.FormatNHSNumber(p.NHSNumber),
		DisplayName: p.DisplayName(), Version: p.Version, UpdatedAt: p.UpdatedAt.Format("2006-01-02T15:04:05Z07:00"),
	}
}

// PersonInput is what the add and change forms send.
type PersonInput struct {
	GivenName     string `json:"givenName"`
	FamilyName    string `json:"familyName"`
	PreferredName string `json:"preferredName"`
	Pronouns      string `json:"pronouns"`
	DateOfBirth   string `json:"dateOfBirth"` // YYYY-MM-DD
	NHSNumber     string `json:"nhsNumber"`
	Version       int    `json:"version"` // for changes: the version being changed
}

// PeopleDTO is one page of search results.
type PeopleDTO struct {
	People []PersonDTO `json:"people"`
	Total  int         `json:"total"`
}

// CreatePerson adds a person. Errors: invalid (with field), conflict.
func (a *App) CreatePerson(in PersonInput) (PersonDTO, error) {
	if err := a.ready(); err != nil {
		return PersonDTO{}, err
	}
	p := &care.Person{GivenName: in.GivenName, FamilyName: in.FamilyName, PreferredName: in.PreferredName,
		Pronouns: in.Pronouns, DateOfBirth: in.DateOfBirth, NHSNumber: in.NHSNumber}
	if err := a.people.CreatePerson(a.ctx, p); err != nil {
		return PersonDTO{}, err
	}
	return toPersonDTO(p), nil
}

// UpdatePerson changes a person's details. Errors: not_found, invalid (with
// field), conflict.
func (a *App) UpdatePerson(id int64, in PersonInput) (PersonDTO, error) {
	if err := a.ready(); err != nil {
		return PersonDTO{}, err
	}
	p, err := a.people.UpdatePerson(a.ctx, id, care.PersonUpdate{
		GivenName: &in.GivenName, FamilyName: &in.FamilyName, PreferredName: &in.PreferredName,
		Pronouns: &in.Pronouns, DateOfBirth: &in.DateOfBirth, NHSNumber: &in.NHSNumber, Version: in.Version,
	})
	if err != nil {
		return PersonDTO{}, err
	}
	return toPersonDTO(p), nil
}

// FindPerson returns one person. Errors: not_found.
func (a *App) FindPerson(id int64) (PersonDTO, error) {
	if err := a.ready(); err != nil {
		return PersonDTO{}, err
	}
	p, err := a.people.FindPersonByID(a.ctx, id)
	if err != nil {
		return PersonDTO{}, err
	}
	return toPersonDTO(p), nil
}

// SearchPeople finds people by any part of a name or by NHS number, 20 at a
// time from offset. Errors: invalid (query too long).
func (a *App) SearchPeople(query string, offset int) (PeopleDTO, error) {
	if err := a.ready(); err != nil {
		return PeopleDTO{}, err
	}
	people, total, err := a.people.FindPeople(a.ctx, care.PersonFilter{Query: query, Offset: offset})
	if err != nil {
		return PeopleDTO{}, err
	}
	out := PeopleDTO{People: make([]PersonDTO, 0, len(people)), Total: total}
	for _, p := range people {
		out.People = append(out.People, toPersonDTO(p))
	}
	return out, nil
}
