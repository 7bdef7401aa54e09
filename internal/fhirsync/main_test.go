package fhirsync_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"
	"whatmatters/internal/testenv"
)

var testDir string

func TestMain(m *testing.M) {
	d, err := os.MkdirTemp("", "fhirsync-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testDir = d
	code := m.Run()
	os.RemoveAll(d)
	os.Exit(code)
}

func tempDir() (string, error) { return os.MkdirTemp(testDir, "db-") }

// fhirServer is the Node test server (e2e/fhirserver.mjs) started for a test.
type fhirServer struct {
	Base string // the FHIR base, http://127.0.0.1:PORT/fhir
	Root string // http://127.0.0.1:PORT
}

// startFHIRServer starts the Node test server with env added, stopping it
// when the test ends (see testenv.StartFHIRServer).
func startFHIRServer(tb testing.TB, env ...string) *fhirServer {
	tb.Helper()
	s := testenv.StartFHIRServer(tb, env...)
	return &fhirServer{Base: s.Base, Root: s.Root}
}

func (s *fhirServer) post(tb testing.TB, path string, v any) {
	tb.Helper()
	b, _ := json.Marshal(v)
	resp, err := http.Post(s.Root+path, "application/json", bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		tb.Fatalf("%s: %d", path, resp.StatusCode)
	}
}

func (s *fhirServer) reset(tb testing.TB)                   { s.post(tb, "/__reset", nil) }
func (s *fhirServer) fault(tb testing.TB, f map[string]any) { s.post(tb, "/__fault", f) }

// typeCount is the server's count of one resource type.
type typeCount struct {
	Total       int            `json:"total"`
	Identifiers map[string]int `json:"identifiers"`
}

func (s *fhirServer) count(tb testing.TB) map[string]typeCount {
	tb.Helper()
	resp, err := http.Get(s.Root + "/__count")
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]typeCount
	if err := json.Unmarshal(b, &out); err != nil {
		tb.Fatalf("%v: %.300s", err, b)
	}
	return out
}

func (s *fhirServer) stats(tb testing.TB) (requests, tokens int) {
	tb.Helper()
	resp, err := http.Get(s.Root + "/__stats")
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var v struct{ Requests, Tokens int }
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		tb.Fatal(err)
	}
	return v.Requests, v.Tokens
}
