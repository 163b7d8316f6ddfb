package fastlyabi

import "unsafe"

// Response is a handle to an HTTP response held by the host.
type Response struct{ handle uint32 }

// Handle returns the raw response handle for use with the raw hostcalls.
func (r Response) Handle() uint32 { return r.handle }

// NewResponse creates an empty response (status 200, no headers) on the host.
func NewResponse() (Response, error) {
	if initErr != nil {
		return Response{InvalidHandle}, initErr
	}
	h := InvalidHandle
	if err := HTTPRespNew(unsafe.Pointer(&h)).Err(); err != nil {
		return Response{InvalidHandle}, err
	}
	return Response{h}, nil
}

// Status returns the response's HTTP status code.
func (r Response) Status() (int, error) {
	// http_status is a u16. The out-variable is a zeroed u32 so that a host writing
	// either 2 or 4 little-endian bytes yields the same value and clobbers nothing.
	var s uint32
	if err := HTTPRespStatusGet(r.handle, unsafe.Pointer(&s)).Err(); err != nil {
		return 0, err
	}
	return int(uint16(s)), nil
}

// SetStatus sets the response's HTTP status code.
func (r Response) SetStatus(status int) error {
	return HTTPRespStatusSet(r.handle, uint32(status)).Err()
}

// Version returns the response's HTTP version.
func (r Response) Version() (HTTPVersion, error) {
	var v uint32
	if err := HTTPRespVersionGet(r.handle, unsafe.Pointer(&v)).Err(); err != nil {
		return 0, err
	}
	return HTTPVersion(v), nil
}

// SetVersion sets the response's HTTP version.
func (r Response) SetVersion(v HTTPVersion) error {
	return HTTPRespVersionSet(r.handle, uint32(v)).Err()
}

// HeaderNames returns the response's header names, each once, in the host's order.
func (r Response) HeaderNames() ([]string, error) {
	return headerNames(r.handle, HTTPRespHeaderNamesGet)
}

// HeaderValue returns the first value of the named header and whether the header is present.
func (r Response) HeaderValue(name string) (string, bool, error) {
	return headerValue(r.handle, name, HTTPRespHeaderValueGet)
}

// HeaderValues returns every value of the named header (none if it is absent).
func (r Response) HeaderValues(name string) ([]string, error) {
	return headerValues(r.handle, name, HTTPRespHeaderValuesGet)
}

// SetHeaderValues replaces the named header with the given values.
func (r Response) SetHeaderValues(name string, values []string) error {
	return headerValuesSet(r.handle, name, values, HTTPRespHeaderValuesSet)
}

// InsertHeader sets the named header to a single value, replacing any values it had.
func (r Response) InsertHeader(name, value string) error {
	return headerNameValue(r.handle, name, value, HTTPRespHeaderInsert)
}

// AppendHeader adds a value to the named header, keeping the values it had.
func (r Response) AppendHeader(name, value string) error {
	return headerNameValue(r.handle, name, value, HTTPRespHeaderAppend)
}

// RemoveHeader removes the named header.
func (r Response) RemoveHeader(name string) error {
	return headerRemove(r.handle, name, HTTPRespHeaderRemove)
}

// Send sends the response with the complete body to the client; both handles are consumed.
func (r Response) Send(body Body) error {
	return HTTPRespSendDownstream(r.handle, body.handle, 0).Err()
}

// SendStreaming sends the response head now; later writes to body stream to the client until body.Close.
func (r Response) SendStreaming(body Body) error {
	return HTTPRespSendDownstream(r.handle, body.handle, 1).Err()
}

// Close frees a response handle that was not sent.
func (r Response) Close() error {
	return HTTPRespClose(r.handle).Err()
}
