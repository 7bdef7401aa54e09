package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"whatmatters/internal/accounts"
	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/demo"
	"whatmatters/internal/dto"
	"whatmatters/internal/planpdf"
	"whatmatters/internal/printing"
	"whatmatters/internal/signing"
	"whatmatters/internal/storebackup"
	"whatmatters/internal/surface"
	"whatmatters/internal/sysprint"
)

// App is the surface the frontend calls. Each method converts DTOs, calls a
// service through bind and lets formatError translate what goes wrong.
type App struct {
	// The bindings grouped in internal/surface, bound as App's own.
	surface.Groups

	ctx      context.Context
	s        Services
	plans    *signing.Plans
	signIn   *accounts.Service
	user     accounts.Current // who is signed in; every change and audit row names them
	printing *printing.Service
	backups  *storebackup.Service // see app_backup.go
	dbPath   string
	// problem, when set, is why the database could not be opened; the app
	// shows it instead of the usual screens and stores nothing.
	problem error

	mu sync.Mutex
	// lastSearch is when a search was last audited: searching is audited
	// once a minute, never with the words.
	lastSearch time.Time
	// integrity is what the check at start found, nil until it is done.
	integrity   *care.IntegrityReport
	firstScreen sync.Once // see afterFirstScreen
	openDB      func()    // starts opening the database (main.go), when the page has loaded
}

// Services are the care services the app calls.
type Services = database.Services

// hooks are what development builds (dev.go) and tests replace, in this
// one place: a folder that answers the file dialogs, and printers.
var hooks = struct {
	saveDir  func() string          // "" for the system's dialogs
	printers func() sysprint.System // the system's printers
}{saveDir: func() string { return "" }, printers: sysprint.New}

// NewApp returns the binding surface over the services; problem, if not nil, is why the database did not open.
func NewApp(s Services, dbPath string, problem error) *App {
	a := &App{ctx: context.Background(), s: s, signIn: s.SignIn(), dbPath: dbPath, problem: problem, openDB: func() {}}
	a.plans = s.Plans(a.user.Key)
	a.printing = printing.New(a.plans, s.Versions, hooks.printers())
	a.Groups = surface.New(&surface.Core{S: s, Ctx: func() context.Context { return a.ctx }, Ready: a.ready,
		WriteCtx: a.writeCtx, UserName: a.userName, Audit: a.record, SaveFile: chooseSaveFile, Record: a.findRecord,
		Meeting: a.findMeeting, Version: a.oneVersionDTO, Plans: a.plans, DataKey: a.user.Key,
		OpenFile: func(ctx context.Context, title, pattern string) (string, error) {
			return chooseOpenFile(ctx, title, pattern, "import.json")
		}})
	return a
}

// startup runs when the window opens.
func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.printing.Start()
}

// afterFirstScreen opens the database once the page has loaded, then starts sync, the integrity and font checks.
func (a *App) afterFirstScreen(context.Context) {
	a.openDB()
	a.firstScreen.Do(func() {
		go func() {
			binding.Wait()
			if a.problem == nil && a.s.Audit != nil {
				surface.StartSync(a.ctx, a.Groups) // in the background (internal/surface/syncloop.go)
				a.checkIntegrity(a.ctx)
			}
			if err := planpdf.CheckFonts(); err != nil {
				slog.Error("plan PDF fonts cannot be loaded; PDFs will fail", "err", err)
			}
		}()
	})
}

// shutdown removes the printed files a viewer may still have open.
func (a *App) shutdown(context.Context) { a.printing.Close() }

func (a *App) checkIntegrity(ctx context.Context) {
	r := database.CheckIntegrity(ctx, a.s.Audit)
	a.mu.Lock()
	a.integrity = r
	a.mu.Unlock()
}

// opened is nil when the database opened, else why not.
func (a *App) opened() error { return a.problem }

// ready says whether the database is open, someone signed in and the app unlocked; ESIGNIN if not.
func (a *App) ready() error {
	if a.problem != nil {
		return a.problem
	}
	return a.user.Ready()
}

// signedIn is ready without the lock: for saves that return nothing, so
// what was typed just before the app locked is kept.
func (a *App) signedIn() error {
	if a.problem != nil {
		return a.problem
	}
	return a.user.SignedIn()
}

// writeCtx is the context for changes: it carries who is making them.
func (a *App) writeCtx() context.Context { return a.user.Context(a.ctx) }

// record appends an audit event by the signed-in account; a failure to
// audit is logged, never shown: the action has already happened.
func (a *App) record(action string, personID int64, detail string) {
	s := a.user.Session()
	if s == nil || a.s.Audit == nil {
		return
	}
	a.audit(s.Actor(), action, personID, detail)
}

