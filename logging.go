package main

import (
	"log/slog"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/logger"
)

// wailsLog is Wails' logger with personal details kept out: when a call
// from the page cannot be handled, Wails logs the whole message, with its
// arguments (names, words typed); this logs only that it happened.
type wailsLog struct{}

var _ logger.Logger = wailsLog{}

func (wailsLog) Print(string)     {}
func (wailsLog) Trace(string)     {}
func (wailsLog) Debug(string)     {}
func (wailsLog) Info(m string)    { slog.Info(redact(m)) }
func (wailsLog) Warning(m string) { slog.Warn(redact(m)) }
func (wailsLog) Error(m string)   { slog.Error(redact(m)) }
func (wailsLog) Fatal(m string)   { slog.Error(redact(m)) }

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
