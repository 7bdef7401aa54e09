package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/fhir"
	"whatmatters/internal/fhirsync"
	"whatmatters/internal/sqlite"
	"whatmatters/internal/testenv"
)

// testFHIRServer is the Node test server (e2e/fhirserver.mjs).
type testFHIRServer struct {
	base, root string
}

// startTestFHIRServer starts it for the test, with env added.
func startTestFHIRServer(tb testing.TB, env ...string) *testFHIRServer {
	tb.Helper()
	s := testenv.StartFHIRServer(tb, env...)
	return &testFHIRServer{base: s.Base, root: s.Root}
}

func (s *testFHIRServer) control(tb testing.TB, path string, body any, into any) {
	tb.Helper()
	var resp *http.Response
	var err error
	if body == nil && into != nil {
		resp, err = http.Get(s.root + path)
	} else {
		b, _ := json.Marshal(body)
		resp, err = http.Post(s.root+path, "application/json", bytes.NewReader(b))
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if into != nil {
		if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
			tb.Fatal(err)
		}
	} else {
		io.Copy(io.Discard, resp.Body)
	}
}

type serverCount map[string]struct {
	Total       int            `json:"total"`
	Identifiers map[string]int `json:"identifiers"`
}

func (s *testFHIRServer) count(tb testing.TB) serverCount {
	var c serverCount
	s.control(tb, "/__count", nil, &c)
	return c
}

func (s *testFHIRServer) requests(tb testing.TB) int {
	var v struct{ Requests int }
	s.control(tb, "/__stats", nil, &v)
	return v.Requests
}

// expected is, by type, every resource the people in the database travel as.
func expected(tb testing.TB, path string) map[string]int {
	tb.Helper()
	s := database.NewServices(testenv.OpenDB(tb, path))
	found, _, err := s.People.SearchPeople(testCtx(), care.PersonFilter{IncludeInactive: true, Limit: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]int{}
	for _, f := range found {
		rec, err := s.Sync.Gather(testCtx(), f.Person.ID)
		if err != nil {
			tb.Fatal(err)
		}
		rs, err := fhir.Build(rec)
		if err != nil {
			tb.Fatal(err)
		}
		for _, r := range rs {
			out[r.Type]++
		}
	}
	return out
}

func testCtx() context.Context { return context.Background() }

// exactlyOnce checks the server holds one copy of everything expected:
// the count by type, and each identifier once.
func exactlyOnce(tb testing.TB, got serverCount, want map[string]int) {
	tb.Helper()
	for typ, n := range want {
		if got[typ].Total != n {
			tb.Errorf("%s: %d on the server, want %d", typ, got[typ].Total, n)
		}
	}
	for typ, c := range got {
		if want[typ] == 0 {
			tb.Errorf("%s: %d on the server, want none", typ, c.Total)
		}
		for id, n := range c.Identifiers {
			if n != 1 {
				tb.Errorf("%s %s: %d copies", typ, id, n)
			}
		}
	}
}

func TestSyncCommand(t *testing.T) {
	srv := startTestFHIRServer(t)
	path := testenv.SeededCopy(t)
	var progress bytes.Buffer
	progressOut = &progress
	t.Cleanup(func() { progressOut = os.Stderr })
	var out bytes.Buffer
	if err := run([]string{"sync", "-db", path, "-server", srv.base}, &out); err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(srv.root, "http://")
	if !strings.HasPrefix(out.String(), "Synced with "+host+" in ") || !strings.Contains(out.String(), " from the server, ") {
		t.Errorf("output %q", out.String())
	}
	if !strings.Contains(progress.String(), "Sending changes to "+host+": ") || !strings.Contains(progress.String(), "Reading changes from "+host) {
		t.Errorf("progress %q", progress.String())
	}
	for _, name := range testenv.ExampleNames {
		if strings.Contains(progress.String()+out.String(), name) {
			t.Errorf("the output names %q", name)
		}
	}
	exactlyOnce(t, srv.count(t), expected(t, path))

	out.Reset()
	if err := run([]string{"sync", "-db", path, "-server", srv.base}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), ": 0 changes from the server, 0 resources sent, 0 new conflicts.") {
		t.Errorf("nothing new: %q", out.String())
	}
}

func TestSyncCommandSavedSettings(t *testing.T) {
	srv := startTestFHIRServer(t, "FHIR_TOKEN=t0ken-for-the-laptop")
	path := testenv.SeededCopy(t)
	progressOut = io.Discard
	t.Cleanup(func() { progressOut = os.Stderr })
	if err := run([]string{"sync", "-db", path}, io.Discard); care.ErrorMessage(err) != "Give the FHIR server with -server URL, or set it in the app's sync settings" {
		t.Errorf("no server: %v", err)
	}
	func() {
		db := testenv.OpenDB(t, path)
		s := database.NewServices(db)
		sess := testenv.SignIn(t, s)
		if err := fhirsync.SaveConfig(testCtx(), s.Settings, s.Accounts, sess.Key, fhirsync.Settings{BaseURL: srv.base, Auth: fhirsync.AuthBearer},
			fhirsync.Credentials{Token: "t0ken-for-the-laptop"}); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Settings.FindSetting(testCtx(), fhirsync.SecretToken); v != "" {
			t.Error("the token is kept in plain text")
		}
		sess.Close()
		db.Close()
	}()
	var out bytes.Buffer
	if err := run([]string{"sync", "-db", path}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "Synced with ") {
		t.Errorf("output %q", out.String())
	}
}

