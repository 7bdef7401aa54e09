package surface

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/dto"
	"whatmatters/internal/fhirsync"
	"whatmatters/internal/mock"
)

// fakeEngine is a SyncEngine whose answers the test sets.
type fakeEngine struct {
	mu        sync.Mutex
	status    fhirsync.Status
	sync      func(ctx context.Context, progress func(fhirsync.Progress)) (fhirsync.Result, error)
	settings  fhirsync.Settings
	creds     fhirsync.Credentials
	conflicts []fhirsync.Conflict
	settled   map[string]string
	imported  []byte
}

func (f *fakeEngine) Status(context.Context) (fhirsync.Status, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.status, nil
}

func (f *fakeEngine) Sync(ctx context.Context, progress func(fhirsync.Progress)) (fhirsync.Result, error) {
	return f.sync(ctx, progress)
}

func (f *fakeEngine) Settings(context.Context) (fhirsync.Settings, bool, bool, error) {
	return f.settings, f.creds.Token != "", f.creds.PrivateKey != "", nil
}

func (f *fakeEngine) SaveSettings(_ context.Context, s fhirsync.Settings, c fhirsync.Credentials) error {
	f.settings = s
	if c.Token != "" {
		f.creds.Token = c.Token
	}
	return nil
}

func (f *fakeEngine) Conflicts(context.Context) ([]fhirsync.Conflict, error) { return f.conflicts, nil }

func (f *fakeEngine) SettleConflict(_ context.Context, id int64, choices map[string]string) error {
	f.settled = choices
	f.conflicts = nil
	return nil
}

func (f *fakeEngine) Import(_ context.Context, raw []byte) (Imported, error) {
	f.imported = raw
	return Imported{Created: 1, Matched: 2}, nil
}

// newTestSync returns the sync bindings over f, signed in.
func newTestSync(f *fakeEngine) (*SyncBindings, *[]dto.SyncStatusDTO) {
	var mu sync.Mutex
	var events []dto.SyncStatusDTO
	c := &Core{Ctx: context.Background, Ready: func() error { return nil }, WriteCtx: context.Background,
		Audit: func(string, int64, string) {}, Sync: f,
		Emit: func(_ context.Context, name string, data ...any) {
			mu.Lock()
			defer mu.Unlock()
			if name == SyncStatusEvent {
				events = append(events, data[0].(dto.SyncStatusDTO))
			}
		}}
	return New(c).SyncBindings, &events
}

// fields are the fields of err's problems, in order.
func fields(err error) []string {
	var out []string
	for _, e := range care.FieldErrors(err) {
		out = append(out, e.Field)
	}
	return out
}

var badSettings = []struct {
	name  string
	in    dto.SyncSettingsInput
	field string
	msg   string
}{
	{"EmptyURL", dto.SyncSettingsInput{Auth: "none"}, "baseUrl", "Enter the FHIR server's address"},
	{"HTTPElsewhere", dto.SyncSettingsInput{BaseURL: "http://fhir.example.nhs.uk/fhir", Auth: "none"}, "baseUrl", "starting https://"},
	{"HTTPLookalike", dto.SyncSettingsInput{BaseURL: "http://localhost.evil.example/fhir", Auth: "none"}, "baseUrl", "starting https://"},
	{"Userinfo", dto.SyncSettingsInput{BaseURL: "https://me@fhir.example.nhs.uk/", Auth: "none"}, "baseUrl", "as a web address"},
	{"NotAURL", dto.SyncSettingsInput{BaseURL: "fhir server", Auth: "none"}, "baseUrl", "as a web address"},
	{"FTP", dto.SyncSettingsInput{BaseURL: "ftp://fhir.example.nhs.uk", Auth: "none"}, "baseUrl", "starting https://"},
	{"NoAuth", dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir"}, "auth", "Choose how"},
	{"HugeToken", dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "bearer", Token: strings.Repeat("A", 10000)}, "token", "too long"},
	{"TokenWithNewline", dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "bearer", Token: "abc\ndef"}, "token", "one line"},
	{"TokenWithBidi", dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "bearer", Token: "abc\u202edef"}, "token", "one line"},
	{"SMARTNoClient", dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "smart", TokenURL: "https://auth.example.nhs.uk/token"}, "clientId", "Enter the client ID"},
	{"SMARTNoTokenURL", dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "smart", ClientID: "wm"}, "tokenUrl", "Enter the token address"},
	{"SMARTKeyNotPEM", dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "smart", ClientID: "wm", TokenURL: "https://auth.example.nhs.uk/token", PrivateKey: "secret"}, "privateKey", "PEM"},
}

