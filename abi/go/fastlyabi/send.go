package fastlyabi

import (
	"runtime"
	"unsafe"
)

// SendErrorTag is the witx send_error_detail_tag enum: why a backend request failed.
type SendErrorTag uint32

// Some send_error_detail_tag values (the full list is in abi/spec/types.abi).
const (
	// SendErrorUninitialized means the host filled in nothing.
	SendErrorUninitialized SendErrorTag = 0
	// SendErrorOK means there was no error.
	SendErrorOK SendErrorTag = 1
	// SendErrorDestinationNotFound means there is no such backend or destination.
	SendErrorDestinationNotFound SendErrorTag = 4
	// SendErrorConnectionRefused means the backend refused the connection.
	SendErrorConnectionRefused SendErrorTag = 7
	// SendErrorConnectionTimeout means connecting to the backend timed out.
	SendErrorConnectionTimeout SendErrorTag = 9
	// SendErrorHTTPResponseTimeout means the backend sent no response in time.
	SendErrorHTTPResponseTimeout SendErrorTag = 16
	// SendErrorTLSAlertReceived means the backend ended the TLS handshake with an alert
	// (see SendError.TLSAlert), e.g. because it refused the client certificate.
	SendErrorTLSAlertReceived SendErrorTag = 23
)

var sendErrorTagNames = [...]string{
	"uninitialized", "ok", "dns timeout", "dns error", "destination not found",
	"destination unavailable", "destination ip unroutable", "connection refused",
	"connection terminated", "connection timeout", "connection limit reached",
	"tls certificate error", "tls configuration error", "http incomplete response",
	"http response header section too large", "http response body too large",
	"http response timeout", "http response status invalid", "http upgrade failed",
	"http protocol error", "http request cache key invalid", "http request uri invalid",
	"internal error", "tls alert received", "tls protocol error", "h2 error",
}

// String returns the tag's witx name with spaces, e.g. "connection refused".
func (t SendErrorTag) String() string {
	if int(t) < len(sendErrorTagNames) {
		return sendErrorTagNames[t]
	}
	return "unknown"
}

// SendErrorDetail is the send_error_detail record (20 bytes, laid out as in abi/spec/types.abi).
type SendErrorDetail struct {
	Tag              SendErrorTag
	Mask             uint32
	DNSErrorRcode    uint16
	DNSErrorInfoCode uint16
	TLSAlertID       uint8
	H2ErrorFrame     uint8
	_                [2]byte
	H2ErrorCode      uint32
}

// detailMaskAll asks the host for every optional field of send_error_detail.
const detailMaskAll uint32 = 2 | 4 | 8 | 16

// SendError is a failed backend request: the hostcall's status and the host's error detail.
type SendError struct {
	Status Status
	Detail SendErrorDetail
}

// Error describes the failure by its detail tag (e.g. "connection refused"), else by its status.
func (e *SendError) Error() string {
	if e.Detail.Tag == SendErrorUninitialized || e.Detail.Tag == SendErrorOK {
		return e.Status.Error()
	}
	return e.Detail.Tag.String()
}

// TLSAlert is the TLS alert number the backend sent (42 bad_certificate, 116
// certificate_required, ...) and whether the host filled it in.
func (e *SendError) TLSAlert() (uint8, bool) {
	return e.Detail.TLSAlertID, e.Detail.Mask&detailTLSAlertID != 0
}

// detailTLSAlertID is the send_error_detail_mask bit of tls_alert_id.
const detailTLSAlertID uint32 = 8

// Unwrap returns the status, so errors.Is(err, StatusError) works.
func (e *SendError) Unwrap() error { return e.Status }

// sendAnswer turns a send's status and out-values into a response or a *SendError.
func sendAnswer(st Status, detail *SendErrorDetail, resp, body uint32) (Response, Body, error) {
	if st != StatusOK {
		return Response{InvalidHandle}, Body{InvalidHandle}, &SendError{Status: st, Detail: *detail}
	}
	return Response{resp}, Body{body}, nil
}

// Send sends the request with body (both consumed) to the named backend and waits for the
// response head; the response body streams in as it is read (send_v2). A failure is a *SendError.
func (r Request) Send(body Body, backend string) (Response, Body, error) {
	bp, bl := strArg(backend)
	detail := SendErrorDetail{Mask: detailMaskAll}
	resp, respBody := InvalidHandle, InvalidHandle
	st := HTTPReqSendV2(r.handle, body.handle, bp, bl, unsafe.Pointer(&detail),
		unsafe.Pointer(&resp), unsafe.Pointer(&respBody))
	runtime.KeepAlive(bp)
	return sendAnswer(st, &detail, resp, respBody)
}

