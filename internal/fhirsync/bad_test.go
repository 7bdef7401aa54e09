package fhirsync_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/fhirsync"
)

// badCase is a server misbehaving, and what the coordinator must read.
type badCase struct {
	name    string
	handler http.HandlerFunc
	want    []string // parts of the message
	network bool
	pushes  bool // the push goes through: the outbox empties, still nothing local is changed
}

// batchOK answers a batch bundle with 200 for every entry.
func batchOK(w http.ResponseWriter, r *http.Request) {
	var b struct{ Entry []json.RawMessage }
	json.NewDecoder(r.Body).Decode(&b)
	out := make([]string, len(b.Entry))
	for i := range out {
		out[i] = `{"response":{"status":"200"},"resource":{"resourceType":"X","id":"x","meta":{"versionId":"1","lastUpdated":"2026-12-01T10:00:00Z"}}}`
	}
	fhirJSON(w, 200, `{"resourceType":"Bundle","type":"batch-response","entry":[`+strings.Join(out, ",")+`]}`)
}

func searchBundle(entries ...string) string {
	var es []string
	for _, e := range entries {
		es = append(es, `{"resource":`+e+`}`)
	}
	return `{"resourceType":"Bundle","type":"searchset","entry":[` + strings.Join(es, ",") + `]}`
}

func fhirJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/fhir+json")
	w.WriteHeader(status)
	w.Write([]byte(body))
}

func TestSyncBadServers(t *testing.T) {
	cases := []badCase{
		{name: "slow", handler: func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, want: []string{"did not answer within 200ms"}, network: true},
		{name: "401", handler: func(w http.ResponseWriter, r *http.Request) { fhirJSON(w, 401, `{"resourceType":"OperationOutcome"}`) },
			want: []string{"refused the credentials (401 Unauthorized)"}},
		{name: "403", handler: func(w http.ResponseWriter, r *http.Request) { fhirJSON(w, 403, `{}`) },
			want: []string{"refused the credentials (403 Forbidden)"}},
		{name: "500", handler: func(w http.ResponseWriter, r *http.Request) { fhirJSON(w, 500, `{}`) },
			want: []string{"had a problem of its own (500 Internal Server Error)"}},
		{name: "malformed JSON", handler: func(w http.ResponseWriter, r *http.Request) {
			fhirJSON(w, 200, `{"resourceType": "Bundle", "entry": [ {`)
		},
			want: []string{"not valid JSON"}},
		{name: "not FHIR JSON", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html>Sign in</html>"))
		}, want: []string{`did not answer in FHIR JSON (it sent "text/html")`}},
		{name: "huge bundle", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/fhir+json")
			w.Write([]byte(`{"resourceType":"Bundle","entry":[`))
			chunk := []byte(`{"resource":{"resourceType":"Basic","id":"` + strings.Repeat("x", 60) + `"}},`)
			for i := 0; i < (2<<20)/len(chunk); i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, want: []string{"larger than 1 MB"}},
		{name: "a Patient whose NHS number is not valid", handler: func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				batchOK(w, r)
				return
			}
			if strings.HasPrefix(r.URL.Path, "/fhir/Patient") {
				fhirJSON(w, 200, searchBundle(`{"resourceType":"Patient","id":"gp-1","meta":{"versionId":"1","lastUpdated":"2026-11-30T10:00:00Z"},`+
					`"identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"1234567890"}],"name":[{"family":"Nowak","given":["Anna"]}]}`))
				return
			}
			fhirJSON(w, 200, searchBundle())
		}, want: []string{"1 resource from the FHIR server could not be used and was left out", "Patient/gp-1", "not a valid NHS number"}, pushes: true},
		{name: "a resource that fails to decode", handler: func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				batchOK(w, r)
				return
			}
			if strings.HasPrefix(r.URL.Path, "/fhir/Goal") {
				fhirJSON(w, 200, searchBundle(`{"resourceType":"Goal","id":"g-1","meta":{"versionId":"1","lastUpdated":"2026-11-30T10:00:00Z"},`+
					`"identifier":[{"system":"urn:ietf:rfc:3986","value":"urn:uuid:0b1f8f4e-0000-4000-8000-000000000001"}],"description":{"text":["not a string"]}}`))
				return
			}
			fhirJSON(w, 200, searchBundle())
		}, want: []string{"1 resource from the FHIR server could not be used and was left out", "Goal/g-1"}, pushes: true},
		{name: "a next link to another server", handler: func(w http.ResponseWriter, r *http.Request) {
			fhirJSON(w, 200, `{"resourceType":"Bundle","type":"searchset","link":[{"relation":"next","url":"https://elsewhere.example/fhir/Patient?page=2"}]}`)
		}, want: []string{"sent a link to another server"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			checkBad(t, srv.URL+"/fhir", tc)
		})
	}
	t.Run("down", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		checkBad(t, "http://"+addr+"/fhir", badCase{want: []string{"Could not reach the FHIR server at " + addr}, network: true})
	})
}

