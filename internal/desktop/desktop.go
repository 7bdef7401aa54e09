// Package desktop is what the app window needs that is not the Wails
// runtime itself: the webview's security headers, Wails' logger with
// personal details kept out, and the id that keeps one window per database.
package desktop

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	wails "github.com/wailsapp/wails/v2/pkg/runtime"
)

// contentSecurityPolicy is the one policy for the webview: nothing remote,
// no inline script or style, no plugins, no forms posted anywhere.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'"

// SecurityHeaders wraps the asset server so every page and asset carries
// the policy, set before any script runs.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// InstanceID names the app's single-instance lock after the database, so
// a second start on the same database brings the first window forward.
// On Linux it becomes part of a D-Bus name: letters, digits and "-" only.
func InstanceID(dbPath string) string {
	if runtime.GOOS == "windows" {
		dbPath = strings.ToLower(dbPath)
	}
	sum := sha256.Sum256([]byte(dbPath))
	return "whatmatters-" + hex.EncodeToString(sum[:8])
}

// SingleInstance is the Wails option that keeps one window per database,
// bringing the first window forward when the app is started again on it;
// the lock file (internal/database) keeps a second app off the database.
// ctx is the window's context.
func SingleInstance(dbPath string, ctx func() context.Context) *options.SingleInstanceLock {
	return &options.SingleInstanceLock{UniqueId: InstanceID(dbPath),
		OnSecondInstanceLaunch: func(options.SecondInstanceData) {
			wails.WindowUnminimise(ctx())
			wails.Show(ctx())
		}}
}

// Log is Wails' logger with personal details kept out: when a call from
// the page cannot be handled, Wails logs the whole message, with its
// arguments (names, words typed); this logs only that it happened.
type Log struct{}

var _ logger.Logger = Log{}

func (Log) Print(string)     {}
func (Log) Trace(string)     {}
func (Log) Debug(string)     {}
func (Log) Info(m string)    { slog.Info(redact(m)) }
func (Log) Warning(m string) { slog.Warn(redact(m)) }
func (Log) Error(m string)   { slog.Error(redact(m)) }
func (Log) Fatal(m string)   { slog.Error(redact(m)) }

// redact drops everything after the first colon of a message about a
// call or an event, where Wails puts the call's arguments.
func redact(m string) string {
	for _, p := range []string{"process message error", "Unknown message from front end", "json call result", "Call", "Event"} {
		if strings.HasPrefix(m, p) {
			return p + " (details withheld: they may hold personal data)"
		}
	}
	return m
}
