// Package binding is how every method the frontend calls runs: one
// wrapper (Do) answers even if the work panics, refuses while the app is
// not ready, and names the binding in what goes wrong; FormatError turns
// the error into what the page is shown, logging internal errors with the
// binding's name and the failed operation, never personal data.
package binding

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
)

// Do runs the work of the binding called name: it answers even if the work
// panics, refuses unless guard (nil for none) passes, and names the
// binding in any error, for FormatError's log.
func Do[T any](name string, guard func() error, work func() (T, error)) (out T, err error) {
	defer Recover(name, &err)
	Wait()
	if guard != nil {
		if err = guard(); err != nil {
			return out, Error{name, err}
		}
	}
	if out, err = work(); err != nil {
		return out, Error{name, err}
	}
	return out, nil
}

// opening is closed once what the bindings need is ready; see Hold.
var opening atomic.Pointer[chan struct{}]

// Hold makes every binding (Do, Act and whoever calls Wait) wait until
// release is called: the app's window opens while its database is checked
// and opened, and the page's first calls wait for it. Release is safe to
// call more than once.
func Hold() (release func()) {
	c := make(chan struct{})
	opening.Store(&c)
	return sync.OnceFunc(func() { close(c) })
}

// Wait returns once nothing is held (at once, unless Hold was called).
func Wait() {
	if c := opening.Load(); c != nil {
		<-*c
	}
}

// Act is Do for work that returns only an error.
func Act(name string, guard func() error, work func() error) error {
	_, err := Do(name, guard, func() (struct{}, error) { return struct{}{}, work() })
	return err
}

// Error is an error from the binding called Binding. It wraps Err as a
// list, so care.FieldErrors still finds every field problem in it.
type Error struct {
	Binding string
	Err     error
}

func (e Error) Error() string   { return e.Err.Error() }
func (e Error) Unwrap() []error { return []error{e.Err} }

// Recover, deferred first in a bound method (Do does it), turns a panic
// into an internal error (shown as a plain apology), so the page is
// always answered: Wails recovers a panic in a bound method but never
// answers the call, leaving the page waiting for ever. The panic is
// logged with its stack; it carries no call arguments, so no personal
// details. err may be nil for methods that return no error.
func Recover(name string, err *error) {
	r := recover()
	if r == nil {
		return
	}
	kind := fmt.Sprintf("%T", r)
	if re, ok := r.(runtime.Error); ok {
		kind = re.Error()
	}
	slog.Error("panic in a bound method", "binding", name, "panic", kind, "stack", string(debug.Stack()))
	if err != nil {
		*err = Error{name, fmt.Errorf("panic in %s: %s", name, kind)}
	}
}

// ErrorDTO is how every error reaches the frontend. Code, Message and Field
// describe the first problem; Errors lists every field problem when a form
// has several, so they can all be shown at once. PersonID, for a person
// who may already be recorded, is who they may be.
type ErrorDTO struct {
	Code     string     `json:"code"`
	Message  string     `json:"message"`
	Field    string     `json:"field"`
	Errors   []ErrorDTO `json:"errors,omitempty"`
	PersonID int64      `json:"personId,omitempty"`
}

// FormatError is the Wails ErrorFormatter: care errors go through as they
// are; anything else is logged with the binding's name and the operation
// that failed (as the store's error names it) and replaced by a plain
// apology, so SQL or stack text never reaches the screen.
func FormatError(err error) any {
	name := "(not a binding)"
	var be Error
	if errors.As(err, &be) {
		name, err = be.Binding, be.Err
	}
	err = sqlite.CareError(err) // a full disk, a read-only or busy database
	code := care.ErrorCode(err)
	if code == care.EINTERNAL {
		slog.Error("internal error", "binding", name, "err", err)
	}
	dto := ErrorDTO{Code: code, Message: care.ErrorMessage(err), Field: care.ErrorField(err), PersonID: care.DuplicateOf(err)}
	if all := care.FieldErrors(err); len(all) > 1 {
		for _, e := range all {
			dto.Errors = append(dto.Errors, ErrorDTO{Code: e.Code, Message: e.Message, Field: e.Field})
		}
	}
	return dto
}
