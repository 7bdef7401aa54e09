package surface

import (
	"context"
	"errors"
	"net/url"

	"whatmatters/internal/care"
	"whatmatters/internal/fhirexport"
	"whatmatters/internal/fhirsync"
	"whatmatters/internal/sqlite"
)

// syncEngine is the SyncEngine of the app: the store's SyncService, and
// internal/fhirsync's Syncer made afresh for each sync from the settings
// and credentials saved (the credentials unsealed with the signed-in
// account's data key).
type syncEngine struct {
	store    *sqlite.SyncService
	settings care.SettingsService
	secrets  fhirsync.SecretStore
	dataKey  func() []byte
	// plans signs the PDF a version not yet on the server carries in its
	// DocumentReference, in the person's format; nil sends the snapshot only.
	plans fhirexport.Renderer
}

var _ SyncEngine = (*syncEngine)(nil)

// newSyncEngine returns the sync engine over c's services, or nil when
// they have no sync store.
func newSyncEngine(c *Core) SyncEngine {
	if c.S.Sync == nil || c.S.Settings == nil || c.S.Accounts == nil {
		return nil
	}
	key := c.DataKey
	if key == nil {
		key = func() []byte { return nil }
	}
	e := &syncEngine{store: c.S.Sync, settings: c.S.Settings, secrets: c.S.Accounts, dataKey: key}
	if c.Plans != nil {
		e.plans = c.Plans
	}
	return e
}

// Status is the store's status, with whether a server is set and its host.
func (e *syncEngine) Status(ctx context.Context) (fhirsync.Status, error) {
	st, err := e.store.Status(ctx)
	if err != nil {
		return st, err
	}
	base, err := e.settings.FindSetting(ctx, fhirsync.KeyBaseURL)
	if err != nil {
		return st, err
	}
	st.Configured = base != ""
	if u, err := url.Parse(base); err == nil {
		st.Server = u.Host
	}
	return st, nil
}

// Sync loads the saved configuration and syncs with it.
func (e *syncEngine) Sync(ctx context.Context, progress func(fhirsync.Progress)) (fhirsync.Result, error) {
	cfg, err := fhirsync.LoadConfig(ctx, e.settings, e.secrets, e.dataKey())
	if err != nil {
		return fhirsync.Result{}, err
	}
	if cfg.BaseURL == "" {
		return fhirsync.Result{}, errNoSync
	}
	if e.plans != nil {
		cfg.Sign = func(v *fhirsync.Version) error {
			pdf, _, format, err := e.plans.Render(ctx, v.PersonID, v.Number, "")
			v.PDF, v.PDFFormat = pdf, format
			return err
		}
	}
	return fhirsync.New(e.store, cfg).Sync(ctx, progress)
}

// Settings reads the saved settings without unsealing the credentials.
func (e *syncEngine) Settings(ctx context.Context) (s fhirsync.Settings, tokenSaved, keySaved bool, err error) {
	if s, err = fhirsync.LoadSettings(ctx, e.settings); err != nil {
		return s, false, false, err
	}
	return s, fhirsync.Saved(ctx, e.secrets, fhirsync.SecretToken), fhirsync.Saved(ctx, e.secrets, fhirsync.SecretPrivateKey), nil
}

// engineFields are the engine's names for the fields of the settings
// form, by the names the page uses.
var engineFields = map[string]string{"baseURL": "baseUrl", "clientID": "clientId", "tokenURL": "tokenUrl", "keyID": "keyId"}

// SaveSettings checks and saves the settings through the engine, whose
// field errors are renamed to the page's fields.
func (e *syncEngine) SaveSettings(ctx context.Context, s fhirsync.Settings, c fhirsync.Credentials) error {
	err := fhirsync.SaveConfig(ctx, e.settings, e.secrets, e.dataKey(), s, c)
	if err == nil || care.ErrorCode(err) != care.EINVALID {
		return err
	}
	var errs []error
	for _, fe := range care.FieldErrors(err) {
		f := fe.Field
		if to, ok := engineFields[f]; ok {
			f = to
		}
		errs = append(errs, &care.Error{Code: fe.Code, Message: fe.Message, Field: f})
	}
	return errors.Join(errs...)
}

func (e *syncEngine) Conflicts(ctx context.Context) ([]fhirsync.Conflict, error) {
	return e.store.Conflicts(ctx)
}

func (e *syncEngine) SettleConflict(ctx context.Context, id int64, choices map[string]string) error {
	return e.store.SettleConflict(ctx, id, choices)
}

// Import records the Patients of a FHIR file through the store.
func (e *syncEngine) Import(ctx context.Context, raw []byte) (Imported, error) {
	r, err := e.store.ImportPatient(ctx, raw)
	if err != nil {
		return Imported{}, err
	}
	out := Imported{Created: r.Count(sqlite.ImportCreated), Matched: r.Count(sqlite.ImportMatched),
		Conflicts: r.Count(sqlite.ImportConflict)}
	for _, p := range r.People {
		switch {
		case p.Outcome != sqlite.ImportRefused:
		case p.Name != "":
			out.Refused = append(out.Refused, p.Name+": "+p.Message)
		default:
			out.Refused = append(out.Refused, p.Message)
		}
	}
	return out, nil
}