// TestSyncCommandChild runs the sync command as a child process for the
// tests below; it does nothing unless they start it.
func TestSyncCommandChild(t *testing.T) {
	args := os.Getenv("WHATMATTERS_TEST_SYNC_ARGS")
	if args == "" {
		t.Skip("run by TestSyncKill9 and TestSyncCommandExit")
	}
	progressOut = os.Stderr
	if err := run(strings.Split(args, "\x1f"), os.Stdout); err != nil {
		os.Stderr.WriteString("whatmatters: " + care.ErrorMessage(err) + "\n")
		os.Exit(2)
	}
	os.Exit(0)
}

func syncChild(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestSyncCommandChild$")
	cmd.Env = append(os.Environ(), "WHATMATTERS_TEST_SYNC_ARGS="+strings.Join(append([]string{"sync"}, args...), "\x1f"))
	return cmd
}

func TestSyncCommandExit(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	path := testenv.SeededCopy(t)
	cmd := syncChild("-db", path, "-server", "http://"+addr+"/fhir")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Fatalf("exit: %v", err)
	}
	if !strings.Contains(stderr.String(), "whatmatters: Could not reach the FHIR server at "+addr+". Your ") ||
		!strings.Contains(stderr.String(), " changes are kept and will be sent next time.") {
		t.Errorf("stderr %q", stderr.String())
	}
}

// TestSyncKill9: a sync killed with SIGKILL in the middle of its push,
// whether the server had done what was asked or not, then a sync again,
// leaves exactly one copy of everything on the server, and nothing waiting.
func TestSyncKill9(t *testing.T) {
	srv := startTestFHIRServer(t)
	pull := len(fhirsync.ResourceTypes) // one search per type on an empty server
	for _, mode := range []string{"late", "slow", "late, updates"} {
		t.Run(mode, func(t *testing.T) {
			srv.control(t, "/__reset", nil, nil)
			path := testenv.SeededCopy(t)
			updates := strings.HasSuffix(mode, "updates")
			mode, _, _ = strings.Cut(mode, ",")
			if updates {
				// Everything sent once; then a change to everyone's About me,
				// sent with If-Match, is the push that is killed.
				// (In children: a command holds the database's lock for
				// the rest of its process's life.)
				if out, err := syncChild("-db", path, "-server", srv.base).CombinedOutput(); err != nil {
					t.Fatalf("%v: %s", err, out)
				}
				changeEveryone(t, path)
			}
			// The third batch hangs: done on the server but unanswered
			// (late), or never done (slow).
			after, batch := pull+2, "10"
			if updates {
				after, batch = pull+1, "2" // one changed resource a person: the second batch of two
			}
			srv.control(t, "/__fault", map[string]any{"mode": mode, "after": after, "count": 1, "delayMs": 60000}, nil)
			cmd := syncChild("-db", path, "-server", srv.base, "-batch", batch)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(30 * time.Second)
			for srv.requests(t) < after+1 {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("the sync did not reach its third batch: %s", stderr.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond) // the server is holding the batch
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("the child was not killed: %v (%s)", err, stderr.String())
			}
			before := srv.count(t)
			partial := 0
			for _, c := range before {
				partial += c.Total
			}
			if partial == 0 {
				t.Fatal("nothing reached the server before the kill")
			}
			srv.control(t, "/__fault", map[string]any{"mode": ""}, nil)
			var out bytes.Buffer
			progressOut = io.Discard
			t.Cleanup(func() { progressOut = os.Stderr })
			if err := run([]string{"sync", "-db", path, "-server", srv.base, "-batch", "10"}, &out); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), ", 0 new conflicts.") {
				t.Errorf("the second sync: %q", out.String())
			}
			want := expected(t, path)
			exactlyOnce(t, srv.count(t), want)
			total := 0
			for _, n := range want {
				total += n
			}
			t.Logf("%d of %d resources on the server when killed", partial, total)
			s := database.NewServices(testenv.OpenDB(t, path))
			if st, err := s.Sync.Status(testCtx()); err != nil || st.Waiting != 0 || st.Conflicts != 0 {
				t.Errorf("waiting %d, conflicts %d (%v)", st.Waiting, st.Conflicts, err)
			}
		})
	}
}

// changeEveryone changes the first About me heading of everyone in the
// database, as the coordinator would.
func changeEveryone(t *testing.T, path string) {
	t.Helper()
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := database.NewServices(db)
	sess := testenv.SignIn(t, s)
	defer sess.Close()
	ctx := care.WithActor(testCtx(), sess.Actor())
	found, _, err := s.People.SearchPeople(ctx, care.PersonFilter{IncludeInactive: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		rec, err := s.Records.FindRecord(ctx, f.Person.ID)
		if err != nil {
			t.Fatal(err)
		}
		field := rec.Fields[care.SectionAboutMe]["mostImportant"]
		if err := s.Records.SaveFields(ctx, f.Person.ID, care.SectionAboutMe, care.ActionEditPersonsWords,
			[]care.FieldChange{{Key: "mostImportant", Value: field.Value + " (changed)", Version: field.Version}}); err != nil {
			t.Fatal(err)
		}
	}
}
