package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/sqlite"
)

// App is the surface the frontend calls. Each method converts DTOs, calls a
// care service and lets formatError translate what goes wrong.
type App struct {
	ctx       context.Context
	people    care.PersonService
	records   care.RecordService
	settings  care.SettingsService
	meetings  care.MeetingService
	dashboard care.DashboardService
	versions  care.VersionService
	plans     *plans
	backups   *backups // see app_backup.go
	dbPath    string
	// user is who is using the app; every change is recorded with them.
	user care.Actor
	// problem, when set, is why the database could not be opened; the app
	// shows it instead of the usual screens and stores nothing.
	problem error
}

// Services are the care services the app calls.
type Services struct {
	People    care.PersonService
	Records   care.RecordService
	Settings  care.SettingsService
	Meetings  care.MeetingService
	Dashboard care.DashboardService
	Versions  care.VersionService
	// Certificates keeps every certificate plans have been signed with.
	Certificates care.CertificateService
}

// newPlans builds the plan PDF pipeline on the services.
func newPlans(s Services) *plans {
	return &plans{versions: s.Versions, settings: s.Settings, certs: s.Certificates, now: time.Now}
}

// NewApp returns the binding surface over the given services. problem, if
// not nil, is why the database could not be opened.
func NewApp(s Services, dbPath string, problem error) *App {
	return &App{ctx: context.Background(), people: s.People, records: s.Records, settings: s.Settings,
		meetings: s.Meetings, dashboard: s.Dashboard, versions: s.Versions, plans: newPlans(s), dbPath: dbPath, problem: problem}
}

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	if a.problem == nil {
		if u, ok, err := a.settings.FindActor(ctx); err != nil {
			slog.Error("reading who uses the app", "err", err)
		} else if ok {
			a.user = u
		}
	}
}

// writeCtx is the context for changes: it carries who is making them.
func (a *App) writeCtx() context.Context {
	return care.WithActor(a.ctx, a.user)
}

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
	err = sqlite.CareError(err) // a full disk, a read-only or busy database
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
	defer recoverBinding(nil)
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

// CreatePerson adds a person. Errors: invalid (with field), conflict.
func (a *App) CreatePerson(in PersonInput) (_ PersonDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return PersonDTO{}, err
	}
	p := &care.Person{GivenName: in.GivenName, FamilyName: in.FamilyName, PreferredName: in.PreferredName,
		Pronouns: in.Pronouns, DateOfBirth: in.DateOfBirth, NHSNumber: in.NHSNumber}
	if err := a.people.CreatePerson(a.writeCtx(), p); err != nil {
		return PersonDTO{}, err
	}
	return toPersonDTO(p), nil
}

// UpdatePerson changes a person's details. Errors: not_found, invalid (with
// field), conflict.
func (a *App) UpdatePerson(id int64, in PersonInput) (_ PersonDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return PersonDTO{}, err
	}
	p, err := a.people.UpdatePerson(a.writeCtx(), id, care.PersonUpdate{
		GivenName: &in.GivenName, FamilyName: &in.FamilyName, PreferredName: &in.PreferredName,
		Pronouns: &in.Pronouns, DateOfBirth: &in.DateOfBirth, NHSNumber: &in.NHSNumber, Version: in.Version,
	})
	if err != nil {
		return PersonDTO{}, err
	}
	return toPersonDTO(p), nil
}

// FindPerson returns one person. Errors: not_found.
func (a *App) FindPerson(id int64) (_ PersonDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return PersonDTO{}, err
	}
	p, err := a.people.FindPersonByID(a.ctx, id)
	if err != nil {
		return PersonDTO{}, err
	}
	return toPersonDTO(p), nil
}

// SearchPeople finds people by the start of words in their names or About
// me, NHS number or date of birth, 20 at a time from offset, with the
// matching words marked. Errors: invalid (query too long).
func (a *App) SearchPeople(query string, offset int) (_ PeopleDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return PeopleDTO{}, err
	}
	matches, total, err := a.people.SearchPeople(a.ctx, care.PersonFilter{Query: query, Offset: offset})
	if err != nil {
		return PeopleDTO{}, err
	}
	out := PeopleDTO{People: make([]PersonMatchDTO, 0, len(matches)), Total: total}
	for _, m := range matches {
		out.People = append(out.People, PersonMatchDTO{Person: toPersonDTO(m.Person), Name: toRunsDTO(m.Name),
			Snippet: toRunsDTO(m.Snippet)})
	}
	return out, nil
}

// CurrentUser returns who is using the app; an empty name means the app
// must ask.
func (a *App) CurrentUser() UserDTO {
	defer recoverBinding(nil)
	return UserDTO{Name: a.user.Name, Role: a.user.Role}
}

