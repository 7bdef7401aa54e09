package surface

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/fhirsync"
)

// The binding surface for sharing with the clinic's FHIR server: the
// header's status and "Sync now", the Sync settings, settling conflicts
// and importing a FHIR file. The background sync is in syncloop.go.

// SyncEngine is what the sync bindings need from the store and the sync
// engine together (see sync_engine.go for the real one). Every method runs
// as the signed-in account, whose data key opens the saved credentials.
type SyncEngine interface {
	// Status is the store's status with Configured and Server filled in.
	Status(ctx context.Context) (fhirsync.Status, error)
	// Sync pulls, then pushes, reporting progress; it records the attempt
	// (fhirsync.Store.Finished) whatever happens.
	Sync(ctx context.Context, progress func(fhirsync.Progress)) (fhirsync.Result, error)
	// Settings returns the saved settings, and whether a token and a
	// private key are saved; the secrets themselves never leave.
	Settings(ctx context.Context) (s fhirsync.Settings, tokenSaved, keySaved bool, err error)
	// SaveSettings checks and saves the settings; an empty secret keeps
	// the saved one. EINVALID with a field (baseUrl, auth, token,
	// clientId, tokenUrl, privateKey).
	SaveSettings(ctx context.Context, s fhirsync.Settings, c fhirsync.Credentials) error
	// Conflicts returns the open conflicts, oldest first.
	Conflicts(ctx context.Context) ([]fhirsync.Conflict, error)
	// SettleConflict applies the chosen side (fhirsync.KeepMine or
	// TakeTheirs) of every field, by key. EINVALID, ENOTFOUND.
	SettleConflict(ctx context.Context, id int64, choices map[string]string) error
	// Import adds or matches the people of a FHIR Patient or Bundle.
	Import(ctx context.Context, raw []byte) (Imported, error)
}

// Imported is what importing a FHIR file did.
type Imported struct {
	Created, Matched, Conflicts int
	// Refused says, for each Patient not recorded, who and why.
	Refused []string
}

// MaxImportBytes caps the FHIR file read by ImportFHIR.
const MaxImportBytes = 32 << 20

// SyncStatusEvent is the event sent to the page whenever the sync status
// changes (a sync starts, makes progress or ends), with a SyncStatusDTO.
const SyncStatusEvent = "sync:status"

var errNoSync = care.Errorf(care.EINVALID, "Sync is not set up on this laptop. Enter your FHIR server's address in Sync settings first")

// SyncStatus is what the header shows: changes waiting, when last synced,
// the last problem, conflicts to settle and whether a sync is running.
func (x *SyncBindings) SyncStatus() (dto.SyncStatusDTO, error) {
	return binding.Do("SyncStatus", x.Ready, x.status)
}

func (x *SyncBindings) status() (dto.SyncStatusDTO, error) {
	if x.Sync == nil {
		return dto.SyncStatusDTO{}, nil
	}
	st, err := x.Sync.Status(x.Ctx())
	if err != nil {
		return dto.SyncStatusDTO{}, err
	}
	running, p := x.loop.state()
	return dto.FromSyncStatus(st, running, p), nil
}

// SyncNow syncs with the server now and says what it did, sending
// SyncStatusEvent as it goes. Errors: invalid (not set up), conflict (a
// sync is already running), and the sync's own problems in plain words
// (server unreachable, credentials refused…): changes are kept to send
// next time.
func (x *SyncBindings) SyncNow() (dto.SyncResultDTO, error) {
	return binding.Do("SyncNow", x.Ready, func() (dto.SyncResultDTO, error) {
		if x.Sync == nil {
			return dto.SyncResultDTO{}, errNoSync
		}
		st, err := x.Sync.Status(x.Ctx())
		if err != nil {
			return dto.SyncResultDTO{}, err
		}
		if !st.Configured {
			return dto.SyncResultDTO{}, errNoSync
		}
		r, err, ran := x.loop.once(x.WriteCtx())
		if !ran {
			return dto.SyncResultDTO{}, care.Errorf(care.ECONFLICT, "A sync is already running. Wait for it to finish, then try again")
		}
		if err != nil {
			return dto.SyncResultDTO{}, err
		}
		now, err := x.status()
		return dto.FromSyncResult(r, now), err
	})
}