func TestCheckSyncSettings(t *testing.T) {
	for _, tt := range badSettings {
		t.Run("Err"+tt.name, func(t *testing.T) {
			_, _, err := checkSyncSettings(tt.in)
			if got := fields(err); !reflect.DeepEqual(got, []string{tt.field}) {
				t.Fatalf("fields = %v, want [%s] (%v)", got, tt.field, err)
			}
			if msg := care.FieldErrors(err)[0].Message; !strings.Contains(msg, tt.msg) {
				t.Errorf("message %q does not say %q", msg, tt.msg)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		for _, u := range []string{"https://fhir.example.nhs.uk/fhir", "http://127.0.0.1:8123/fhir", "http://localhost:80", "http://[::1]:9/fhir", " HTTPS://FHIR.example.nhs.uk/R4 "} {
			if _, _, err := checkSyncSettings(dto.SyncSettingsInput{BaseURL: u, Auth: "none"}); err != nil {
				t.Errorf("%s: %v", u, err)
			}
		}
		s, c, err := checkSyncSettings(dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "bearer", Token: " tok ", ClientID: "left over"})
		if err != nil || c.Token != "tok" || s.ClientID != "" {
			t.Fatalf("got %+v %+v %v, want the token trimmed and no client id", s, c, err)
		}
	})
	t.Run("ErrSeveral", func(t *testing.T) {
		_, _, err := checkSyncSettings(dto.SyncSettingsInput{Auth: "smart"})
		if got, want := fields(err), []string{"baseUrl", "clientId", "tokenUrl"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("fields = %v, want %v", got, want)
		}
	})
}

func TestSaveSyncSettings(t *testing.T) {
	f := &fakeEngine{}
	x, _ := newTestSync(f)
	got, err := x.SaveSyncSettings(dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "bearer", Token: "s3cret-token"})
	if err != nil {
		t.Fatal(err)
	}
	want := dto.SyncSettingsDTO{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "bearer", TokenSaved: true}
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if f.creds.Token != "s3cret-token" {
		t.Fatalf("token saved = %q", f.creds.Token)
	}
	// Saving again without a token keeps the one saved.
	if got, err = x.SaveSyncSettings(dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "bearer"}); err != nil || !got.TokenSaved {
		t.Fatalf("got %+v %v, want the token still saved", got, err)
	}
	if _, err := x.SaveSyncSettings(dto.SyncSettingsInput{BaseURL: "http://fhir.example.nhs.uk", Auth: "none"}); care.ErrorField(err) != "baseUrl" {
		t.Fatalf("err = %v, want one for baseUrl", err)
	}
	if f.settings.BaseURL != "https://fhir.example.nhs.uk/fhir" {
		t.Fatalf("bad settings were saved: %+v", f.settings)
	}
}

