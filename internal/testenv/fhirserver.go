package testenv

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// FHIRServer is the Node FHIR test server (e2e/fhirserver.mjs: Medplum's
// FHIR router over its in-memory repository) started for a test.
type FHIRServer struct {
	Base string // the FHIR base, http://127.0.0.1:PORT/fhir
	Root string // http://127.0.0.1:PORT, for its control endpoints (/__count, /__fault...)
}

// StartFHIRServer starts the test server with env added, stopping it when
// the test ends. Without node or the medplum packages the test is skipped,
// except under CI=true, where it fails.
func StartFHIRServer(tb testing.TB, env ...string) *FHIRServer {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
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
	port := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if p, ok := strings.CutPrefix(sc.Text(), "listening "); ok {
				port <- p
			}
		}
	}()
	select {
	case p := <-port:
		return &FHIRServer{Root: "http://127.0.0.1:" + p, Base: "http://127.0.0.1:" + p + "/fhir"}
	case <-time.After(60 * time.Second):
		tb.Fatal("the FHIR test server did not start within 60 s")
	}
	return nil
}