// emitStatus sends the page the status, if it can be read.
func (x *SyncBindings) emitStatus() {
	if x.Emit == nil {
		return
	}
	if st, err := x.status(); err == nil {
		x.Emit(x.Ctx(), SyncStatusEvent, st)
	}
}

// SyncSettings returns the server to sync with and how to sign in to it;
// a saved token or private key is only said to be saved.
func (x *SyncBindings) SyncSettings() (dto.SyncSettingsDTO, error) {
	return binding.Do("SyncSettings", x.Ready, func() (dto.SyncSettingsDTO, error) {
		if x.Sync == nil {
			return dto.SyncSettingsDTO{Auth: fhirsync.AuthNone}, nil
		}
		s, token, key, err := x.Sync.Settings(x.WriteCtx())
		if s.Auth == "" {
			s.Auth = fhirsync.AuthNone
		}
		return dto.SyncSettingsDTO{BaseURL: s.BaseURL, Auth: s.Auth, ClientID: s.ClientID, TokenURL: s.TokenURL, KeyID: s.KeyID,
			TokenSaved: token, KeySaved: key}, err
	})
}

// SaveSyncSettings checks and saves the Sync settings and returns them,
// then syncs soon. Errors: invalid (by field: baseUrl, auth, token,
// clientId, tokenUrl, privateKey).
func (x *SyncBindings) SaveSyncSettings(in dto.SyncSettingsInput) (dto.SyncSettingsDTO, error) {
	var out dto.SyncSettingsDTO
	err := binding.Act("SaveSyncSettings", x.Ready, func() error {
		s, c, err := checkSyncSettings(in)
		if err != nil {
			return err
		}
		if x.Sync == nil {
			return errNoSync
		}
		if err := x.Sync.SaveSettings(x.WriteCtx(), s, c); err != nil {
			return err
		}
		x.Audit("sync-settings", 0, s.Auth)
		x.loop.kick()
		return nil
	})
	if err != nil {
		return out, err
	}
	return x.SyncSettings()
}

// Limits on what the Sync settings take.
const (
	maxURLLen    = 2000
	maxTokenLen  = 8192
	maxKeyLen    = 16384
	maxClientLen = 200
)

// checkSyncSettings tidies and checks what the form sent, before the
// engine checks it again (a PEM that parses, a host it can reach): each
// problem is a field error in the order of the form.
func checkSyncSettings(in dto.SyncSettingsInput) (fhirsync.Settings, fhirsync.Credentials, error) {
	s := fhirsync.Settings{BaseURL: strings.TrimSpace(in.BaseURL), Auth: in.Auth, ClientID: strings.TrimSpace(in.ClientID),
		TokenURL: strings.TrimSpace(in.TokenURL), KeyID: strings.TrimSpace(in.KeyID)}
	c := fhirsync.Credentials{Token: strings.TrimSpace(in.Token), PrivateKey: strings.TrimSpace(in.PrivateKey)}
	var errs []error
	if err := CheckServerURL("baseUrl", "the FHIR server's address", "https://fhir.example.nhs.uk/fhir", s.BaseURL); err != nil {
		errs = append(errs, err)
	}
	switch s.Auth {
	case fhirsync.AuthNone:
		s.ClientID, s.TokenURL, s.KeyID = "", "", ""
	case fhirsync.AuthBearer:
		s.ClientID, s.TokenURL, s.KeyID = "", "", ""
		if err := checkSecret("token", "The token", c.Token, maxTokenLen); err != nil {
			errs = append(errs, err)
		}
	case fhirsync.AuthSMART:
		if s.ClientID == "" {
			errs = append(errs, care.FieldError("clientId", "Enter the client ID your FHIR server's administrator gave you"))
		} else if len(s.ClientID) > maxClientLen || !printable(s.ClientID) {
			errs = append(errs, care.FieldError("clientId", "The client ID must be 200 characters or fewer, with no line breaks"))
		}
		if err := CheckServerURL("tokenUrl", "the token address", "https://auth.example.nhs.uk/token", s.TokenURL); err != nil {
			errs = append(errs, err)
		}
		if len(s.KeyID) > maxClientLen || !printable(s.KeyID) {
			errs = append(errs, care.FieldError("keyId", "The key ID must be 200 characters or fewer, with no line breaks"))
		}
		if len(c.PrivateKey) > maxKeyLen {
			errs = append(errs, care.FieldError("privateKey", "The private key is too long. Paste one PEM private key, starting -----BEGIN"))
		} else if c.PrivateKey != "" && !strings.HasPrefix(c.PrivateKey, "-----BEGIN ") {
			errs = append(errs, care.FieldError("privateKey", "Paste the private key as PEM text, starting -----BEGIN"))
		}
	default:
		errs = append(errs, care.FieldError("auth", "Choose how What Matters signs in to the FHIR server"))
	}
	return s, c, errors.Join(errs...)
}

