package fhirsync_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
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

// repoRoot is the repository's root, from this file's place in it.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// fhirServer is the Node test server (e2e/fhirserver.mjs) started for a test.
type fhirServer struct {
	Base string // the FHIR base, http://127.0.0.1:PORT/fhir
	Root string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
}

// startFHIRServer starts the Node test server with env added, stopping it
// when the test ends. Without node or the medplum packages the test is
// skipped, except under CI=true, where it fails.
func startFHIRServer(tb testing.TB, env ...string) *fhirServer {
	tb.Helper()
	root := repoRoot()
	node, err := exec.LookPath("node")
	missing := ""
	if err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join(root, "frontend", "node_modules", "@medplum", "fhir-router")); err != nil {
		missing = "frontend/node_modules/@medplum/fhir-router is missing (run npm install in frontend)"
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("the FHIR test server cannot start: %s", missing)
		}
		tb.Skipf("skipped: the FHIR test server cannot start: %s", missing)
	}
	cmd := exec.Command(node, "--experimental-websocket", "--no-warnings", "--max-old-space-size=8192", filepath.Join(root, "e2e", "fhirserver.mjs"), "0")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "listening ") {
				lines <- strings.TrimPrefix(sc.Text(), "listening ")
			}
		}
	}()
	select {
	case port := <-lines:
		s := &fhirServer{Root: "http://127.0.0.1:" + port, cmd: cmd}
		s.Base = s.Root + "/fhir"
		return s
	case <-time.After(60 * time.Second):
		tb.Fatal("the FHIR test server did not start within 60 s")
	}
	return nil
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
