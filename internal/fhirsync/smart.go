package fhirsync

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"whatmatters/internal/care"
)

// ParsePrivateKey reads a SMART client's private key from PEM: RSA (for
// RS384) or EC P-384 (for ES384), in PKCS #8, PKCS #1 or SEC 1 form.
func ParsePrivateKey(pemText string) (crypto.Signer, string, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(pemText)))
	if block == nil {
		return nil, "", care.FieldError("privateKey", "Enter the private key in PEM form, starting -----BEGIN PRIVATE KEY-----")
	}
	var key any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	}
	if err != nil {
		return nil, "", care.FieldError("privateKey", "The private key could not be read. Enter an RSA or EC P-384 private key in PEM form")
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 2048 {
			return nil, "", care.FieldError("privateKey", "The RSA private key must be at least 2048 bits")
		}
		return k, "RS384", nil
	case *ecdsa.PrivateKey:
		if k.Curve != elliptic.P384() {
			return nil, "", care.FieldError("privateKey", "The EC private key must be on the P-384 curve, for ES384")
		}
		return k, "ES384", nil
	}
	return nil, "", care.FieldError("privateKey", "The private key must be RSA (for RS384) or EC P-384 (for ES384)")
}

// smart gets and keeps an access token by SMART backend services: a
// client_credentials grant with a JWT client assertion signed with the
// client's private key. The token is kept until a minute before it expires.
type smart struct {
	c        *client
	tokenURL string
	clientID string
	keyID    string
	key      crypto.Signer
	alg      string
	now      func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
}

// header returns the Authorization header, getting a token if needed.
func (s *smart) header(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && s.now().Before(s.expires) {
		return "Bearer " + s.token, nil
	}
	assertion, err := s.assertion()
	if err != nil {
		return "", err
	}
	form := url.Values{
		"grant_type":            {"client_credentials"},
		"scope":                 {"system/*.read system/*.write"},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"client_assertion":      {assertion},
	}
	a, err := s.post(ctx, form)
	if err != nil {
		return "", err
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if a.status != http.StatusOK {
		return "", s.c.fail(false, "The sign-in server at %s refused the client credentials (%d %s). Check the client id, token URL and private key in the sync settings",
			hostOf(s.tokenURL), a.status, http.StatusText(a.status))
	}
	if err := json.Unmarshal(a.body, &tok); err != nil || tok.AccessToken == "" {
		return "", s.c.fail(false, "The sign-in server at %s sent an answer without an access token", hostOf(s.tokenURL))
	}
	life := time.Duration(tok.ExpiresIn) * time.Second
	if life <= 0 {
		life = 5 * time.Minute
	}
	s.token = tok.AccessToken
	s.expires = s.now().Add(life - min(time.Minute, life/2))
	return "Bearer " + s.token, nil
}

// post sends the token request (form-encoded), through the client's
// timeout and size cap but without an Authorization header.
func (s *smart) post(ctx context.Context, form url.Values) (*answer, error) {
	tc := *s.c
	tc.auth = nil
	tc.base, _ = url.Parse(s.tokenURL)
	return tc.doForm(ctx, s.tokenURL, []byte(form.Encode()))
}

// doForm posts a form and reads the answer, with no status checks.
func (c *client) doForm(ctx context.Context, u string, body []byte) (*answer, error) {
	rctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, u, strings.NewReader(string(body)))
	if err != nil {
		return nil, c.fail(false, "The token URL in the sync settings cannot be used")
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	return c.roundTrip(ctx, rctx, req)
}

// assertion is the signed JWT: iss and sub the client id, aud the token
// URL, five minutes' life, a random jti.
func (s *smart) assertion() (string, error) {
	hdr := map[string]string{"alg": s.alg, "typ": "JWT"}
	if s.keyID != "" {
		hdr["kid"] = s.keyID
	}
	jti := make([]byte, 16)
	_, _ = rand.Read(jti)
	now := s.now()
	claims := map[string]any{
		"iss": s.clientID, "sub": s.clientID, "aud": s.tokenURL,
		"exp": now.Add(5 * time.Minute).Unix(), "iat": now.Unix(), "jti": hex.EncodeToString(jti),
	}
	h, _ := json.Marshal(hdr)
	c, _ := json.Marshal(claims)
	enc := base64.RawURLEncoding
	signing := enc.EncodeToString(h) + "." + enc.EncodeToString(c)
	sum := sha512.Sum384([]byte(signing))
	var sig []byte
	switch k := s.key.(type) {
	case *rsa.PrivateKey:
		b, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA384, sum[:])
		if err != nil {
			return "", care.Errorf(care.EINTERNAL, "signing the client assertion")
		}
		sig = b
	case *ecdsa.PrivateKey:
		r, ss, err := ecdsa.Sign(rand.Reader, k, sum[:])
		if err != nil {
			return "", care.Errorf(care.EINTERNAL, "signing the client assertion")
		}
		sig = make([]byte, 96) // JWS: r and s, 48 bytes each
		r.FillBytes(sig[:48])
		ss.FillBytes(sig[48:])
	}
	return signing + "." + enc.EncodeToString(sig), nil
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return p.Host
}
