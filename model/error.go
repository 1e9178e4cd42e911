package model

import (
	"errors"
	"fmt"
)

// Code says what kind of failure an Error is, so that each side can answer
// in its own terms: the CLI with a message and an exit status, the server
// with an HTTP status.
type Code string

// The codes plangap uses.
const (
	NotFound    Code = "not_found"   // no such plan, target, batch or indicator
	Invalid     Code = "invalid"     // the input or the request is wrong; the message says how
	Conflict    Code = "conflict"    // it would overwrite what is stored
	Unavailable Code = "unavailable" // the database is held by another process
	Internal    Code = "internal"    // a fault of plangap or of the machine
)

// Error is an error a user must see, with its code. Message is written
// for the user, in Chinese first with English beside it.
type Error struct {
	Code    Code
	Message string
	Err     error // the cause, if any
}

// Error returns the message, which is complete: it already includes the
// cause where the user needs it.
func (e *Error) Error() string {
	if e.Message == "" && e.Err != nil {
		return e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an Error with a formatted message; a %w verb keeps the cause.
func Errorf(code Code, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: err.Error(), Err: errors.Unwrap(err)}
}

// Coded is an error that knows its code without being an *Error, such as
// a store error carrying fields a caller reads.
type Coded interface {
	error
	ErrorCode() Code
}

// ErrNotFound is the error for a plan, target, batch or indicator that
// does not exist; wrap it with what was looked for.
var ErrNotFound = &Error{Code: NotFound, Message: "未找到 not found"}

// ErrorCode is the code of the first Error (or Coded error) in err's
// chain; Problems are Invalid; anything else is Internal.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var c Coded
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	var ps Problems
	if errors.As(err, &ps) {
		return Invalid
	}
	return Internal
}