// checkBad syncs a fake store with the bad server and checks the message,
// that every change is kept and nothing local was changed.
func checkBad(t *testing.T, base string, tc badCase) {
	t.Helper()
	store := newFakeStore(t)
	before := store.waiting()
	s := fhirsync.New(store, fhirsync.Config{Settings: fhirsync.Settings{BaseURL: base}, Timeout: 200 * time.Millisecond, MaxBody: 1 << 20})
	var progress []fhirsync.Progress
	_, err := s.Sync(testCtx, func(p fhirsync.Progress) { progress = append(progress, p) })
	if err == nil {
		t.Fatal("no error")
	}
	msg := care.ErrorMessage(err)
	for _, w := range tc.want {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q does not say %q", msg, w)
		}
	}
	if fhirsync.IsNetwork(err) != tc.network {
		t.Errorf("IsNetwork = %v, want %v", fhirsync.IsNetwork(err), tc.network)
	}
	if len(store.applied) != 0 {
		t.Errorf("something local was changed: %d applied", len(store.applied))
	}
	if tc.pushes {
		if got := store.waiting(); got != 0 || !strings.HasSuffix(msg, ").") {
			t.Errorf("the push did not go through: %d waiting, %q", got, msg)
		}
	} else {
		if want := "Your " + itoa(before) + " changes are kept and will be sent next time."; !strings.HasSuffix(msg, want) {
			t.Errorf("message %q does not end %q", msg, want)
		}
		if got := store.waiting(); got != before || len(store.states) != 0 {
			t.Errorf("outbox has %d rows (want %d kept), %d states", got, before, len(store.states))
		}
	}
	if len(store.finished) != 1 || store.finished[0] == nil {
		t.Errorf("Finished = %v, want once with the error", store.finished)
	}
}

func itoa(n int) string { return care.Itoa(int64(n)) }

// TestSyncStopped: a cancelled sync says so, and keeps the changes.
func TestSyncStopped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	store := newFakeStore(t)
	ctx, cancel := context.WithCancel(testCtx)
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := fhirsync.New(store, fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.URL}}).Sync(ctx, nil)
	if msg := care.ErrorMessage(err); !strings.Contains(msg, "The sync was stopped") {
		t.Fatalf("message %q", msg)
	}
	if len(store.finished) != 1 {
		t.Fatal("Finished not called")
	}
}

// TestSyncBadConfig: settings that cannot work give field errors, before
// anything is sent.
func TestSyncBadConfig(t *testing.T) {
	for _, tc := range []struct {
		cfg   fhirsync.Config
		field string
	}{
		{fhirsync.Config{}, "baseURL"},
		{fhirsync.Config{Settings: fhirsync.Settings{BaseURL: "http://fhir.example.nhs.uk/fhir"}}, "baseURL"},
		{fhirsync.Config{Settings: fhirsync.Settings{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: fhirsync.AuthBearer}}, "token"},
		{fhirsync.Config{Settings: fhirsync.Settings{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: fhirsync.AuthSMART, ClientID: "x",
			TokenURL: "https://fhir.example.nhs.uk/token"}, Credentials: fhirsync.Credentials{PrivateKey: "not a key"}}, "privateKey"},
		{fhirsync.Config{Settings: fhirsync.Settings{BaseURL: "https://fhir.example.nhs.uk/fhir", Auth: "magic"}}, "auth"},
	} {
		store := newFakeStore(t)
		_, err := fhirsync.New(store, tc.cfg).Sync(testCtx, nil)
		if f := care.ErrorField(err); f != tc.field {
			t.Errorf("%+v: field %q (%v), want %q", tc.cfg.Settings, f, err, tc.field)
		}
		if len(store.finished) != 1 {
			t.Error("Finished not called")
		}
	}
}

