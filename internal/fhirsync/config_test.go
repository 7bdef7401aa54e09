package fhirsync_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/fhirsync"
	"whatmatters/internal/vault"
)

type memSettings map[string]string

func (m memSettings) FindSetting(ctx context.Context, key string) (string, error) { return m[key], nil }
func (m memSettings) SetSettings(ctx context.Context, kv map[string]string) error {
	for k, v := range kv {
		m[k] = v
	}
	return nil
}

type memSecrets struct {
	sealed   map[string]string
	settings memSettings
}

func (m *memSecrets) FindSecret(ctx context.Context, name string) (string, error) {
	return m.sealed[name], nil
}
func (m *memSecrets) SetSecret(ctx context.Context, name, sealed string, settings map[string]string) error {
	m.sealed[name] = sealed
	delete(m.settings, name)
	return m.settings.SetSettings(ctx, settings)
}

func TestConfigSaveAndLoad(t *testing.T) {
	ctx := context.Background()
	settings := memSettings{}
	secrets := &memSecrets{sealed: map[string]string{}, settings: settings}
	key := vault.NewDataKey()

	// A bearer token: sealed, never in the settings.
	st := fhirsync.Settings{BaseURL: " https://fhir.example.nhs.uk/fhir/ ", Auth: fhirsync.AuthBearer}
	if err := fhirsync.SaveConfig(ctx, settings, secrets, key, st, fhirsync.Credentials{Token: "abc.def"}); err != nil {
		t.Fatal(err)
	}
	for k, v := range settings {
		if strings.Contains(v, "abc.def") {
			t.Errorf("setting %s holds the token", k)
		}
	}
	if strings.Contains(secrets.sealed[fhirsync.SecretToken], "abc.def") || secrets.sealed[fhirsync.SecretToken] == "" {
		t.Error("the token is not sealed")
	}
	cfg, err := fhirsync.LoadConfig(ctx, settings, secrets, key)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BaseURL != "https://fhir.example.nhs.uk/fhir" || cfg.Auth != fhirsync.AuthBearer || cfg.Token != "abc.def" {
		t.Errorf("loaded %+v", cfg)
	}
	if _, err := fhirsync.LoadConfig(ctx, settings, secrets, nil); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("without a key: %v", err)
	}
	// Saved again without the token: the stored one is kept.
	if err := fhirsync.SaveConfig(ctx, settings, secrets, key, st, fhirsync.Credentials{}); err != nil {
		t.Fatal(err)
	}
	if cfg, _ := fhirsync.LoadConfig(ctx, settings, secrets, key); cfg.Token != "abc.def" {
		t.Errorf("token %q after saving without one", cfg.Token)
	}

	// SMART with an RSA key, and with an EC P-384 key.
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	ek, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	for _, k := range []any{rk, ek} {
		priv, _ := pemPair(t, k)
		smart := fhirsync.Settings{BaseURL: "http://127.0.0.1:8080/fhir", Auth: fhirsync.AuthSMART, ClientID: "laptop-1", TokenURL: "http://localhost:8080/token"}
		if err := fhirsync.SaveConfig(ctx, settings, secrets, key, smart, fhirsync.Credentials{PrivateKey: priv}); err != nil {
			t.Fatal(err)
		}
		cfg, err := fhirsync.LoadConfig(ctx, settings, secrets, key)
		if err != nil || cfg.PrivateKey != strings.TrimSpace(priv)+"\n" || cfg.ClientID != "laptop-1" {
			t.Errorf("loaded %+v, %v", cfg.Settings, err)
		}
	}
}

func TestConfigFieldErrors(t *testing.T) {
	ctx := context.Background()
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p256, _ := pemPair(t, ek)
	for _, tc := range []struct {
		st     fhirsync.Settings
		cr     fhirsync.Credentials
		fields []string
	}{
		{fhirsync.Settings{}, fhirsync.Credentials{}, []string{"baseURL"}},
		{fhirsync.Settings{BaseURL: "fhir.example.nhs.uk"}, fhirsync.Credentials{}, []string{"baseURL"}},
		{fhirsync.Settings{BaseURL: "http://fhir.example.nhs.uk/fhir"}, fhirsync.Credentials{}, []string{"baseURL"}},
		{fhirsync.Settings{BaseURL: "https://user:pw@fhir.example.nhs.uk/fhir"}, fhirsync.Credentials{}, []string{"baseURL"}},
		{fhirsync.Settings{BaseURL: "https://fhir.example.nhs.uk/fhir?x=1"}, fhirsync.Credentials{}, []string{"baseURL"}},
		{fhirsync.Settings{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: fhirsync.AuthBearer}, fhirsync.Credentials{}, []string{"token"}},
		{fhirsync.Settings{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: fhirsync.AuthBearer}, fhirsync.Credentials{Token: "a b"}, []string{"token"}},
		{fhirsync.Settings{BaseURL: "ftp://x/fhir", Auth: fhirsync.AuthSMART, TokenURL: "http://example.com/token"}, fhirsync.Credentials{PrivateKey: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----"},
			[]string{"baseURL", "clientID", "tokenURL", "privateKey"}},
		{fhirsync.Settings{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: fhirsync.AuthSMART, ClientID: "c", TokenURL: "https://fhir.example.nhs.uk/token"},
			fhirsync.Credentials{PrivateKey: p256}, []string{"privateKey"}},
		{fhirsync.Settings{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "password"}, fhirsync.Credentials{}, []string{"auth"}},
	} {
		settings := memSettings{}
		err := fhirsync.SaveConfig(ctx, settings, &memSecrets{sealed: map[string]string{}, settings: settings}, vault.NewDataKey(), tc.st, tc.cr)
		var got []string
		for _, fe := range care.FieldErrors(err) {
			got = append(got, fe.Field)
		}
		if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
			t.Errorf("%+v: fields %v, want %v (%v)", tc.st, got, tc.fields, err)
		}
		if len(settings) != 0 {
			t.Errorf("%+v: saved %v", tc.st, settings)
		}
	}
}
