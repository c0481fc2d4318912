package backend

import (
	"errors"
	"fmt"
)

// Error codes. A binding maps a code to how the UI reacts; the message is for a person.
const (
	EINVALID  = "invalid"   // the input cannot be used as given; the message says what to change
	ENOTFOUND = "not_found" // the thing asked for does not exist (or was deleted)
	ECONFLICT = "conflict"  // the request clashes with the current state
	ETOOLARGE = "too_large" // the input is over a size limit
	ECONFIRM  = "confirm"   // the request can be done but needs a yes first; the message says what it would do
	EFULL     = "disk_full" // the disk holding the database is full: nothing was saved, free space and retry
	EINTERNAL = "internal"  // anything else: a bug or an I/O failure
)

// Error is a domain error: a machine-readable code and a message a person can act on.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf builds a domain error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of a domain error, or EINTERNAL for any other error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of a domain error, or a generic one.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong inside Bridgelog: " + err.Error()
}
