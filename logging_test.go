package main

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	msg := `process message error: C{"name":"main.App.CreatePerson","args":[{"givenName":"Gosia"}]} -> error parsing arguments`
	if got := redact(msg); strings.Contains(got, "Gosia") || !strings.HasPrefix(got, "process message error") {
		t.Errorf("redact = %q", got)
	}
	if got := redact("Starting dev server"); got != "Starting dev server" {
		t.Errorf("redact = %q", got)
	}
}
