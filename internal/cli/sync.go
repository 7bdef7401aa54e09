package cli

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"sync"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/fhirsync"
)

// progressOut is where sync's progress goes: standard error, so standard
// output keeps only the result. A variable for tests.
var progressOut io.Writer = os.Stderr

// syncCmd is "whatmatters sync -db PATH [-server URL] [-batch N]": pull what changed
// on the FHIR server, then push what changed here, as the app's Sync now
// button does, with the settings and credentials saved in the app (the
// signed-in account's data key unseals them); -server gives another base
// URL, with the saved way of signing in. Progress goes to standard error
// and names no one.
func syncCmd(args []string, out io.Writer) error {
	c := newCommand("sync", out, signedIn, "database file")
	server := c.fs.String("server", "", "the FHIR server's base URL (default: the one in the app's sync settings)")
	batch := c.fs.Int("batch", fhirsync.DefaultBatchSize, "changes sent in one batch bundle, for servers that take fewer")
	return c.run(args, out, nil, func(e *env) error {
		cfg, err := fhirsync.LoadConfig(e.ctx, e.s.Settings, e.s.Accounts, e.sess.Key)
		if err != nil {
			return err
		}
		if *server != "" {
			cfg.BaseURL = *server
		}
		cfg.BatchSize = *batch
		if cfg.BaseURL == "" {
			return care.Errorf(care.EINVALID, "Give the FHIR server with -server URL, or set it in the app's sync settings")
		}
		plans := e.plans()
		cfg.Sign = func(v *fhirsync.Version) error {
			pdf, _, format, err := plans.Render(e.ctx, v.PersonID, v.Number, "")
			if err != nil {
				return err
			}
			v.PDF, v.PDFFormat = pdf, format
			return nil
		}
		host := cfg.BaseURL
		if u, err := url.Parse(cfg.BaseURL); err == nil && u.Host != "" {
			host = u.Host
		}
		p := &progressLine{w: progressOut, host: host}
		start := time.Now()
		res, err := fhirsync.New(e.s.Sync, cfg).Sync(e.ctx, p.report)
		if err != nil {
			return err
		}
		e.audit(care.AuditSync, 0, fmt.Sprintf("%s: %d pulled, %d sent, %d conflicts", host, res.Pulled, res.Pushed, res.Conflicts))
		fmt.Fprintf(out, "Synced with %s in %s: %s from the server, %s sent, %s.\n", host, time.Since(start).Round(time.Millisecond),
			plural(res.Pulled, "change"), plural(res.Pushed, "resource"), plural(res.Conflicts, "new conflict"))
		if res.Held > 0 {
			fmt.Fprintf(out, "%s changes wait until a sync conflict is settled in the app.\n", plural(res.Held, "person's"))
		}
		return nil
	})
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if what == "person's" {
		return fmt.Sprintf("%d people's", n)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// progressLine writes sync progress, at most about once a second and at
// each change of stage, in counts only.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer
	host  string
	stage string
	last  time.Time
	p     fhirsync.Progress
}

func (l *progressLine) report(p fhirsync.Progress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.p = p
	if p.Stage == l.stage && time.Since(l.last) < time.Second && (p.Total == 0 || p.Done < p.Total) {
		return
	}
	l.stage, l.last = p.Stage, time.Now()
	l.write()
}

func (l *progressLine) write() {
	switch l.p.Stage {
	case "pull":
		fmt.Fprintf(l.w, "Reading changes from %s: %d so far\n", l.host, l.p.Done)
	case "push":
		fmt.Fprintf(l.w, "Sending changes to %s: %d of %d people\n", l.host, l.p.Done, l.p.Total)
	}
}
