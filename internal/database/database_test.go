package database

import (
	"strings"
	"testing"
)

func TestPath(t *testing.T) {
	t.Setenv("WHATMATTERS_DB", "")
	if got, _ := Path("/tmp/a.db"); got != "/tmp/a.db" {
		t.Errorf("flag: got %q", got)
	}
	t.Setenv("WHATMATTERS_DB", "/tmp/b.db")
	if got, _ := Path(""); got != "/tmp/b.db" {
		t.Errorf("env: got %q", got)
	}
	if got, _ := Path("/tmp/a.db"); got != "/tmp/a.db" {
		t.Errorf("flag beats env: got %q", got)
	}
	t.Setenv("WHATMATTERS_DB", "")
	if got, _ := Path(""); !strings.HasSuffix(got, "WhatMatters/whatmatters.db") && !strings.HasSuffix(got, `WhatMatters\whatmatters.db`) {
		t.Errorf("default: got %q", got)
	}
}
