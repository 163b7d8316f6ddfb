package fastlyabi

import "strconv"

// Status is the i32 status every hostcall returns; a non-OK Status is used as an error.
type Status int32

// Status codes, numbered as in the fastly_status enum of the witx definition.
const (
	// StatusOK means the hostcall succeeded.
	StatusOK Status = 0
	// StatusError is a generic, unexpected failure.
	StatusError Status = 1
	// StatusInval means an argument was invalid.
	StatusInval Status = 2
	// StatusBadf means a handle was unknown or already closed.
	StatusBadf Status = 3
	// StatusBuflen means a buffer was too small; the needed length is written to nwritten.
	StatusBuflen Status = 4
	// StatusUnsupported means the operation is not supported.
	StatusUnsupported Status = 5
	// StatusBadalign means a pointer was not properly aligned.
	StatusBadalign Status = 6
	// StatusHTTPInvalid means a method, URI, header or status was not valid HTTP.
	StatusHTTPInvalid Status = 7
	// StatusHTTPUser means guest code caused an HTTP error.
	StatusHTTPUser Status = 8
	// StatusHTTPIncomplete means an HTTP message ended unexpectedly.
	StatusHTTPIncomplete Status = 9
	// StatusNone means an optional value is absent.
	StatusNone Status = 10
	// StatusHTTPHeadTooLarge means an HTTP message head was too large.
	StatusHTTPHeadTooLarge Status = 11
	// StatusHTTPInvalidStatus means an HTTP status code was not valid.
	StatusHTTPInvalidStatus Status = 12
	// StatusLimitExceeded means a resource limit was exceeded.
	StatusLimitExceeded Status = 13
	// StatusAgain means a resource is not available yet.
	StatusAgain Status = 14
)

var statusNames = [...]string{
	"ok", "error", "inval", "badf", "buflen", "unsupported", "badalign", "httpinvalid",
	"httpuser", "httpincomplete", "none", "httpheadtoolarge", "httpinvalidstatus",
	"limitexceeded", "again",
}

// String returns the status's witx name, or its number if it has none.
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "status(" + strconv.Itoa(int(s)) + ")"
}

// Error describes the status so that a Status can be returned as an error.
func (s Status) Error() string {
	return "fastly hostcall failed: " + s.String() + " (" + strconv.Itoa(int(s)) + ")"
}

// Err returns nil for StatusOK and the status itself (as an error) otherwise.
func (s Status) Err() error {
	if s == StatusOK {
		return nil
	}
	return s
}
