package fastlyabi

import (
	"errors"
	"net/netip"
	"runtime"
	"unsafe"
)

// HTTPVersion is the witx http_version enum.
type HTTPVersion uint32

// HTTP versions, numbered as in the witx http_version enum.
const (
	// HTTPVersion09 is HTTP/0.9.
	HTTPVersion09 HTTPVersion = 0
	// HTTPVersion10 is HTTP/1.0.
	HTTPVersion10 HTTPVersion = 1
	// HTTPVersion11 is HTTP/1.1.
	HTTPVersion11 HTTPVersion = 2
	// HTTPVersion2 is HTTP/2.
	HTTPVersion2 HTTPVersion = 3
	// HTTPVersion3 is HTTP/3.
	HTTPVersion3 HTTPVersion = 4
)

// String returns the protocol name of the version, e.g. "HTTP/1.1".
func (v HTTPVersion) String() string {
	switch v {
	case HTTPVersion09:
		return "HTTP/0.9"
	case HTTPVersion10:
		return "HTTP/1.0"
	case HTTPVersion11:
		return "HTTP/1.1"
	case HTTPVersion2:
		return "HTTP/2"
	case HTTPVersion3:
		return "HTTP/3"
	}
	return "HTTP/?"
}

// Request is a handle to an HTTP request held by the host.
type Request struct{ handle uint32 }

// Handle returns the raw request handle for use with the raw hostcalls.
func (r Request) Handle() uint32 { return r.handle }

// DownstreamRequest returns the client's request and its body.
func DownstreamRequest() (Request, Body, error) {
	if initErr != nil {
		return Request{InvalidHandle}, Body{InvalidHandle}, initErr
	}
	req, body := InvalidHandle, InvalidHandle
	if err := HTTPReqBodyDownstreamGet(unsafe.Pointer(&req), unsafe.Pointer(&body)).Err(); err != nil {
		return Request{InvalidHandle}, Body{InvalidHandle}, err
	}
	return Request{req}, Body{body}, nil
}

// NewRequest creates an empty request on the host.
func NewRequest() (Request, error) {
	h := InvalidHandle
	if err := HTTPReqNew(unsafe.Pointer(&h)).Err(); err != nil {
		return Request{InvalidHandle}, err
	}
	return Request{h}, nil
}

// Method returns the request method, e.g. "GET".
func (r Request) Method() (string, error) {
	s, st := readSingleValue(methodInitialBuf, func(buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status {
		return HTTPReqMethodGet(r.handle, buf, bufLen, nwOut)
	})
	return s, st.Err()
}

// SetMethod sets the request method.
func (r Request) SetMethod(method string) error {
	p, n := strArg(method)
	err := HTTPReqMethodSet(r.handle, p, n).Err()
	runtime.KeepAlive(p)
	return err
}

// URI returns the request URI exactly as the host reports it (absolute for downstream requests).
func (r Request) URI() (string, error) {
	s, st := readSingleValue(uriInitialBuf, func(buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status {
		return HTTPReqURIGet(r.handle, buf, bufLen, nwOut)
	})
	return s, st.Err()
}

// SetURI sets the request URI.
func (r Request) SetURI(uri string) error {
	p, n := strArg(uri)
	err := HTTPReqURISet(r.handle, p, n).Err()
	runtime.KeepAlive(p)
	return err
}

// Version returns the request's HTTP version.
func (r Request) Version() (HTTPVersion, error) {
	var v uint32
	if err := HTTPReqVersionGet(r.handle, unsafe.Pointer(&v)).Err(); err != nil {
		return 0, err
	}
	return HTTPVersion(v), nil
}

// SetVersion sets the request's HTTP version.
func (r Request) SetVersion(v HTTPVersion) error {
	return HTTPReqVersionSet(r.handle, uint32(v)).Err()
}

// HeaderNames returns the request's header names, each once, in the host's order.
func (r Request) HeaderNames() ([]string, error) {
	return headerNames(r.handle, HTTPReqHeaderNamesGet)
}

// HeaderValue returns the first value of the named header and whether the header is present.
func (r Request) HeaderValue(name string) (string, bool, error) {
	return headerValue(r.handle, name, HTTPReqHeaderValueGet)
}

// HeaderValues returns every value of the named header (none if it is absent).
func (r Request) HeaderValues(name string) ([]string, error) {
	return headerValues(r.handle, name, HTTPReqHeaderValuesGet)
}

// SetHeaderValues replaces the named header with the given values.
func (r Request) SetHeaderValues(name string, values []string) error {
	return headerValuesSet(r.handle, name, values, HTTPReqHeaderValuesSet)
}

// InsertHeader sets the named header to a single value, replacing any values it had.
func (r Request) InsertHeader(name, value string) error {
	return headerNameValue(r.handle, name, value, HTTPReqHeaderInsert)
}

// AppendHeader adds a value to the named header, keeping the values it had.
func (r Request) AppendHeader(name, value string) error {
	return headerNameValue(r.handle, name, value, HTTPReqHeaderAppend)
}

// RemoveHeader removes the named header.
func (r Request) RemoveHeader(name string) error {
	return headerRemove(r.handle, name, HTTPReqHeaderRemove)
}

// Close frees the request handle on the host.
func (r Request) Close() error {
	return HTTPReqClose(r.handle).Err()
}

// HandoffWebsocket hands the client's WebSocket upgrade to the named backend (WebSocket
// passthrough), which gets this request's URI and headers; the host relays the frames from then
// on, so the guest ends without sending a response. StatusInval when the backend is unknown or
// the client request is no WebSocket upgrade (the client can then still be answered).
func (r Request) HandoffWebsocket(backend string) error {
	p, n := strArg(backend)
	return HTTPReqRedirectToWebsocketProxyV2(r.handle, p, n).Err()
}

// HandoffClientWebsocket hands the client's WebSocket upgrade, as the client sent it, to the
// named backend (upgrade_websocket); see Request.HandoffWebsocket.
func HandoffClientWebsocket(backend string) error {
	p, n := strArg(backend)
	return HTTPReqUpgradeWebsocket(p, n).Err()
}

// ClientIPAddr returns the address of the client that sent the downstream request.
func (r Request) ClientIPAddr() (netip.Addr, error) {
	return ipAddr(func(out, nwOut unsafe.Pointer) Status {
		return HTTPDownstreamClientIPAddr(r.handle, out, nwOut)
	})
}

// ServerIPAddr returns the local address the client connected to.
func (r Request) ServerIPAddr() (netip.Addr, error) {
	return ipAddr(func(out, nwOut unsafe.Pointer) Status {
		return HTTPDownstreamServerIPAddr(r.handle, out, nwOut)
	})
}

// errAddrLength reports an address that is neither 4 nor 16 octets long.
var errAddrLength = errors.New("fastlyabi: host returned an IP address that is neither 4 nor 16 octets")

func ipAddr(fetch func(out, nwOut unsafe.Pointer) Status) (netip.Addr, error) {
	var octets [16]byte
	var n uint32
	if err := fetch(unsafe.Pointer(&octets[0]), unsafe.Pointer(&n)).Err(); err != nil {
		return netip.Addr{}, err
	}
	switch n {
	case 4:
		return netip.AddrFrom4([4]byte(octets[:4])), nil
	case 16:
		return netip.AddrFrom16(octets), nil
	}
	return netip.Addr{}, errAddrLength
}