// SendAsync starts sending the request with body (both consumed) to the named backend (send_async).
func (r Request) SendAsync(body Body, backend string) (PendingRequest, error) {
	return r.sendAsync(body, backend, HTTPReqSendAsync)
}

// SendAsyncStreaming starts sending the request to the named backend while body stays
// writable: write to it and Close it to end the request (send_async_streaming).
func (r Request) SendAsyncStreaming(body Body, backend string) (PendingRequest, error) {
	return r.sendAsync(body, backend, HTTPReqSendAsyncStreaming)
}

func (r Request) sendAsync(body Body, backend string,
	raw func(req, body uint32, backend unsafe.Pointer, backendLen uint32, pendingOut unsafe.Pointer) Status,
) (PendingRequest, error) {
	bp, bl := strArg(backend)
	h := InvalidHandle
	st := raw(r.handle, body.handle, bp, bl, unsafe.Pointer(&h))
	runtime.KeepAlive(bp)
	if st != StatusOK {
		return PendingRequest{InvalidHandle}, st
	}
	return PendingRequest{h}, nil
}

// PendingRequest is a request sent with SendAsync whose response has not been taken yet.
type PendingRequest struct{ handle uint32 }

// Handle returns the raw pending-request handle (e.g. for AsyncSelect).
func (p PendingRequest) Handle() uint32 { return p.handle }

// Wait waits for the response (pending_req_wait_v2); p is consumed. A failure is a *SendError.
func (p PendingRequest) Wait() (Response, Body, error) {
	detail := SendErrorDetail{Mask: detailMaskAll}
	resp, respBody := InvalidHandle, InvalidHandle
	st := HTTPReqPendingReqWaitV2(p.handle, unsafe.Pointer(&detail),
		unsafe.Pointer(&resp), unsafe.Pointer(&respBody))
	return sendAnswer(st, &detail, resp, respBody)
}

// SelectPending waits for the first of pending to complete (pending_req_select_v2) and returns
// its index (-1 if the host refused the call and none completed) and its response; that
// pending request is consumed, the others stay pending. A failed request is a *SendError.
func SelectPending(pending []PendingRequest) (int, Response, Body, error) {
	if len(pending) == 0 {
		return -1, Response{InvalidHandle}, Body{InvalidHandle}, StatusInval
	}
	handles := make([]uint32, len(pending))
	for i, p := range pending {
		handles[i] = p.handle
	}
	detail := SendErrorDetail{Mask: detailMaskAll}
	idx := uint32(0xFFFFFFFF)
	resp, respBody := InvalidHandle, InvalidHandle
	st := HTTPReqPendingReqSelectV2(unsafe.Pointer(&handles[0]), uint32(len(handles)),
		unsafe.Pointer(&detail), unsafe.Pointer(&idx), unsafe.Pointer(&resp), unsafe.Pointer(&respBody))
	runtime.KeepAlive(handles)
	if int(idx) >= len(pending) {
		if st == StatusOK {
			st = StatusError
		}
		return -1, Response{InvalidHandle}, Body{InvalidHandle}, &SendError{Status: st, Detail: detail}
	}
	r, b, err := sendAnswer(st, &detail, resp, respBody)
	return int(idx), r, b, err
}

// AsyncSelect waits until one of handles (pending requests, bodies) is ready
// (fastly_async_io.select) and returns its index; ok is false when timeoutMs passed first
// (0 waits without a time limit).
func AsyncSelect(handles []uint32, timeoutMs uint32) (idx int, ok bool, err error) {
	var hp unsafe.Pointer
	if len(handles) > 0 {
		hp = unsafe.Pointer(&handles[0])
	}
	ready := uint32(0xFFFFFFFF)
	st := AsyncIOSelect(hp, uint32(len(handles)), timeoutMs, unsafe.Pointer(&ready))
	runtime.KeepAlive(handles)
	if st != StatusOK {
		return -1, false, st
	}
	if ready == 0xFFFFFFFF {
		return -1, false, nil
	}
	return int(ready), true, nil
}
