package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/signing"
	"whatmatters/internal/sqlite"
	"whatmatters/internal/vault"
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
	plans     *signing.Plans
	accounts  *accounts
	audit     care.AuditService
	printing  *printing
	backups   *backups // see app_backup.go
	dbPath    string
	// problem, when set, is why the database could not be opened; the app
	// shows it instead of the usual screens and stores nothing.
	problem error

	mu sync.Mutex
	// sess is the signed-in account; every change and audit row names it.
	// It lives in this process only.
	sess   *session
	locked bool
	// lastSearch is when a search was last audited: searching is audited
	// once a minute, never with the words.
	lastSearch time.Time
	// integrity is what the check at start found, nil until it is done.
	integrity *care.IntegrityReport
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
	Accounts     care.AccountService
	Audit        care.AuditService
}

// newPlans builds the plan PDF pipeline on the services; dataKey returns
// the signed-in account's data key (nil when no one is signed in).
func newPlans(s Services, dataKey func() []byte) *signing.Plans {
	return signing.New(signing.Config{Versions: s.Versions, Settings: s.Settings, Certificates: s.Certificates,
		Secrets: s.Accounts, DataKey: dataKey, Now: time.Now})
}

// newAccounts builds sign-in on the services.
func newAccounts(s Services) *accounts {
	return &accounts{store: s.Accounts, audit: s.Audit, now: time.Now, params: vault.DefaultParams}
}

// NewApp returns the binding surface over the given services. problem, if
// not nil, is why the database could not be opened.
func NewApp(s Services, dbPath string, problem error) *App {
	a := &App{ctx: context.Background(), people: s.People, records: s.Records, settings: s.Settings,
		meetings: s.Meetings, dashboard: s.Dashboard, versions: s.Versions, accounts: newAccounts(s), audit: s.Audit,
		dbPath: dbPath, problem: problem}
	a.plans = newPlans(s, a.dataKey)
	a.printing = newPrinting(s, a.plans)
	return a
}

// startup runs when the window opens: it starts the integrity check of
// the history, the audit log and every agreed snapshot, in the background.
func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.printing.start()
	if a.problem == nil && a.audit != nil {
		go a.checkIntegrity(ctx)
	}
}

// shutdown removes the printed files a viewer may still have open.
func (a *App) shutdown(context.Context) {
	a.printing.close()
}
func (a *App) checkIntegrity(ctx context.Context) {
	r, err := a.audit.VerifyIntegrity(ctx)
	if err != nil {
		slog.Error("integrity check failed to run", "err", err)
		r = &care.IntegrityReport{Problems: []string{"The check of the record's history could not run. Restart What Matters; if this stays, restore from a backup"}}
	}
	for _, p := range r.Problems {
		slog.Error("integrity check", "problem", p)
	}
	a.mu.Lock()
	a.integrity = r
	a.mu.Unlock()
}

// current returns the signed-in session, or nil.
func (a *App) current() *session {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sess
}

// dataKey is the signed-in account's data key, nil if no one is signed in.
func (a *App) dataKey() []byte {
	if s := a.current(); s != nil {
		return s.key
	}
	return nil
}

// writeCtx is the context for changes: it carries who is making them.
func (a *App) writeCtx() context.Context {
	if s := a.current(); s != nil {
		return care.WithActor(a.ctx, s.actor())
	}
	return a.ctx
}

// record appends an audit event by the signed-in account; a failure to
// audit is logged, never shown: the action has already happened.
func (a *App) record(action string, personID int64, detail string) {
	s := a.current()
	if s == nil || a.audit == nil {
		return
	}
	if err := a.audit.Audit(a.ctx, &care.AuditEvent{Actor: s.actor(), Action: action, PersonID: personID, Detail: detail}); err != nil {
		slog.Error("audit not written", "action", action, "err", err)
	}
}

// ErrorDTO is how every error reaches the frontend. Code, Message and Field
// describe the first problem; Errors lists every field problem when a form
// has several, so they can all be shown at once. PersonID, for a person
// who may already be recorded, is who they may be.
type ErrorDTO struct {
	Code     string     `json:"code"`
	Message  string     `json:"message"`
	Field    string     `json:"field"`
	Errors   []ErrorDTO `json:"errors,omitempty"`
	PersonID int64      `json:"personId,omitempty"`
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
	dto := ErrorDTO{Code: code, Message: care.ErrorMessage(err), Field: care.ErrorField(err), PersonID: care.DuplicateOf(err)}
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

// signedIn is ready without the lock: for saves that return nothing, so
// what was typed just before the app locked is kept. ESIGNIN if no one is
// signed in.
func (a *App) signedIn() error {
	if a.problem != nil {
		return a.problem
	}
	if a.current() == nil {
		return care.Errorf(care.ESIGNIN, "Sign in to What Matters first")
	}
	return nil
}

// ready says whether the app can serve a person's data: the database is
// open, someone is signed in and the app is not locked. ESIGNIN if not.
func (a *App) ready() error {
	if a.problem != nil {
		return a.problem
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case a.sess == nil:
		return care.Errorf(care.ESIGNIN, "Sign in to What Matters first")
	case a.locked:
		return care.Errorf(care.ESIGNIN, "What Matters is locked. Enter your passphrase to carry on")
	}
	return nil
}

// CreatePerson adds a person. Errors: invalid (with field), conflict (for
// someone already recorded with the same name and date of birth, with
// personId set, unless in.DifferentFrom names them).
func (a *App) CreatePerson(in PersonInput) (_ PersonDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return PersonDTO{}, err
	}
	p := &care.Person{GivenName: in.GivenName, FamilyName: in.FamilyName, PreferredName: in.PreferredName,
		Pronouns: in.Pronouns, DateOfBirth: in.DateOfBirth, NHSNumber: in.NHSNumber}
	if err := a.people.CreatePerson(a.writeCtx(), p, in.DifferentFrom...); err != nil {
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
	a.mu.Lock()
	audit := a.lastSearch.IsZero() || time.Since(a.lastSearch) > time.Minute
	if audit {
		a.lastSearch = time.Now()
	}
	a.mu.Unlock()
	if audit && query != "" {
		a.record(care.AuditSearch, 0, "")
	}
	out := PeopleDTO{People: make([]PersonMatchDTO, 0, len(matches)), Total: total}
	for _, m := range matches {
		out.People = append(out.People, PersonMatchDTO{Person: toPersonDTO(m.Person), Name: toRunsDTO(m.Name),
			Snippet: toRunsDTO(m.Snippet)})
	}
	return out, nil
}

// CurrentUser returns the signed-in account; an empty name means no one
// is signed in.
func (a *App) CurrentUser() UserDTO {
	defer recoverBinding(nil)
	if s := a.current(); s != nil {
		return UserDTO{Name: s.account.Name, Role: s.account.Role}
	}
	return UserDTO{}
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
	a.record(care.AuditOpenRecord, personID, "")
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
	seal, err := a.plans.Sealer(a.ctx)
	if err != nil {
		return 0, err
	}
	return demo.Seed(a.writeCtx(), demo.Services{People: a.people, Records: a.records, Versions: a.versions, Seal: seal}, time.Now())
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