// checkSecret checks a token typed or pasted: "" keeps the saved one.
func checkSecret(field, label, v string, max int) error {
	switch {
	case len(v) > max:
		return care.FieldError(field, label+" is too long. Paste the token your FHIR server's administrator gave you, and nothing else")
	case !printable(v) || strings.ContainsRune(v, ' '):
		return care.FieldError(field, label+" must be on one line, with no spaces")
	}
	return nil
}

// printable is true when s is valid UTF-8 with no control or
// direction-changing characters.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return false
		}
	}
	return true
}

// CheckServerURL checks a server's address: an https URL, or http for
// this computer only (localhost, 127.0.0.1, ::1), as tests use. EINVALID
// with field, the message giving example.
func CheckServerURL(field, what, example, v string) error {
	if v == "" {
		return care.FieldError(field, "Enter "+what+", such as "+example)
	}
	if len(v) > maxURLLen || !printable(v) || strings.ContainsAny(v, " \\") {
		return care.FieldError(field, "Enter "+what+" as a web address, such as "+example)
	}
	rest, ok := strings.CutPrefix(strings.ToLower(v), "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(strings.ToLower(v), "http://"); !ok {
			return care.FieldError(field, "Enter "+what+" starting https://, such as "+example)
		}
		host := rest
		if i := strings.IndexAny(host, "/?#"); i >= 0 {
			host = host[:i]
		}
		if !localHost(host) {
			return care.FieldError(field, "Enter "+what+" starting https://. Health records must not travel unencrypted: http:// is only for a test server on this computer")
		}
	}
	if host, _, _ := strings.Cut(rest, "/"); host == "" || strings.Contains(host, "@") {
		return care.FieldError(field, "Enter "+what+" as a web address, such as "+example)
	}
	return nil
}

