//go:build !wasip1

package fastlyabi

import "unsafe"

// Stubs of the raw hostcalls for builds outside GOOS=wasip1 (editors, vet, host-side tests).
// Every stub returns StatusUnsupported. The parameter lists must stay identical to
// raw_wasip1.go; TestStubsMatchImports checks it.

// ---- fastly_abi ----

// ABIInit tells the host which ABI version the guest speaks (Ledge accepts 1).
func ABIInit(abiVersion uint64) Status { return StatusUnsupported }

// ---- fastly_http_req ----

// HTTPReqBodyDownstreamGet writes the downstream request handle and its body handle.
func HTTPReqBodyDownstreamGet(reqOut unsafe.Pointer, bodyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqNew creates an empty request and writes its handle.
func HTTPReqNew(reqOut unsafe.Pointer) Status { return StatusUnsupported }

// HTTPReqMethodGet copies the request method into buf.
func HTTPReqMethodGet(req uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqMethodSet sets the request method from a (pointer, length) string.
func HTTPReqMethodSet(req uint32, method unsafe.Pointer, methodLen uint32) Status {
	return StatusUnsupported
}

// HTTPReqURIGet copies the request URI into buf.
func HTTPReqURIGet(req uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqURISet sets the request URI from a (pointer, length) string.
func HTTPReqURISet(req uint32, uri unsafe.Pointer, uriLen uint32) Status { return StatusUnsupported }

// HTTPReqVersionGet writes the request's http_version enum value (u32).
func HTTPReqVersionGet(req uint32, versionOut unsafe.Pointer) Status { return StatusUnsupported }

// HTTPReqVersionSet sets the request's http_version enum value.
func HTTPReqVersionSet(req uint32, version uint32) Status { return StatusUnsupported }

// HTTPReqHeaderNamesGet lists the request's header names with the multi-value cursor protocol.
func HTTPReqHeaderNamesGet(req uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endingCursorOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqHeaderValueGet copies the first value of the named request header into buf.
func HTTPReqHeaderValueGet(req uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqHeaderValuesGet lists the values of the named request header with the cursor protocol.
func HTTPReqHeaderValuesGet(req uint32, name unsafe.Pointer, nameLen uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endingCursorOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqHeaderValuesSet replaces the named request header with NUL-terminated values.
func HTTPReqHeaderValuesSet(req uint32, name unsafe.Pointer, nameLen uint32, values unsafe.Pointer, valuesLen uint32) Status {
	return StatusUnsupported
}

// HTTPReqHeaderInsert sets the named request header to a single value.
func HTTPReqHeaderInsert(req uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32) Status {
	return StatusUnsupported
}

// HTTPReqHeaderAppend adds a value to the named request header.
func HTTPReqHeaderAppend(req uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32) Status {
	return StatusUnsupported
}

// HTTPReqHeaderRemove removes the named request header.
func HTTPReqHeaderRemove(req uint32, name unsafe.Pointer, nameLen uint32) Status {
	return StatusUnsupported
}

// HTTPReqClose frees a request handle.
func HTTPReqClose(req uint32) Status { return StatusUnsupported }

// HTTPReqUpgradeWebsocket hands the client's WebSocket upgrade to the named backend.
func HTTPReqUpgradeWebsocket(backendName unsafe.Pointer, backendNameLen uint32) Status {
	return StatusUnsupported
}

// HTTPReqRedirectToWebsocketProxyV2 hands the client's WebSocket upgrade to the named backend.
func HTTPReqRedirectToWebsocketProxyV2(req uint32, backendName unsafe.Pointer, backendNameLen uint32) Status {
	return StatusUnsupported
}

// ---- fastly_http_downstream ----

// HTTPDownstreamClientIPAddr writes the client's address (4 or 16 octets) into a 16-byte buffer.
func HTTPDownstreamClientIPAddr(req uint32, addrOctetsOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPDownstreamServerIPAddr writes the address the client connected to into a 16-byte buffer.
func HTTPDownstreamServerIPAddr(req uint32, addrOctetsOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ---- fastly_http_resp ----

// HTTPRespNew creates an empty response (status 200) and writes its handle.
func HTTPRespNew(respOut unsafe.Pointer) Status { return StatusUnsupported }

// HTTPRespStatusGet writes the response's http_status (u16).
func HTTPRespStatusGet(resp uint32, statusOut unsafe.Pointer) Status { return StatusUnsupported }

// HTTPRespStatusSet sets the response's HTTP status code.
func HTTPRespStatusSet(resp uint32, status uint32) Status { return StatusUnsupported }

// HTTPRespHeaderNamesGet lists the response's header names with the multi-value cursor protocol.
func HTTPRespHeaderNamesGet(resp uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endingCursorOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPRespHeaderValueGet copies the first value of the named response header into buf.
func HTTPRespHeaderValueGet(resp uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPRespHeaderValuesGet lists the values of the named response header with the cursor protocol.
func HTTPRespHeaderValuesGet(resp uint32, name unsafe.Pointer, nameLen uint32, buf unsafe.Pointer, bufLen uint32, cursor uint32, endingCursorOut unsafe.Pointer, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPRespHeaderValuesSet replaces the named response header with NUL-terminated values.
func HTTPRespHeaderValuesSet(resp uint32, name unsafe.Pointer, nameLen uint32, values unsafe.Pointer, valuesLen uint32) Status {
	return StatusUnsupported
}

// HTTPRespHeaderInsert sets the named response header to a single value.
func HTTPRespHeaderInsert(resp uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32) Status {
	return StatusUnsupported
}

// HTTPRespHeaderAppend adds a value to the named response header.
func HTTPRespHeaderAppend(resp uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32) Status {
	return StatusUnsupported
}

// HTTPRespHeaderRemove removes the named response header.
func HTTPRespHeaderRemove(resp uint32, name unsafe.Pointer, nameLen uint32) Status {
	return StatusUnsupported
}

// HTTPRespVersionGet writes the response's http_version enum value (u32).
func HTTPRespVersionGet(resp uint32, versionOut unsafe.Pointer) Status { return StatusUnsupported }

// HTTPRespVersionSet sets the response's http_version enum value.
func HTTPRespVersionSet(resp uint32, version uint32) Status { return StatusUnsupported }

// HTTPRespSendDownstream sends the response to the client, streaming the body if streaming is 1.
func HTTPRespSendDownstream(resp uint32, body uint32, streaming uint32) Status {
	return StatusUnsupported
}

// HTTPRespClose frees a response handle.
func HTTPRespClose(resp uint32) Status { return StatusUnsupported }

// ---- fastly_http_body ----

// HTTPBodyNew creates an empty body and writes its handle.
func HTTPBodyNew(bodyOut unsafe.Pointer) Status { return StatusUnsupported }

// HTTPBodyRead reads up to bufLen bytes and writes the count, which is 0 at the end of the body.
func HTTPBodyRead(body uint32, buf unsafe.Pointer, bufLen uint32, nreadOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPBodyWrite writes bytes to the back (end 0) or front (end 1) of a body and writes the count taken.
func HTTPBodyWrite(body uint32, buf unsafe.Pointer, bufLen uint32, end uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPBodyAppend moves the contents of src to the end of dest, consuming src.
func HTTPBodyAppend(dest uint32, src uint32) Status { return StatusUnsupported }

// HTTPBodyClose frees a body; for a streaming body it ends the stream successfully.
func HTTPBodyClose(body uint32) Status { return StatusUnsupported }

// HTTPBodyKnownLength writes the body's length (u64) if known, and returns StatusNone otherwise.
func HTTPBodyKnownLength(body uint32, lengthOut unsafe.Pointer) Status { return StatusUnsupported }

// ---- fastly_log ----

// LogEndpointGet looks up a log endpoint by name and writes its handle.
func LogEndpointGet(name unsafe.Pointer, nameLen uint32, endpointOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// LogWrite writes one message to a log endpoint and writes the count taken.
func LogWrite(endpoint uint32, msg unsafe.Pointer, msgLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}
