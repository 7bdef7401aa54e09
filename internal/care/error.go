// Package care holds the domain of What Matters: the people whose care is
// planned, the rules their records must follow, and the service interfaces
// the store implements. It imports only the standard library.
package care

import (
	"errors"
	"fmt"
)

// Error codes. They are few on purpose: the frontend decides what to do by
// code, and shows Message to the coordinator.
const (
	EINVALID  = "invalid"   // the input breaks a rule; Message says how to fix it
	ENOTFOUND = "not_found" // the thing asked for does not exist
	ECONFLICT = "conflict"  // someone else changed the record first
	ELOCKED   = "locked"    // the thing is frozen and can never change
	ESIGNIN   = "sign_in"   // no one is signed in, or the app is locked: sign in first
	EINTERNAL = "internal"  // anything else; never shown in detail
)

// Error is an error meant for the coordinator. Message is written in NHS
// style; Field, when set, names the input the message belongs beside.
type Error struct {
	Code    string
	Message string
	Field   string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("care error: code=%s field=%s message=%s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("care error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID *Error that belongs beside one input.
func FieldError(field, message string) *Error {
	return &Error{Code: EINVALID, Message: message, Field: field}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, and
// EINTERNAL for any other non-nil error.
func ErrorCode(err error) string {
	if e := asError(err); e != nil {
		return e.Code
	} else if err != nil {
		return EINTERNAL
	}
	return ""
}

// ErrorMessage returns the coordinator-facing message of err. Errors that
// are not an *Error get a plain apology, so no internal detail leaks.
func ErrorMessage(err error) string {
	if e := asError(err); e != nil {
		return e.Message
	} else if err != nil {
		return "Sorry, there is a problem with the app. Try again. If it keeps happening, restart What Matters."
	}
	return ""
}

// FieldErrors returns every *Error that err holds, in order: Validate joins
// one per field so the form can show all its problems at once.
func FieldErrors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		var e *Error
		switch x := err.(type) {
		case nil:
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				walk(inner)
			}
		case *OpError:
			walk(x.Err)
		default:
			if errors.As(err, &e) {
				out = append(out, e)
			}
		}
	}
	walk(err)
	return out
}

// ErrorField returns the input that err belongs beside, or "".
func ErrorField(err error) string {
	if e := asError(err); e != nil {
		return e.Field
	}
	return ""
}

// asError returns the *Error that err is or wraps, or nil.
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// OpError is an error with the name of the operation that met it, as
// Upspin's errors.E(op, err) keeps it: "sqlite.UpdateMeeting: ...". The
// name is the only thing it adds, so it never carries personal data.
// ErrorCode, ErrorMessage, FieldErrors and errors.As see through it to the
// *Error inside.
type OpError struct {
	Op  string
	Err error
}

// Error implements the error interface.
func (e *OpError) Error() string { return e.Op + ": " + e.Err.Error() }

// Unwrap returns the error the operation met.
func (e *OpError) Unwrap() error { return e.Err }

// WithOp returns err with the name of the operation that met it, or nil if
// err is nil.
func WithOp(op string, err error) error {
	if err == nil {
		return nil
	}
	return &OpError{Op: op, Err: err}
}
