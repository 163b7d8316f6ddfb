//go:build wasip1

package fastlyabi

import "unsafe"

// Raw hostcalls. Each declaration lowers to the core-Wasm signature of the witx function
// named in its //go:wasmimport line: uint32 and unsafe.Pointer become i32, uint64 becomes
// i64, and the Status result is the i32 status. raw_stub.go must declare the same functions
// with the same parameter lists (TestStubsMatchImports checks it).

// ---- fastly_abi ----

// ABIInit tells the host which ABI version the guest speaks (Ledge accepts 1).
//
//go:wasmimport fastly_abi init
//go:noescape
func ABIInit(abiVersion uint64) Status

// ---- fastly_http_req ----

// HTTPReqBodyDownstreamGet writes the downstream request handle and its body handle.
//
//go:wasmimport fastly_http_req body_downstream_get
//go:noescape
func HTTPReqBodyDownstreamGet(reqOut unsafe.Pointer, bodyOut unsafe.Pointer) Status

// HTTPReqNew creates an empty request and writes its handle.
//
//go:wasmimport fastly_http_req new
//go:noescape
func HTTPReqNew(reqOut unsafe.Pointer) Status

// HTTPReqMethodGet copies the request method into buf.
//
//go:wasmimport fastly_http_req method_get
//go:noescape
func HTTPReqMethodGet(req uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status

// HTTPReqMethodSet sets the request method from a (pointer, length) string.
//
//go:wasmimport fastly_http_req method_set
//go:noescape
func HTTPReqMethodSet(req uint32, method unsafe.Pointer, methodLen uint32) Status

// HTTPReqURIGet copies the request URI into buf.
//
//go:wasmimport fastly_http_req uri_get
//go:noescape
func HTTPReqURIGet(req uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status

// HTTPReqURISet sets the request URI from a (pointer, length) string.
//
//go:wasmimport fastly_http_req uri_set
//go:noescape
func HTTPReqURISet(req uint32, uri unsafe.Pointer, uriLen uint32) Status

// HTTPReqVersionGet writes the request's http_version enum value (u32).
//
//go:wasmimport fastly_http_req version_get
//go:noescape
func HTTPReqVersionGet(req uint32, versionOut unsafe.Pointer) Status

// HTTPReqVersionSet sets the request's http_version enum value.
//
//go:wasmimport fastly_http_req version_set
//go:noescape
func HTTPReqVersionSet(req uint32, version uint32) Status

// HTTPReqHeaderNamesGet lists the request's header names with the multi-value cursor protocol.
//
//go:wasmimport fastly_http_req header_names_get
//go:noescape
func HTTPReqHeaderNamesGet(req uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endingCursorOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status

// HTTPReqHeaderValueGet copies the first value of the named request header into buf.
//
//go:wasmimport fastly_http_req header_value_get
//go:noescape
func HTTPReqHeaderValueGet(req uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status

// HTTPReqHeaderValuesGet lists the values of the named request header with the cursor protocol.
//
//go:wasmimport fastly_http_req header_values_get
//go:noescape
func HTTPReqHeaderValuesGet(req uint32, name unsafe.Pointer, nameLen uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endingCursorOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status

// HTTPReqHeaderValuesSet replaces the named request header with NUL-terminated values.
//
//go:wasmimport fastly_http_req header_values_set
//go:noescape
func HTTPReqHeaderValuesSet(req uint32, name unsafe.Pointer, nameLen uint32, values unsafe.Pointer, valuesLen uint32) Status

// HTTPReqHeaderInsert sets the named request header to a single value.
//
//go:wasmimport fastly_http_req header_insert
//go:noescape
func HTTPReqHeaderInsert(req uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32) Status

// HTTPReqHeaderAppend adds a value to the named request header.
//
//go:wasmimport fastly_http_req header_append
//go:noescape
func HTTPReqHeaderAppend(req uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32) Status

// HTTPReqHeaderRemove removes the named request header.
//
//go:wasmimport fastly_http_req header_remove
//go:noescape
func HTTPReqHeaderRemove(req uint32, name unsafe.Pointer, nameLen uint32) Status

// HTTPReqClose frees a request handle.
//
//go:wasmimport fastly_http_req close
//go:noescape
func HTTPReqClose(req uint32) Status

// HTTPReqUpgradeWebsocket hands the client's WebSocket upgrade to the named backend.
//
//go:wasmimport fastly_http_req upgrade_websocket
//go:noescape
func HTTPReqUpgradeWebsocket(backendName unsafe.Pointer, backendNameLen uint32) Status

// HTTPReqRedirectToWebsocketProxyV2 hands the client's WebSocket upgrade to the named backend,
// which gets request req's URI and headers.
//
//go:wasmimport fastly_http_req redirect_to_websocket_proxy_v2
//go:noescape
func HTTPReqRedirectToWebsocketProxyV2(req uint32, backendName unsafe.Pointer, backendNameLen uint32) Status

// ---- fastly_http_downstream ----

// HTTPDownstreamClientIPAddr writes the client's address (4 or 16 octets) into a 16-byte buffer.
//
//go:wasmimport fastly_http_downstream downstream_client_ip_addr
//go:noescape
func HTTPDownstreamClientIPAddr(req uint32, addrOctetsOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status

// HTTPDownstreamServerIPAddr writes the address the client connected to into a 16-byte buffer.
//
//go:wasmimport fastly_http_downstream downstream_server_ip_addr
//go:noescape
func HTTPDownstreamServerIPAddr(req uint32, addrOctetsOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status

// ---- fastly_http_resp ----

// HTTPRespNew creates an empty response (status 200) and writes its handle.
//
//go:wasmimport fastly_http_resp new
//go:noescape
func HTTPRespNew(respOut unsafe.Pointer) Status

// HTTPRespStatusGet writes the response's http_status (u16).
//
//go:wasmimport fastly_http_resp status_get
//go:noescape
func HTTPRespStatusGet(resp uint32, statusOut unsafe.Pointer) Status

// HTTPRespStatusSet sets the response's HTTP status code.
//
//go:wasmimport fastly_http_resp status_set
//go:noescape
func HTTPRespStatusSet(resp uint32, status uint32) Status

// HTTPRespHeaderNamesGet lists the response's header names with the multi-value cursor protocol.
//
//go:wasmimport fastly_http_resp header_names_get
//go:noescape
func HTTPRespHeaderNamesGet(resp uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endingCursorOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status

// HTTPRespHeaderValueGet copies the first value of the named response header into buf.
//
//go:wasmimport fastly_http_resp header_value_get
//go:noescape
func HTTPRespHeaderValueGet(resp uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status

// HTTPRespHeaderValuesGet lists the values of the named response header with the cursor protocol.
//
//go:wasmimport fastly_http_resp header_values_get
//go:noescape
func HTTPRespHeaderValuesGet(resp uint32, name unsafe.Pointer, nameLen uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endingCursorOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status

// HTTPRespHeaderValuesSet replaces the named response header with NUL-terminated values.
//
//go:wasmimport fastly_http_resp header_values_set
//go:noescape
func HTTPRespHeaderValuesSet(resp uint32, name unsafe.Pointer, nameLen uint32, values unsafe.Pointer, valuesLen uint32) Status

// HTTPRespHeaderInsert sets the named response header to a single value.
//
//go:wasmimport fastly_http_resp header_insert
//go:noescape
func HTTPRespHeaderInsert(resp uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32) Status

// HTTPRespHeaderAppend adds a value to the named response header.
//
//go:wasmimport fastly_http_resp header_append
//go:noescape
func HTTPRespHeaderAppend(resp uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32) Status

// HTTPRespHeaderRemove removes the named response header.
//
//go:wasmimport fastly_http_resp header_remove
//go:noescape
func HTTPRespHeaderRemove(resp uint32, name unsafe.Pointer, nameLen uint32) Status

// HTTPRespVersionGet writes the response's http_version enum value (u32).
//
//go:wasmimport fastly_http_resp version_get
//go:noescape
func HTTPRespVersionGet(resp uint32, versionOut unsafe.Pointer) Status

// HTTPRespVersionSet sets the response's http_version enum value.
//
//go:wasmimport fastly_http_resp version_set
//go:noescape
func HTTPRespVersionSet(resp uint32, version uint32) Status

// HTTPRespSendDownstream sends the response to the client, streaming the body if streaming is 1.
//
//go:wasmimport fastly_http_resp send_downstream
//go:noescape
func HTTPRespSendDownstream(resp uint32, body uint32, streaming uint32) Status

// HTTPRespClose frees a response handle.
//
//go:wasmimport fastly_http_resp close
//go:noescape
func HTTPRespClose(resp uint32) Status

// ---- fastly_http_body ----

// HTTPBodyNew creates an empty body and writes its handle.
//
//go:wasmimport fastly_http_body new
//go:noescape
func HTTPBodyNew(bodyOut unsafe.Pointer) Status

// HTTPBodyRead reads up to bufLen bytes and writes the count, which is 0 at the end of the body.
//
//go:wasmimport fastly_http_body read
//go:noescape
func HTTPBodyRead(body uint32, buf unsafe.Pointer, bufLen uint32, nreadOut unsafe.Pointer) Status

// HTTPBodyWrite writes bytes to the back (end 0) or front (end 1) of a body and writes the count taken.
//
//go:wasmimport fastly_http_body write
//go:noescape
func HTTPBodyWrite(body uint32, buf unsafe.Pointer, bufLen uint32, end uint32, nwrittenOut unsafe.Pointer) Status

// HTTPBodyAppend moves the contents of src to the end of dest, consuming src.
//
//go:wasmimport fastly_http_body append
//go:noescape
func HTTPBodyAppend(dest uint32, src uint32) Status

// HTTPBodyClose frees a body; for a streaming body it ends the stream successfully.
//
//go:wasmimport fastly_http_body close
//go:noescape
func HTTPBodyClose(body uint32) Status

// HTTPBodyKnownLength writes the body's length (u64) if known, and returns StatusNone otherwise.
//
//go:wasmimport fastly_http_body known_length
//go:noescape
func HTTPBodyKnownLength(body uint32, lengthOut unsafe.Pointer) Status

// ---- fastly_log ----

// LogEndpointGet looks up a log endpoint by name and writes its handle.
//
//go:wasmimport fastly_log endpoint_get
//go:noescape
func LogEndpointGet(name unsafe.Pointer, nameLen uint32, endpointOut unsafe.Pointer) Status

// LogWrite writes one message to a log endpoint and writes the count taken.
//
//go:wasmimport fastly_log write
//go:noescape
func LogWrite(endpoint uint32, msg unsafe.Pointer, msgLen uint32, nwrittenOut unsafe.Pointer) Status