// localHost is true for a host (with an optional port) on this computer.
func localHost(hostport string) bool {
	host := hostport
	if strings.HasPrefix(host, "[") {
		host, _, _ = strings.Cut(host[1:], "]")
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// SyncConflicts returns the changes made both here and on the server,
// waiting to be settled, oldest first.
func (x *SyncBindings) SyncConflicts() ([]dto.SyncConflictDTO, error) {
	return binding.Do("SyncConflicts", x.Ready, x.conflicts)
}

func (x *SyncBindings) conflicts() ([]dto.SyncConflictDTO, error) {
	if x.Sync == nil {
		return []dto.SyncConflictDTO{}, nil
	}
	cs, err := x.Sync.Conflicts(x.Ctx())
	return dto.List(cs, dto.FromSyncConflict), err
}

// SettleConflict settles a conflict with the side chosen for each field
// ("mine" for this laptop's, "theirs" for the server's), by field key,
// and returns the conflicts left. Nothing is chosen for the coordinator.
// Errors: invalid (by field key, when a field has no choice), not_found.
func (x *SyncBindings) SettleConflict(id int64, choices map[string]string) ([]dto.SyncConflictDTO, error) {
	return binding.Do("SettleConflict", x.Ready, func() ([]dto.SyncConflictDTO, error) {
		if x.Sync == nil {
			return nil, errNoSync
		}
		cs, err := x.Sync.Conflicts(x.Ctx())
		if err != nil {
			return nil, err
		}
		c := findConflict(cs, id)
		if c == nil {
			return nil, care.Errorf(care.ENOTFOUND, "This conflict has already been settled, or is not on this laptop")
		}
		if err := checkChoices(c, choices); err != nil {
			return nil, err
		}
		if err := x.Sync.SettleConflict(x.WriteCtx(), id, choices); err != nil {
			return nil, err
		}
		x.Audit("settle-sync-conflict", c.PersonID, "")
		x.emitStatus()
		return x.conflicts()
	})
}

func findConflict(cs []fhirsync.Conflict, id int64) *fhirsync.Conflict {
	for i := range cs {
		if cs[i].ID == id {
			return &cs[i]
		}
	}
	return nil
}

// checkChoices requires a choice of mine or theirs for every field of c,
// and nothing else: one error per field without one, by its key.
func checkChoices(c *fhirsync.Conflict, choices map[string]string) error {
	var errs []error
	known := map[string]bool{}
	for _, f := range c.Fields {
		known[f.Key] = true
		if ch := choices[f.Key]; ch != fhirsync.KeepMine && ch != fhirsync.TakeTheirs {
			errs = append(errs, care.FieldError(f.Key, "Select which “"+f.Label+"” to keep: the one on this laptop or the one on the server"))
		}
	}
	for k := range choices {
		if !known[k] {
			return care.Errorf(care.EINVALID, "This conflict has changed since it was shown. Look at it again, then settle it")
		}
	}
	return errors.Join(errs...)
}

// ImportFHIR asks for a FHIR file (a Patient, or a Bundle of them, such as
// a GP system's export) and adds or matches its people by NHS number: the
// person's own words are never overwritten, and the same NHS number with
// another date of birth is a conflict to settle. An empty File in the
// answer means the coordinator cancelled. Errors: invalid (not FHIR, too
// big, a Patient without an NHS number…).
func (x *SyncBindings) ImportFHIR() (dto.ImportResultDTO, error) {
	return binding.Do("ImportFHIR", x.Ready, func() (dto.ImportResultDTO, error) {
		if x.Sync == nil || x.OpenFile == nil {
			return dto.ImportResultDTO{}, care.Errorf(care.EINVALID, "Importing FHIR files is not available in this build")
		}
		path, err := x.OpenFile(x.Ctx(), "Choose a FHIR file to import", "*.json")
		if err != nil || path == "" {
			return dto.ImportResultDTO{}, err
		}
		raw, err := readCapped(path, MaxImportBytes)
		if err != nil {
			return dto.ImportResultDTO{}, err
		}
		r, err := x.Sync.Import(x.WriteCtx(), raw)
		if err != nil {
			return dto.ImportResultDTO{}, err
		}
		msg := dto.ImportMessage(r.Created, r.Matched, r.Conflicts, len(r.Refused))
		x.Audit("import-fhir", 0, msg)
		x.emitStatus()
		return dto.ImportResultDTO{File: path, Created: r.Created, Matched: r.Matched, Conflicts: r.Conflicts,
			Refused: append([]string{}, r.Refused...), Message: msg}, nil
	})
}

// readCapped reads the file at path, refusing one bigger than max bytes.
func readCapped(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, care.Errorf(care.EINVALID, "Cannot open that file. Check it is still there and you can read it")
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, care.Errorf(care.EINVALID, "Cannot read that file. Check it is still there and you can read it")
	}
	if int64(len(raw)) > max {
		return nil, care.Errorf(care.EINVALID, "That file is bigger than 32 MB: it cannot be a FHIR export of people. Choose another file")
	}
	return raw, nil
}

// unknownServerActor is the name history gives a change from the server
// when the server does not say who made it (internal/sqlite's serverActor).
const unknownServerActor = "Someone on the FHIR server"

// RecordFromServer says whether the person's record last changed on the
// FHIR server, and who changed it there (as history names them: see
// care.ActionFromServer): the record shows a line saying so.
func (x *SyncBindings) RecordFromServer(personID int64) (dto.SyncOriginDTO, error) {
	return binding.Do("RecordFromServer", x.Ready, func() (dto.SyncOriginDTO, error) {
		hs, _, err := x.S.Records.FindHistory(x.Ctx(), personID, 0, 1)
		if err != nil || len(hs) == 0 || hs[0].Action != care.ActionFromServer {
			return dto.SyncOriginDTO{}, err
		}
		o := dto.SyncOriginDTO{FromServer: true, ChangedBy: hs[0].Actor.Name, At: dto.ShownTime(hs[0].At)}
		if o.ChangedBy == unknownServerActor {
			o.ChangedBy = ""
		}
		if x.Sync != nil {
			if st, err := x.Sync.Status(x.Ctx()); err == nil {
				o.Server = st.Server
			}
		}
		return o, nil
	})
}
