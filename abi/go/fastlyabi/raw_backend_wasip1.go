//go:build wasip1

package fastlyabi

import "unsafe"

// Raw hostcalls for backend requests, backends and fastly_async_io, declared as in raw_wasip1.go.
// raw_backend_stub.go must declare the same functions (TestStubsMatchImports checks it).

// ---- fastly_http_req ----

// HTTPReqSendV2 sends a request and body (both consumed) to a backend and waits for the response
// head; on failure the send_error_detail at errorDetailOut says why.
//
//go:wasmimport fastly_http_req send_v2
//go:noescape
func HTTPReqSendV2(req uint32, body uint32, backend unsafe.Pointer, backendLen uint32, errorDetailOut unsafe.Pointer, respOut unsafe.Pointer, respBodyOut unsafe.Pointer) Status

// HTTPReqSendAsync starts sending a request and body (both consumed) to a backend and writes a
// pending request handle.
//
//go:wasmimport fastly_http_req send_async
//go:noescape
func HTTPReqSendAsync(req uint32, body uint32, backend unsafe.Pointer, backendLen uint32, pendingOut unsafe.Pointer) Status

// HTTPReqSendAsyncStreaming is like HTTPReqSendAsync, but the body stays writable until the guest
// closes it.
//
//go:wasmimport fastly_http_req send_async_streaming
//go:noescape
func HTTPReqSendAsyncStreaming(req uint32, body uint32, backend unsafe.Pointer, backendLen uint32, pendingOut unsafe.Pointer) Status

// HTTPReqPendingReqWaitV2 waits for a pending request (consumed) and writes its response; on
// failure the send_error_detail says why.
//
//go:wasmimport fastly_http_req pending_req_wait_v2
//go:noescape
func HTTPReqPendingReqWaitV2(pending uint32, errorDetailOut unsafe.Pointer, respOut unsafe.Pointer, respBodyOut unsafe.Pointer) Status

// HTTPReqPendingReqSelectV2 waits for the first of a list of pending requests and writes its index
// and response; that handle is consumed.
//
//go:wasmimport fastly_http_req pending_req_select_v2
//go:noescape
func HTTPReqPendingReqSelectV2(pendings unsafe.Pointer, pendingsLen uint32, errorDetailOut unsafe.Pointer, doneIdxOut unsafe.Pointer, respOut unsafe.Pointer, respBodyOut unsafe.Pointer) Status

// HTTPReqRegisterDynamicBackend defines a backend at run time; config fields are read only where
// configMask (backend_config_options) has their bit.
//
//go:wasmimport fastly_http_req register_dynamic_backend
//go:noescape
func HTTPReqRegisterDynamicBackend(name unsafe.Pointer, nameLen uint32, target unsafe.Pointer, targetLen uint32, configMask uint32, config unsafe.Pointer) Status

// ---- fastly_backend ----

// BackendExists writes 1 (u32) if a backend of that name exists, else 0.
//
//go:wasmimport fastly_backend exists
//go:noescape
func BackendExists(name unsafe.Pointer, nameLen uint32, existsOut unsafe.Pointer) Status

// BackendGetHost copies the host the named backend points at into value.
//
//go:wasmimport fastly_backend get_host
//go:noescape
func BackendGetHost(name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status

// BackendGetPort writes the named backend's TCP port (u16).
//
//go:wasmimport fastly_backend get_port
//go:noescape
func BackendGetPort(name unsafe.Pointer, nameLen uint32, portOut unsafe.Pointer) Status

// ---- fastly_async_io ----

// AsyncIOSelect waits until one of the handles is ready or timeoutMs passes (0: no limit) and
// writes its index, or u32::MAX on timeout.
//
//go:wasmimport fastly_async_io select
//go:noescape
func AsyncIOSelect(handles unsafe.Pointer, handlesLen uint32, timeoutMs uint32, readyIdxOut unsafe.Pointer) Status
