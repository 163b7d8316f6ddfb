// Package fastlyabi is Ledge's own Go binding of the Fastly Compute host ABI.
//
// It has two layers. The raw layer (files raw_wasip1.go and raw_stub.go) declares one Go
// function per hostcall, named after its import module and function (fastly_http_req.uri_get
// becomes HTTPReqURIGet). Its core-Wasm signature is exactly the one the witx definition
// lowers to: every call returns an i32 status, handles, enums and sizes are i32, u64 values
// are i64, a string or list is a (pointer, length) pair, and results come back through
// trailing out-pointers. Pointers are declared as unsafe.Pointer, which the Go compiler
// lowers to i32 on wasm; this is the convention Go's own wasip1 syscall package uses, and it
// keeps pointers to stack variables valid even if the goroutine stack moves.
//
// The wrapper layer (Request, Response, Body, LogEndpoint) calls the raw layer and turns
// statuses into errors of type Status. It implements the multi-value cursor protocol and
// the grow-on-buflen retry for single-value getters.
//
// Outside GOOS=wasip1 the raw functions are stubs that return StatusUnsupported, so the
// package builds and its pure-Go parts can be tested on the developer's machine.
package fastlyabi