func TestSyncNow(t *testing.T) {
	t.Run("ErrNotConfigured", func(t *testing.T) {
		x, _ := newTestSync(&fakeEngine{})
		if _, err := x.SyncNow(); care.ErrorCode(err) != care.EINVALID || !strings.Contains(care.ErrorMessage(err), "Sync settings") {
			t.Fatalf("err = %v, want one saying to set up sync", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		f := &fakeEngine{status: fhirsync.Status{Configured: true, Server: "fhir.example.nhs.uk", Waiting: 12}}
		started, release := make(chan struct{}), make(chan struct{})
		f.sync = func(_ context.Context, progress func(fhirsync.Progress)) (fhirsync.Result, error) {
			progress(fhirsync.Progress{Stage: "push", Done: 3, Total: 12})
			close(started)
			<-release
			f.mu.Lock()
			f.status.Waiting, f.status.LastSynced = 0, time.Date(2026, 12, 1, 14, 5, 0, 0, time.Local)
			f.mu.Unlock()
			return fhirsync.Result{Pulled: 3, Pushed: 12}, nil
		}
		x, events := newTestSync(f)
		done := make(chan dto.SyncResultDTO)
		go func() {
			r, err := x.SyncNow()
			if err != nil {
				t.Error(err)
			}
			done <- r
		}()
		<-started
		st, _ := x.SyncStatus()
		if !st.Running || st.Sentence != "Syncing with fhir.example.nhs.uk: sending changes: 3 of 12 people" {
			t.Fatalf("status while running = %+v", st)
		}
		if _, err := x.SyncNow(); care.ErrorCode(err) != care.ECONFLICT || !strings.Contains(care.ErrorMessage(err), "already running") {
			t.Fatalf("second sync: err = %v, want a conflict saying one is running", err)
		}
		close(release)
		r := <-done
		if r.Message != "Sync finished: 3 changes received, 12 changes sent" || r.Status.Running {
			t.Fatalf("result = %+v", r)
		}
		if want := "No changes waiting to sync, last synced 1 December 2026 at 14:05"; r.Status.Sentence != want {
			t.Fatalf("sentence = %q, want %q", r.Status.Sentence, want)
		}
		if len(*events) < 3 || !(*events)[1].Running || (*events)[len(*events)-1].Running {
			t.Fatalf("events = %+v, want running then finished", *events)
		}
	})
}

func TestSyncSentence(t *testing.T) {
	at := time.Date(2026, 12, 1, 14, 5, 0, 0, time.Local)
	for _, tt := range []struct {
		s    fhirsync.Status
		want string
	}{
		{fhirsync.Status{}, ""},
		{fhirsync.Status{Configured: true, Waiting: 12, LastSynced: at}, "12 changes waiting to sync, last synced 1 December 2026 at 14:05"},
		{fhirsync.Status{Configured: true, Waiting: 1}, "1 change waiting to sync, not synced yet"},
	} {
		if got := dto.FromSyncStatus(tt.s, false, fhirsync.Progress{}).Sentence; got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestSettleConflict(t *testing.T) {
	conflict := func() []fhirsync.Conflict {
		return []fhirsync.Conflict{{ID: 4, PersonID: 1, PersonName: "Anna Nowak", What: "About me", Fields: []fhirsync.ConflictField{
			{Key: "important", Label: "What is most important to me", Mine: "My garden 🌱", Theirs: "\u202eMy cat"},
			{Key: "wellbeing", Label: "What helps my wellbeing", Mine: "Walks", Theirs: "Swimming"},
		}}}
	}
	t.Run("ErrNoChoice", func(t *testing.T) {
		f := &fakeEngine{conflicts: conflict()}
		x, _ := newTestSync(f)
		_, err := x.SettleConflict(4, map[string]string{"important": "mine", "wellbeing": "both"})
		if got := fields(err); !reflect.DeepEqual(got, []string{"wellbeing"}) {
			t.Fatalf("fields = %v, want [wellbeing]", got)
		}
		if want := "Select which “What helps my wellbeing” to keep"; !strings.HasPrefix(care.FieldErrors(err)[0].Message, want) {
			t.Fatalf("message = %q", care.FieldErrors(err)[0].Message)
		}
		if f.settled != nil {
			t.Fatal("settled without every choice")
		}
	})
	t.Run("ErrChanged", func(t *testing.T) {
		x, _ := newTestSync(&fakeEngine{conflicts: conflict()})
		if _, err := x.SettleConflict(4, map[string]string{"important": "mine", "wellbeing": "mine", "other": "mine"}); care.ErrorCode(err) != care.EINVALID {
			t.Fatalf("err = %v, want invalid", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		x, _ := newTestSync(&fakeEngine{})
		if _, err := x.SettleConflict(4, nil); care.ErrorCode(err) != care.ENOTFOUND {
			t.Fatalf("err = %v, want not_found", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		f := &fakeEngine{conflicts: conflict()}
		x, _ := newTestSync(f)
		cs, err := x.SyncConflicts()
		if err != nil || len(cs) != 1 || cs[0].Fields[0].Theirs != "\u202eMy cat" {
			t.Fatalf("conflicts = %+v, %v", cs, err)
		}
		choices := map[string]string{"important": "mine", "wellbeing": "theirs"}
		left, err := x.SettleConflict(4, choices)
		if err != nil || len(left) != 0 || !reflect.DeepEqual(f.settled, choices) {
			t.Fatalf("left %+v, settled %v, err %v", left, f.settled, err)
		}
	})
}

func TestImportFHIR(t *testing.T) {
	dir := t.TempDir()
	f := &fakeEngine{}
	x, _ := newTestSync(f)
	var answer string
	x.OpenFile = func(context.Context, string, string) (string, error) { return answer, nil }

	if r, err := x.ImportFHIR(); err != nil || r.File != "" {
		t.Fatalf("cancelled: got %+v %v", r, err)
	}
	answer = filepath.Join(dir, "patient.json")
	if err := os.WriteFile(answer, []byte(`{"resourceType":"Patient"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := x.ImportFHIR()
	if err != nil || r.Message != "1 person added, 2 people already here" || string(f.imported) != `{"resourceType":"Patient"}` {
		t.Fatalf("got %+v %v", r, err)
	}
	answer = filepath.Join(dir, "huge.json")
	if err := os.WriteFile(answer, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(answer, MaxImportBytes+1); err != nil {
		t.Fatal(err)
	}
	if _, err := x.ImportFHIR(); !strings.Contains(care.ErrorMessage(err), "bigger than 32 MB") {
		t.Fatalf("huge file: err = %v", err)
	}
	answer = filepath.Join(dir, "gone.json")
	if _, err := x.ImportFHIR(); !strings.Contains(care.ErrorMessage(err), "Cannot open that file") {
		t.Fatalf("missing file: err = %v", err)
	}
}

func TestRecordFromServer(t *testing.T) {
	at := time.Date(2026, 12, 1, 14, 5, 0, 0, time.Local)
	var last []*care.HistoryEntry
	x, _ := newTestSync(&fakeEngine{status: fhirsync.Status{Configured: true, Server: "fhir.example.nhs.uk"}})
	x.S.Records = &mock.RecordService{FindHistoryFn: func(_ context.Context, personID int64, offset, limit int) ([]*care.HistoryEntry, int, error) {
		if personID != 3 || offset != 0 || limit != 1 {
			t.Fatalf("FindHistory(%d, %d, %d)", personID, offset, limit)
		}
		return last, len(last), nil
	}}
	last = []*care.HistoryEntry{{Action: care.ActionEdit, At: at, Actor: care.Actor{Name: "Sam Okafor", Role: "Care coordinator"}}}
	if o, err := x.RecordFromServer(3); err != nil || o.FromServer {
		t.Fatalf("changed here: got %+v %v", o, err)
	}
	last = []*care.HistoryEntry{{Action: care.ActionFromServer, At: at, Actor: care.Actor{Name: "Dr Ada Shah", Role: care.RoleFHIRServer}}}
	want := dto.SyncOriginDTO{FromServer: true, Server: "fhir.example.nhs.uk", ChangedBy: "Dr Ada Shah", At: "1 December 2026 at 14:05"}
	if o, err := x.RecordFromServer(3); err != nil || o != want {
		t.Fatalf("got %+v %v, want %+v", o, err, want)
	}
	// The server did not say who: the line says nothing of who.
	last[0].Actor.Name = unknownServerActor
	want.ChangedBy = ""
	if o, err := x.RecordFromServer(3); err != nil || o != want {
		t.Fatalf("got %+v %v, want %+v", o, err, want)
	}
}
