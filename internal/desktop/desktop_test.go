package desktop

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	h := SecurityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	csp := rec.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe") || strings.Contains(csp, "http") {
		t.Errorf("CSP allows too much: %q", csp)
	}
}

func TestRedact(t *testing.T) {
	msg := `process message error: C{"name":"main.App.CreatePerson","args":[{"givenName":"Gosia"}]} -> error parsing arguments`
	if got := redact(msg); strings.Contains(got, "Gosia") || !strings.HasPrefix(got, "process message error") {
		t.Errorf("redact = %q", got)
	}
	if got := redact("Starting dev server"); got != "Starting dev server" {
		t.Errorf("redact = %q", got)
	}
}

func TestInstanceID(t *testing.T) {
	a := InstanceID("/home/sam/.config/WhatMatters/whatmatters.db")
	b := InstanceID("/home/sam/.config/WhatMatters/whatmatters.db")
	c := InstanceID("/media/usb/whatmatters.db")
	if a != b || a == c {
		t.Errorf("ids %q %q %q: want one per database", a, b, c)
	}
	// On Linux the id becomes part of a D-Bus name: letters, digits, "-" only.
	for _, r := range a {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			t.Errorf("id %q has %q", a, r)
		}
	}
}

func TestSingleInstance(t *testing.T) {
	const path = "/home/sam/.config/WhatMatters/whatmatters.db"
	got := SingleInstance(path, context.Background)
	if got.UniqueId != InstanceID(path) {
		t.Errorf("id %q: want the database's, %q", got.UniqueId, InstanceID(path))
	}
	if got.OnSecondInstanceLaunch == nil {
		t.Error("a second start does not bring the window forward")
	}
}
