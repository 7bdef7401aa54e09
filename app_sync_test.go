package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/dto"
	"whatmatters/internal/testenv"
)

// TestApp_Sync: the sync bindings over the real store and engine: settings
// checked and saved with the token sealed and never sent back, a server
// that cannot be reached keeping every change, and a FHIR file imported.
func TestApp_Sync(t *testing.T) {
	save := t.TempDir()
	path := testenv.SeededCopy(t)
	app, _ := realApp(t, path, save)

	st, err := app.SyncStatus()
	if err != nil || st.Configured || st.Sentence != "" {
		t.Fatalf("before set up: %+v %v", st, err)
	}
	if _, err := app.SyncNow(); apiError(t, err).Code != "invalid" {
		t.Fatalf("sync before set up: %v", err)
	}

	for _, tt := range []struct {
		in    dto.SyncSettingsInput
		field string
	}{
		{dto.SyncSettingsInput{Auth: "none"}, "baseUrl"},
		{dto.SyncSettingsInput{BaseURL: "http://fhir.example.nhs.uk/fhir", Auth: "none"}, "baseUrl"},
		{dto.SyncSettingsInput{BaseURL: "http://127.0.0.1:1/fhir?x=1", Auth: "none"}, "baseUrl"}, // the engine's own check
		{dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk", Auth: "bearer", Token: strings.Repeat("x", 10000)}, "token"},
		{dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk", Auth: "bearer"}, "token"}, // none saved yet
		{dto.SyncSettingsInput{BaseURL: "https://fhir.example.nhs.uk", Auth: "smart", ClientID: "wm", TokenURL: "https://fhir.example.nhs.uk/token",
			PrivateKey: "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"}, "privateKey"},
	} {
		if _, err := app.SaveSyncSettings(tt.in); apiError(t, err).Field != tt.field {
			t.Errorf("%+v: got %+v, want an error for %s", tt.in, apiError(t, err), tt.field)
		}
	}

	got, err := app.SaveSyncSettings(dto.SyncSettingsInput{BaseURL: "http://127.0.0.1:1/fhir", Auth: "bearer", Token: "s3cret-t0ken"})
	if err != nil || got.BaseURL != "http://127.0.0.1:1/fhir" || !got.TokenSaved {
		t.Fatalf("saved: %+v %v", got, err)
	}
	if n := testenv.Count(t, path, "secrets WHERE name = 'sync.token' AND sealed NOT LIKE '%s3cret%'"); n != 1 {
		t.Errorf("the token is not stored sealed")
	}
	if n := testenv.Count(t, path, "settings WHERE value LIKE '%s3cret%'"); n != 0 {
		t.Errorf("the token is in the settings")
	}
	if got, err = app.SyncSettings(); err != nil || !got.TokenSaved || got.Auth != "bearer" {
		t.Fatalf("read back: %+v %v", got, err)
	}

	// A server that cannot be reached: a plain message, and every change kept.
	before, _ := app.SyncStatus()
	if !before.Configured || before.Server != "127.0.0.1:1" || before.Waiting == 0 {
		t.Fatalf("status: %+v", before)
	}
	// (Saving the settings started a sync in the background: never two at once.)
	deadline := time.Now().Add(20 * time.Second)
	for _, err = app.SyncNow(); apiError(t, err).Code == "conflict" && time.Now().Before(deadline); _, err = app.SyncNow() {
		time.Sleep(20 * time.Millisecond)
	}
	if msg := apiError(t, err).Message; !strings.Contains(msg, "127.0.0.1") {
		t.Fatalf("unreachable: %q", msg)
	}
	after, _ := app.SyncStatus()
	if after.Waiting != before.Waiting || after.LastError == "" || after.LastSynced != "" || after.Running {
		t.Fatalf("after a failed sync: %+v (before %+v)", after, before)
	}
	if !strings.HasSuffix(after.Sentence, "waiting to sync, not synced yet") {
		t.Errorf("sentence %q", after.Sentence)
	}

	// A Patient from a GP system's export.
	patient := `{"resourceType":"Patient","id":"gp-123","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}],
		"name":[{"given":["Margaret"],"family":"Jones"}],"birthDate":"1941-05-02"}`
	if err := os.WriteFile(filepath.Join(save, "import.json"), []byte(patient), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := app.ImportFHIR()
	if err != nil || r.Created+r.Matched != 1 || !strings.HasSuffix(r.File, "import.json") {
		t.Fatalf("import: %+v %v", r, err)
	}
	if n := testenv.Count(t, path, "audit WHERE action = 'import-fhir'"); n != 1 {
		t.Errorf("%d imports audited", n)
	}
	if cs, err := app.SyncConflicts(); err != nil || cs == nil {
		t.Errorf("conflicts: %v %v", cs, err)
	}
}