func (a *App) audit(actor care.Actor, action string, personID int64, detail string) {
	if err := a.s.Audit.Audit(a.ctx, &care.AuditEvent{Actor: actor, Action: action, PersonID: personID, Detail: detail}); err != nil {
		slog.Error("audit not written", "action", action, "err", err)
	}
}

// bind and act run a binding's work (see internal/binding); formatError
// turns its error into what the page is shown.
func bind[T any](name string, guard func() error, work func() (T, error)) (T, error) {
	return binding.Do(name, guard, work)
}

func act(name string, guard func() error, work func() error) error {
	return binding.Act(name, guard, work)
}

var formatError = binding.FormatError

// Status reports whether the database opened and, if not, why.
func (a *App) Status() dto.StatusDTO {
	defer binding.Recover("Status", nil)
	binding.Wait()
	return dto.StatusDTO{Ready: a.problem == nil, Problem: care.ErrorMessage(a.problem), DBPath: a.dbPath}
}

// CreatePerson adds a person. Errors: invalid (with field), conflict (for
// someone already recorded with the same name and date of birth, with
// personId set, unless in.DifferentFrom names them).
func (a *App) CreatePerson(in dto.PersonInput) (dto.PersonDTO, error) {
	return bind("CreatePerson", a.ready, func() (dto.PersonDTO, error) {
		p := &care.Person{GivenName: in.GivenName, FamilyName: in.FamilyName, PreferredName: in.PreferredName,
			Pronouns: in.Pronouns, DateOfBirth: in.DateOfBirth, NHSNumber: in.NHSNumber}
		if d := dto.ToPersonDetails(in.Details); d != nil {
			p.Details = *d
		}
		if err := a.s.People.CreatePerson(a.writeCtx(), p, in.DifferentFrom...); err != nil {
			return dto.PersonDTO{}, err
		}
		return dto.FromPerson(p), nil
	})
}

// UpdatePerson changes a person's details. Errors: not_found, invalid (with
// field), conflict.
func (a *App) UpdatePerson(id int64, in dto.PersonInput) (dto.PersonDTO, error) {
	return bind("UpdatePerson", a.ready, func() (dto.PersonDTO, error) {
		return dto.Convert(dto.FromPerson)(a.s.People.UpdatePerson(a.writeCtx(), id, care.PersonUpdate{
			GivenName: &in.GivenName, FamilyName: &in.FamilyName, PreferredName: &in.PreferredName,
			Pronouns: &in.Pronouns, DateOfBirth: &in.DateOfBirth, NHSNumber: &in.NHSNumber, Version: in.Version,
			Details: dto.ToPersonDetails(in.Details),
		}))
	})
}

// FindPerson returns one person. Errors: not_found.
func (a *App) FindPerson(id int64) (dto.PersonDTO, error) {
	return bind("FindPerson", a.ready, func() (dto.PersonDTO, error) {
		return dto.Convert(dto.FromPerson)(a.s.People.FindPersonByID(a.ctx, id))
	})
}

// SearchPeople finds people by the start of words in their names or About
// me, NHS number, date of birth, postcode or phone number, 20 at a time from offset, with the
// matching words marked. Errors: invalid (query too long).
func (a *App) SearchPeople(query string, offset int) (dto.PeopleDTO, error) {
	return a.searchPeople(query, offset, false)
}

// SearchPeopleIncluding is SearchPeople that also finds people no longer
// supported when inactive is true.
func (a *App) SearchPeopleIncluding(query string, offset int, inactive bool) (dto.PeopleDTO, error) {
	return a.searchPeople(query, offset, inactive)
}