// SetUser records who is using the app. Errors: invalid (with field).
func (a *App) SetUser(u UserDTO) (_ UserDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return UserDTO{}, err
	}
	actor := care.Actor{Name: u.Name, Role: u.Role}
	if err := a.settings.SetActor(a.ctx, actor); err != nil {
		return UserDTO{}, err
	}
	_ = actor.Validate() // tidy as stored
	a.user = actor
	return UserDTO{Name: actor.Name, Role: actor.Role}, nil
}

// Schema describes the sections of a person's record, for drawing forms.
func (a *App) Schema() []SectionSpecDTO {
	defer recoverBinding(nil)
	return toSchemaDTO(care.Schema)
}

// FindRecord returns a person's whole record, with the plan's quality
// checks. It only reads. Errors: not_found.
func (a *App) FindRecord(personID int64) (_ RecordDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return RecordDTO{}, err
	}
	r, err := a.records.FindRecord(a.ctx, personID)
	if err != nil {
		return RecordDTO{}, err
	}
	return toRecordDTO(r), nil
}

// OpenRecord is FindRecord for a coordinator opening the person's screens:
// it also notes the record as recently opened, for the home screen.
// Errors: not_found.
func (a *App) OpenRecord(personID int64) (_ RecordDTO, err error) {
	defer recoverBinding(&err)
	r, err := a.FindRecord(personID)
	if err != nil {
		return RecordDTO{}, err
	}
	if a.dashboard != nil {
		if err := a.dashboard.MarkOpened(a.ctx, personID); err != nil {
			slog.Error("marking a record as opened", "err", err)
		}
	}
	return r, nil
}

// SaveFields saves fields of one section of a record (About me, legal, print
// format) and returns the record. action is "edit", or "edit-persons-words"
// for the person's own words. Errors: invalid (with field), conflict, not_found.
func (a *App) SaveFields(personID int64, section, action string, changes []FieldChangeDTO) (_ RecordDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return RecordDTO{}, err
	}
	cs := make([]care.FieldChange, 0, len(changes))
	for _, c := range changes {
		cs = append(cs, care.FieldChange{Key: c.Key, Value: c.Value, Version: c.Version})
	}
	if err := a.records.SaveFields(a.writeCtx(), personID, section, action, cs); err != nil {
		return RecordDTO{}, err
	}
	return a.FindRecord(personID)
}

// SaveItem adds (id 0) or changes an entry of a list section and returns
// the record. Errors: invalid (with field), conflict, not_found.
func (a *App) SaveItem(personID int64, section string, item ItemDTO) (_ RecordDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return RecordDTO{}, err
	}
	it := &care.Item{ID: item.ID, PersonID: personID, Section: section, Values: item.Values, Version: item.Version}
	if err := a.records.SaveItem(a.writeCtx(), it); err != nil {
		return RecordDTO{}, err
	}
	return a.FindRecord(personID)
}

// RemoveItem removes an entry of a list section, keeping it in history, and
// returns the record. Errors: not_found, conflict, invalid.
func (a *App) RemoveItem(personID, itemID int64, version int) (_ RecordDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return RecordDTO{}, err
	}
	if err := a.records.RemoveItem(a.writeCtx(), personID, itemID, version); err != nil {
		return RecordDTO{}, err
	}
	return a.FindRecord(personID)
}

// History returns the kept changes to a person's record, newest first, 100
// at a time from offset. Errors: not_found.
func (a *App) History(personID int64, offset int) (_ HistoryDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return HistoryDTO{}, err
	}
	entries, total, err := a.records.FindHistory(a.ctx, personID, offset, 100)
	if err != nil {
		return HistoryDTO{}, err
	}
	out := HistoryDTO{Entries: make([]HistoryEntryDTO, 0, len(entries)), Total: total}
	for _, h := range entries {
		out.Entries = append(out.Entries, toHistoryEntryDTO(h))
	}
	return out, nil
}

// LoadExamplePeople adds the fictional example people, so a newcomer can
// see the app working, and returns how many were added.
func (a *App) LoadExamplePeople() (_ int, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return 0, err
	}
	return demo.Seed(a.ctx, demo.Services{People: a.people, Records: a.records, Versions: a.versions}, time.Now())
}

// recoverBinding, deferred first in every bound method, turns a panic into
// an internal error (shown as a plain apology), so the page is always
// answered: Wails recovers a panic in a bound method but never answers
// the call, leaving the page waiting for ever. The panic is logged with
// its stack; it carries no call arguments, so no personal details.
func recoverBinding(err *error) {
	r := recover()
	if r == nil {
		return
	}
	kind := fmt.Sprintf("%T", r)
	if re, ok := r.(runtime.Error); ok {
		kind = re.Error()
	}
	slog.Error("panic in a bound method", "panic", kind, "stack", string(debug.Stack()))
	if err != nil {
		*err = fmt.Errorf("panic in a bound method: %s", kind)
	}
}
