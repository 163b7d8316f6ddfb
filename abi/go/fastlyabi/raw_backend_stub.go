//go:build !wasip1

package fastlyabi

import "unsafe"

// Stubs of the raw hostcalls in raw_backend_wasip1.go for builds outside GOOS=wasip1; each returns
// StatusUnsupported.

// ---- fastly_http_req ----

// HTTPReqSendV2 sends a request and body (both consumed) to a backend and waits for the response
// head; on failure the send_error_detail at errorDetailOut says why.
func HTTPReqSendV2(req uint32, body uint32, backend unsafe.Pointer, backendLen uint32, errorDetailOut unsafe.Pointer, respOut unsafe.Pointer, respBodyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqSendAsync starts sending a request and body (both consumed) to a backend and writes a
// pending request handle.
func HTTPReqSendAsync(req uint32, body uint32, backend unsafe.Pointer, backendLen uint32, pendingOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqSendAsyncStreaming is like HTTPReqSendAsync, but the body stays writable until the guest
// closes it.
func HTTPReqSendAsyncStreaming(req uint32, body uint32, backend unsafe.Pointer, backendLen uint32, pendingOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqPendingReqWaitV2 waits for a pending request (consumed) and writes its response; on
// failure the send_error_detail says why.
func HTTPReqPendingReqWaitV2(pending uint32, errorDetailOut unsafe.Pointer, respOut unsafe.Pointer, respBodyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqPendingReqSelectV2 waits for the first of a list of pending requests and writes its index
// and response; that handle is consumed.
func HTTPReqPendingReqSelectV2(pendings unsafe.Pointer, pendingsLen uint32, errorDetailOut unsafe.Pointer, doneIdxOut unsafe.Pointer, respOut unsafe.Pointer, respBodyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqRegisterDynamicBackend defines a backend at run time; config fields are read only where
// configMask (backend_config_options) has their bit.
func HTTPReqRegisterDynamicBackend(name unsafe.Pointer, nameLen uint32, target unsafe.Pointer, targetLen uint32, configMask uint32, config unsafe.Pointer) Status {
	return StatusUnsupported
}

// ---- fastly_backend ----

// BackendExists writes 1 (u32) if a backend of that name exists, else 0.
func BackendExists(name unsafe.Pointer, nameLen uint32, existsOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// BackendGetHost copies the host the named backend points at into value.
func BackendGetHost(name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// BackendGetPort writes the named backend's TCP port (u16).
func BackendGetPort(name unsafe.Pointer, nameLen uint32, portOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ---- fastly_async_io ----

// AsyncIOSelect waits until one of the handles is ready or timeoutMs passes (0: no limit) and
// writes its index, or u32::MAX on timeout.
func AsyncIOSelect(handles unsafe.Pointer, handlesLen uint32, timeoutMs uint32, readyIdxOut unsafe.Pointer) Status {
	return StatusUnsupported
}