// searchPeople is SearchPeople, also finding people no longer supported if inactive.
func (a *App) searchPeople(query string, offset int, inactive bool) (dto.PeopleDTO, error) {
	return bind("SearchPeople", a.ready, func() (dto.PeopleDTO, error) {
		matches, total, err := a.s.People.SearchPeople(a.ctx, care.PersonFilter{Query: query, Offset: offset, IncludeInactive: inactive})
		if err != nil {
			return dto.PeopleDTO{}, err
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
		return dto.PeopleDTO{People: dto.List(matches, dto.FromPersonMatch), Total: total}, nil
	})
}

// CurrentUser returns the signed-in account; an empty name means no one
// is signed in.
func (a *App) CurrentUser() dto.UserDTO {
	defer binding.Recover("CurrentUser", nil)
	return dto.FromSession(a.user.Session())
}

// Schema describes the sections of a person's record, for drawing forms.
func (a *App) Schema() []dto.SectionSpecDTO {
	defer binding.Recover("Schema", nil)
	return dto.FromSchema(care.Schema)
}

// FindRecord returns a person's whole record, with the plan's quality
// checks. It only reads. Errors: not_found.
func (a *App) FindRecord(personID int64) (dto.RecordDTO, error) {
	return bind("FindRecord", a.ready, func() (dto.RecordDTO, error) { return a.findRecord(personID) })
}

func (a *App) findRecord(personID int64) (dto.RecordDTO, error) {
	return dto.Convert(dto.FromRecord)(a.s.Records.FindRecord(a.ctx, personID))
}

// OpenRecord is FindRecord for a coordinator opening the person's screens:
// it also notes the record as recently opened, for the home screen.
// Errors: not_found.
func (a *App) OpenRecord(personID int64) (dto.RecordDTO, error) {
	return bind("OpenRecord", a.ready, func() (dto.RecordDTO, error) {
		r, err := a.findRecord(personID)
		if err != nil {
			return dto.RecordDTO{}, err
		}
		if a.s.Dashboard != nil {
			if err := a.s.Dashboard.MarkOpened(a.ctx, personID); err != nil {
				slog.Error("marking a record as opened", "err", err)
			}
		}
		a.record(care.AuditOpenRecord, personID, "")
		return r, nil
	})
}

// SaveFields saves fields of one section of a record (About me, legal, print
// format) and returns the record. action is "edit", or "edit-persons-words"
// for the person's own words. Errors: invalid (with field), conflict, not_found.
func (a *App) SaveFields(personID int64, section, action string, changes []dto.FieldChangeDTO) (dto.RecordDTO, error) {
	return bind("SaveFields", a.ready, func() (dto.RecordDTO, error) {
		cs := make([]care.FieldChange, 0, len(changes))
		for _, c := range changes {
			cs = append(cs, care.FieldChange{Key: c.Key, Value: c.Value, Version: c.Version})
		}
		return a.changed(personID, a.s.Records.SaveFields(a.writeCtx(), personID, section, action, cs))
	})
}

// SaveItem adds (id 0) or changes an entry of a list section and returns
// the record. Errors: invalid (with field), conflict, not_found.
func (a *App) SaveItem(personID int64, section string, item dto.ItemDTO) (dto.RecordDTO, error) {
	return bind("SaveItem", a.ready, func() (dto.RecordDTO, error) {
		it := &care.Item{ID: item.ID, PersonID: personID, Section: section, Values: item.Values, Version: item.Version}
		return a.changed(personID, a.s.Records.SaveItem(a.writeCtx(), it))
	})
}

// RemoveItem removes an entry of a list section, keeping it in history, and
// returns the record. Errors: not_found, conflict, invalid.
func (a *App) RemoveItem(personID, itemID int64, version int) (dto.RecordDTO, error) {
	return bind("RemoveItem", a.ready, func() (dto.RecordDTO, error) {
		return a.changed(personID, a.s.Records.RemoveItem(a.writeCtx(), personID, itemID, version))
	})
}

// changed returns the record after a change, or the change's error.
func (a *App) changed(personID int64, err error) (dto.RecordDTO, error) {
	if err != nil {
		return dto.RecordDTO{}, err
	}
	return a.findRecord(personID)
}

// History returns the kept changes to a person's record, newest first, 100
// at a time from offset. Errors: not_found.
func (a *App) History(personID int64, offset int) (dto.HistoryDTO, error) {
	return bind("History", a.ready, func() (dto.HistoryDTO, error) {
		entries, total, err := a.s.Records.FindHistory(a.ctx, personID, offset, 100)
		if err != nil {
			return dto.HistoryDTO{}, err
		}
		names, err := a.s.Records.FindNames(a.ctx, personID)
		return dto.HistoryDTO{Entries: dto.List(entries, dto.FromHistoryEntry(names)), Total: total}, err
	})
}

// LoadExamplePeople adds the fictional example people, so a newcomer can
// see the app working, and returns how many were added.
func (a *App) LoadExamplePeople() (int, error) {
	return bind("LoadExamplePeople", a.ready, func() (int, error) {
		seal, err := a.plans.Sealer(a.ctx)
		if err != nil {
			return 0, err
		}
		return demo.Seed(a.writeCtx(), demo.Services{People: a.s.People, Records: a.s.Records, Versions: a.s.Versions, Seal: seal, Examples: a.s.Status}, time.Now())
	})
}