// TestSyncPatientWithoutNHSNumber: a GP Patient without an NHS number is
// read as far as its standard fields go and given to the store (which
// keeps them untraced); nothing fails.
func TestSyncPatientWithoutNHSNumber(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			var b struct{ Entry []json.RawMessage }
			json.NewDecoder(r.Body).Decode(&b)
			var out []string
			for range b.Entry {
				out = append(out, `{"response":{"status":"201"},"resource":{"resourceType":"X","id":"x","meta":{"versionId":"1","lastUpdated":"2026-12-01T10:00:00Z"}}}`)
			}
			fhirJSON(w, 200, `{"resourceType":"Bundle","type":"batch-response","entry":[`+strings.Join(out, ",")+`]}`)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/fhir/Patient") && r.URL.Query().Get("_lastUpdated") == "" {
			fhirJSON(w, 200, searchBundle(`{"resourceType":"Patient","id":"gp-2","meta":{"versionId":"1","lastUpdated":"2026-11-30T10:00:00Z"},`+
				`"name":[{"family":"Nowak","given":["Anna"]}],"birthDate":"1950-03-04"}`))
			return
		}
		fhirJSON(w, 200, searchBundle())
	}))
	defer srv.Close()
	store := newFakeStore(t)
	res, err := fhirsync.New(store, fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.URL + "/fhir"}}).Sync(testCtx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pulled != 1 || len(store.applied) != 1 || store.applied[0].Values["nhsNumber"] != "" || store.applied[0].Values["familyName"] != "Nowak" {
		t.Fatalf("pulled %d: %+v", res.Pulled, store.applied)
	}
	if store.cursors["Patient"].IsZero() {
		t.Error("the Patient cursor did not move")
	}
	if store.waiting() != 0 || res.Pushed == 0 {
		t.Errorf("pushed %d, %d rows waiting", res.Pushed, store.waiting())
	}
}

// TestSyncPullsBigPagesInHalves: a page over the size cap (signed PDFs)
// is asked for again with half as many resources, until it fits.
func TestSyncPullsBigPagesInHalves(t *testing.T) {
	var counts []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			var b struct{ Entry []json.RawMessage }
			json.NewDecoder(r.Body).Decode(&b)
			out := make([]string, len(b.Entry))
			for i := range out {
				out[i] = `{"response":{"status":"200"},"resource":{"resourceType":"X","id":"x","meta":{"versionId":"1"}}}`
			}
			fhirJSON(w, 200, `{"resourceType":"Bundle","type":"batch-response","entry":[`+strings.Join(out, ",")+`]}`)
			return
		}
		if !strings.HasPrefix(r.URL.Path, "/fhir/DocumentReference") {
			fhirJSON(w, 200, searchBundle())
			return
		}
		counts = append(counts, r.URL.Query().Get("_count"))
		if r.URL.Query().Get("_count") != "125" {
			fhirJSON(w, 200, searchBundle(`{"resourceType":"Basic","id":"big","text":{"div":"`+strings.Repeat("x", 2<<20)+`"}}`))
			return
		}
		fhirJSON(w, 200, searchBundle())
	}))
	defer srv.Close()
	store := newFakeStore(t)
	if _, err := fhirsync.New(store, fhirsync.Config{Settings: fhirsync.Settings{BaseURL: srv.URL + "/fhir"}, MaxBody: 1 << 20}).Sync(testCtx, nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(counts, ","); !strings.HasPrefix(got, "500,250,125") {
		t.Errorf("pages asked for %s", got)
	}
}
