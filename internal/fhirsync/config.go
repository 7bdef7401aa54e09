package fhirsync

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"

	"whatmatters/internal/care"
	"whatmatters/internal/vault"
)

// SecretStore keeps sealed secrets (care.AccountService does).
type SecretStore interface {
	FindSecret(ctx context.Context, name string) (string, error)
	SetSecret(ctx context.Context, name, sealed string, settings map[string]string) error
}

// The settings keys and secret names sync keeps.
const (
	KeyBaseURL  = "sync.baseURL"
	KeyAuth     = "sync.auth"
	KeyClientID = "sync.clientID"
	KeyTokenURL = "sync.tokenURL"
	KeyKeyID    = "sync.keyID"

	SecretToken      = "sync.token"
	SecretPrivateKey = "sync.privateKey"
)

// LoadConfig reads the sync settings and unseals their credentials with
// the signed-in account's data key. A Config with an empty BaseURL means
// sync is not set up. ESIGNIN if credentials are stored and dataKey is nil.
func LoadConfig(ctx context.Context, settings care.SettingsService, secrets SecretStore, dataKey []byte) (Config, error) {
	st, err := LoadSettings(ctx, settings)
	if err != nil {
		return Config{}, err
	}
	cfg := Config{Settings: st}
	if cfg.Auth == "" {
		cfg.Auth = AuthNone
	}
	switch cfg.Auth {
	case AuthBearer:
		cfg.Token, err = unseal(ctx, secrets, dataKey, SecretToken)
	case AuthSMART:
		cfg.PrivateKey, err = unseal(ctx, secrets, dataKey, SecretPrivateKey)
	}
	return cfg, err
}

// LoadSettings reads the sync settings, without the credentials.
func LoadSettings(ctx context.Context, settings care.SettingsService) (Settings, error) {
	var st Settings
	for key, into := range map[string]*string{KeyBaseURL: &st.BaseURL, KeyAuth: &st.Auth, KeyClientID: &st.ClientID,
		KeyTokenURL: &st.TokenURL, KeyKeyID: &st.KeyID} {
		v, err := settings.FindSetting(ctx, key)
		if err != nil {
			return Settings{}, err
		}
		*into = v
	}
	return st, nil
}

// Saved reports whether a credential (SecretToken, SecretPrivateKey) is stored.
func Saved(ctx context.Context, secrets SecretStore, name string) bool {
	v, err := secrets.FindSecret(ctx, name)
	return err == nil && v != ""
}

func unseal(ctx context.Context, secrets SecretStore, dataKey []byte, name string) (string, error) {
	sealed, err := secrets.FindSecret(ctx, name)
	if err != nil || sealed == "" {
		return "", err
	}
	if dataKey == nil {
		return "", care.Errorf(care.ESIGNIN, "Sign in first: the sync credentials are locked with your account")
	}
	b, err := vault.Open(dataKey, sealed, name)
	if err != nil {
		return "", care.Errorf(care.EINTERNAL, "the sync credentials could not be unsealed")
	}
	return string(b), nil
}

// SaveConfig checks the settings and stores them, with the credentials
// sealed with the data key. An empty credential keeps the one stored
// before, so a form need not show a secret again. Field errors (care
// FieldError: baseURL, auth, token, clientID, tokenURL, privateKey), all
// at once.
func SaveConfig(ctx context.Context, settings care.SettingsService, secrets SecretStore, dataKey []byte, st Settings, cr Credentials) error {
	st.BaseURL = strings.TrimRight(strings.TrimSpace(st.BaseURL), "/")
	st.ClientID = strings.TrimSpace(st.ClientID)
	st.TokenURL = strings.TrimSpace(st.TokenURL)
	st.KeyID = strings.TrimSpace(st.KeyID)
	cr.Token = strings.TrimSpace(cr.Token)
	if st.Auth == "" {
		st.Auth = AuthNone
	}
	var errs []error
	if err := validBaseURL(st.BaseURL); err != nil {
		errs = append(errs, err)
	}
	stored := func(name string) bool { return Saved(ctx, secrets, name) }
	switch st.Auth {
	case AuthNone:
	case AuthBearer:
		if cr.Token == "" && !stored(SecretToken) {
			errs = append(errs, care.FieldError("token", "Enter the bearer token the server's administrator gave you"))
		} else if strings.ContainsAny(cr.Token, " \t\r\n") {
			errs = append(errs, care.FieldError("token", "The token must not contain spaces or line breaks"))
		}
	case AuthSMART:
		if st.ClientID == "" {
			errs = append(errs, care.FieldError("clientID", "Enter the client id the server's administrator registered for this app"))
		}
		if err := validURL("tokenURL", "token URL", st.TokenURL); err != nil {
			errs = append(errs, err)
		}
		if strings.TrimSpace(cr.PrivateKey) == "" {
			if !stored(SecretPrivateKey) {
				errs = append(errs, care.FieldError("privateKey", "Enter the private key in PEM form, starting -----BEGIN PRIVATE KEY-----"))
			}
		} else if _, _, err := ParsePrivateKey(cr.PrivateKey); err != nil {
			errs = append(errs, err)
		}
	default:
		errs = append(errs, care.FieldError("auth", "Choose how to sign in to the server"))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	kv := map[string]string{KeyBaseURL: st.BaseURL, KeyAuth: st.Auth, KeyClientID: st.ClientID, KeyTokenURL: st.TokenURL, KeyKeyID: st.KeyID}
	secret, value := "", ""
	switch {
	case st.Auth == AuthBearer && cr.Token != "":
		secret, value = SecretToken, cr.Token
	case st.Auth == AuthSMART && strings.TrimSpace(cr.PrivateKey) != "":
		secret, value = SecretPrivateKey, strings.TrimSpace(cr.PrivateKey)+"\n"
	}
	if secret == "" {
		return settings.SetSettings(ctx, kv)
	}
	if dataKey == nil {
		return care.Errorf(care.ESIGNIN, "Sign in first: the sync credentials are locked with your account")
	}
	sealed, err := vault.Seal(dataKey, []byte(value), secret)
	if err != nil {
		return err
	}
	return secrets.SetSecret(ctx, secret, sealed, kv)
}

// validBaseURL checks a FHIR base URL: https, or http only to this computer.
func validBaseURL(u string) error {
	return validURL("baseURL", "FHIR server address", u)
}

func validURL(field, what, u string) error {
	u = strings.TrimSpace(u)
	if u == "" {
		return care.FieldError(field, "Enter the "+what+", such as https://fhir.example.nhs.uk/fhir")
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "https" && p.Scheme != "http") {
		return care.FieldError(field, "Enter the "+what+" as a web address starting https://, such as https://fhir.example.nhs.uk/fhir")
	}
	if p.User != nil {
		return care.FieldError(field, "The "+what+" must not contain a user name or password: enter the credentials below")
	}
	if p.RawQuery != "" || p.Fragment != "" {
		return care.FieldError(field, "The "+what+" must not have a query (?) or fragment (#)")
	}
	if p.Scheme == "http" && !local(p.Hostname()) {
		return care.FieldError(field, "The "+what+" must start https://, so health records are encrypted on the way (http:// is only allowed for this computer)")
	}
	return nil
}

func local(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
