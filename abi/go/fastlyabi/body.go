package fastlyabi

import (
	"io"
	"runtime"
	"unsafe"
)

// Body is a handle to an HTTP body held by the host; it is an io.Reader and an io.Writer.
type Body struct{ handle uint32 }

// Handle returns the raw body handle for use with the raw hostcalls.
func (b Body) Handle() uint32 { return b.handle }

// NewBody creates an empty body on the host.
func NewBody() (Body, error) {
	if initErr != nil {
		return Body{InvalidHandle}, initErr
	}
	h := InvalidHandle
	if err := HTTPBodyNew(unsafe.Pointer(&h)).Err(); err != nil {
		return Body{InvalidHandle}, err
	}
	return Body{h}, nil
}

// Read reads up to len(p) bytes and returns io.EOF once the body has ended.
func (b Body) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	ptr, n := bytesArg(p)
	var nread uint32
	st := HTTPBodyRead(b.handle, ptr, n, unsafe.Pointer(&nread))
	runtime.KeepAlive(ptr)
	if st != StatusOK {
		return 0, st
	}
	if nread == 0 {
		return 0, io.EOF
	}
	if nread > n {
		return 0, StatusError
	}
	return int(nread), nil
}

// Write appends p to the end of the body, calling the host until all of p is taken.
func (b Body) Write(p []byte) (int, error) {
	return b.write(p, 0)
}

// WriteFront prepends p to the body.
func (b Body) WriteFront(p []byte) (int, error) {
	return b.write(p, 1)
}

// WriteString appends s to the end of the body.
func (b Body) WriteString(s string) (int, error) {
	return b.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}

func (b Body) write(p []byte, end uint32) (int, error) {
	written := 0
	for written < len(p) {
		ptr, n := bytesArg(p[written:])
		var nw uint32
		st := HTTPBodyWrite(b.handle, ptr, n, end, unsafe.Pointer(&nw))
		runtime.KeepAlive(ptr)
		if st != StatusOK {
			return written, st
		}
		if nw == 0 || nw > n {
			return written, io.ErrShortWrite
		}
		written += int(nw)
	}
	return written, nil
}

// Append moves the whole of src to the end of b; src is consumed.
func (b Body) Append(src Body) error {
	return HTTPBodyAppend(b.handle, src.handle).Err()
}

// KnownLength returns the body's length and true if the host knows it, or false otherwise.
func (b Body) KnownLength() (uint64, bool, error) {
	var n uint64
	switch st := HTTPBodyKnownLength(b.handle, unsafe.Pointer(&n)); st {
	case StatusOK:
		return n, true, nil
	case StatusNone:
		return 0, false, nil
	default:
		return 0, false, st
	}
}

// Close frees the body; for a streaming body it completes the response.
func (b Body) Close() error {
	return HTTPBodyClose(b.handle).Err()
}
