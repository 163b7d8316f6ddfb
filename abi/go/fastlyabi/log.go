package fastlyabi

import (
	"io"
	"runtime"
	"unsafe"
)

// LogEndpoint is a handle to a named log endpoint; each Write is one log message.
type LogEndpoint struct{ handle uint32 }

// Handle returns the raw endpoint handle for use with the raw hostcalls.
func (e LogEndpoint) Handle() uint32 { return e.handle }

// GetLogEndpoint looks up the log endpoint with the given name.
func GetLogEndpoint(name string) (LogEndpoint, error) {
	if initErr != nil {
		return LogEndpoint{InvalidHandle}, initErr
	}
	np, nl := strArg(name)
	h := InvalidHandle
	st := LogEndpointGet(np, nl, unsafe.Pointer(&h))
	runtime.KeepAlive(np)
	if st != StatusOK {
		return LogEndpoint{InvalidHandle}, st
	}
	return LogEndpoint{h}, nil
}

// Write sends p to the endpoint as one message.
func (e LogEndpoint) Write(p []byte) (int, error) {
	ptr, n := bytesArg(p)
	var nw uint32
	st := LogWrite(e.handle, ptr, n, unsafe.Pointer(&nw))
	runtime.KeepAlive(ptr)
	if st != StatusOK {
		return 0, st
	}
	if nw < n {
		return int(nw), io.ErrShortWrite
	}
	return int(n), nil
}

// WriteString sends s to the endpoint as one message.
func (e LogEndpoint) WriteString(s string) (int, error) {
	return e.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}
