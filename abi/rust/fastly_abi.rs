//! Ledge's own Rust guest binding for the Fastly Compute host ABI.
//!
//! Written for Ledge from the public witx description of the ABI (see `abi/README.md`).
//! It needs nothing but `std` for `wasm32-wasi`, so it builds with a bare `rustc`:
//! include it in a guest with
//!
//! ```ignore
//! #[path = "../../../../abi/rust/fastly_abi.rs"]
//! mod fastly_abi;
//! ```
//!
//! Two layers:
//! * [`sys`] — the raw imports, one `extern "C"` block per import module, with core-Wasm
//!   signatures that match the witx lowering exactly (every call returns an `i32` status,
//!   `list`/`string` become a pointer and a length, results come back through trailing
//!   out-pointers, `u64` is `i64`).
//! * thin safe wrappers — [`Request`], [`Response`], [`Body`], [`Log`] — that turn statuses
//!   into `Result<_, Status>` and implement the buffer-growing and multi-value cursor
//!   protocols.
//!
//! Handles are plain `u32` values owned by the host. The wrappers do not close anything on
//! drop: a guest closes what it wants closed explicitly, and everything else is released when
//! the sandbox ends.

#![allow(dead_code)]

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::atomic::{AtomicBool, Ordering};

/// The raw host imports. Every function returns a `fastly_status` code (see [`Status`]).
///
/// Safety for all of them: pointers must point into this module's linear memory with the
/// stated lengths, and out-pointers must be valid for the host to write.
pub mod sys {
    /// A host handle (request, response, body, log endpoint, ...).
    pub type Handle = u32;
    /// The raw status code every hostcall returns.
    pub type RawStatus = u32;
    /// The handle value guest SDKs use to mean "no handle".
    pub const INVALID_HANDLE: Handle = 0xFFFF_FFFE;

    /// `fastly_abi`: ABI version negotiation.
    pub mod fastly_abi {
        use super::RawStatus;
        #[link(wasm_import_module = "fastly_abi")]
        extern "C" {
            /// Tells the host which ABI version the guest speaks (Ledge accepts 1).
            pub fn init(abi_version: u64) -> RawStatus;
        }
    }

    /// `fastly_http_req`: requests (the downstream one and new ones).
    pub mod fastly_http_req {
        use super::{Handle, RawStatus};
        #[link(wasm_import_module = "fastly_http_req")]
        extern "C" {
            /// Gets the downstream request and its body.
            pub fn body_downstream_get(req_out: *mut Handle, body_out: *mut Handle) -> RawStatus;
            /// Creates a new, empty request.
            pub fn new(req_out: *mut Handle) -> RawStatus;
            /// Copies the method into `buf`; `buflen` if it does not fit.
            pub fn method_get(
                h: Handle,
                buf: *mut u8,
                buf_len: usize,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Sets the method.
            pub fn method_set(h: Handle, method: *const u8, method_len: usize) -> RawStatus;
            /// Copies the URI into `buf`; `buflen` if it does not fit.
            pub fn uri_get(
                h: Handle,
                buf: *mut u8,
                buf_len: usize,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Sets the URI.
            pub fn uri_set(h: Handle, uri: *const u8, uri_len: usize) -> RawStatus;
            /// Gets the HTTP version (an `http_version` enum value).
            pub fn version_get(h: Handle, version_out: *mut u32) -> RawStatus;
            /// Sets the HTTP version.
            pub fn version_set(h: Handle, version: u32) -> RawStatus;
            /// Multi-value getter for header names (cursor protocol).
            pub fn header_names_get(
                h: Handle,
                buf: *mut u8,
                buf_len: usize,
                cursor: u32,
                ending_cursor_out: *mut i64,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Copies the first value of a header; `none` if absent.
            pub fn header_value_get(
                h: Handle,
                name: *const u8,
                name_len: usize,
                value: *mut u8,
                value_max_len: usize,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Multi-value getter for all values of a header (cursor protocol).
            pub fn header_values_get(
                h: Handle,
                name: *const u8,
                name_len: usize,
                buf: *mut u8,
                buf_len: usize,
                cursor: u32,
                ending_cursor_out: *mut i64,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Replaces all values of a header; `values` holds NUL-terminated values.
            pub fn header_values_set(
                h: Handle,
                name: *const u8,
                name_len: usize,
                values: *const u8,
                values_len: usize,
            ) -> RawStatus;
            /// Sets a header to a single value, replacing any existing values.
            pub fn header_insert(
                h: Handle,
                name: *const u8,
                name_len: usize,
                value: *const u8,
                value_len: usize,
            ) -> RawStatus;
            /// Adds a value to a header, keeping existing values.
            pub fn header_append(
                h: Handle,
                name: *const u8,
                name_len: usize,
                value: *const u8,
                value_len: usize,
            ) -> RawStatus;
            /// Removes a header; `none` if it was absent.
            pub fn header_remove(h: Handle, name: *const u8, name_len: usize) -> RawStatus;
            /// Frees a request handle.
            pub fn close(h: Handle) -> RawStatus;
        }
    }

    /// `fastly_http_downstream`: facts about the downstream connection.
    pub mod fastly_http_downstream {
        use super::{Handle, RawStatus};
        #[link(wasm_import_module = "fastly_http_downstream")]
        extern "C" {
            /// Writes the client's address (4 or 16 octets) into a 16-byte buffer.
            pub fn downstream_client_ip_addr(
                req: Handle,
                addr_octets_out: *mut u8,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Writes the server's address (4 or 16 octets) into a 16-byte buffer.
            pub fn downstream_server_ip_addr(
                req: Handle,
                addr_octets_out: *mut u8,
                nwritten_out: *mut usize,
            ) -> RawStatus;
        }
    }

    /// `fastly_http_resp`: responses.
    pub mod fastly_http_resp {
        use super::{Handle, RawStatus};
        #[link(wasm_import_module = "fastly_http_resp")]
        extern "C" {
            /// Creates a new response (status 200, no headers).
            pub fn new(resp_out: *mut Handle) -> RawStatus;
            /// Gets the status code (`http_status` is a u16).
            pub fn status_get(h: Handle, status_out: *mut u16) -> RawStatus;
            /// Sets the status code.
            pub fn status_set(h: Handle, status: u16) -> RawStatus;
            /// Multi-value getter for header names (cursor protocol).
            pub fn header_names_get(
                h: Handle,
                buf: *mut u8,
                buf_len: usize,
                cursor: u32,
                ending_cursor_out: *mut i64,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Copies the first value of a header; `none` if absent.
            pub fn header_value_get(
                h: Handle,
                name: *const u8,
                name_len: usize,
                value: *mut u8,
                value_max_len: usize,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Multi-value getter for all values of a header (cursor protocol).
            pub fn header_values_get(
                h: Handle,
                name: *const u8,
                name_len: usize,
                buf: *mut u8,
                buf_len: usize,
                cursor: u32,
                ending_cursor_out: *mut i64,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Replaces all values of a header; `values` holds NUL-terminated values.
            pub fn header_values_set(
                h: Handle,
                name: *const u8,
                name_len: usize,
                values: *const u8,
                values_len: usize,
            ) -> RawStatus;
            /// Sets a header to a single value, replacing any existing values.
            pub fn header_insert(
                h: Handle,
                name: *const u8,
                name_len: usize,
                value: *const u8,
                value_len: usize,
            ) -> RawStatus;
            /// Adds a value to a header, keeping existing values.
            pub fn header_append(
                h: Handle,
                name: *const u8,
                name_len: usize,
                value: *const u8,
                value_len: usize,
            ) -> RawStatus;
            /// Removes a header; `none` if it was absent.
            pub fn header_remove(h: Handle, name: *const u8, name_len: usize) -> RawStatus;
            /// Gets the HTTP version (an `http_version` enum value).
            pub fn version_get(h: Handle, version_out: *mut u32) -> RawStatus;
            /// Sets the HTTP version.
            pub fn version_set(h: Handle, version: u32) -> RawStatus;
            /// Sends the response downstream with `body`; `streaming` = 1 keeps `body` open
            /// for further writes (headers go out first), 0 sends it whole and consumes it.
            pub fn send_downstream(h: Handle, body: Handle, streaming: u32) -> RawStatus;
            /// Frees a response handle.
            pub fn close(h: Handle) -> RawStatus;
        }
    }

    /// `fastly_http_body`: byte streams.
    pub mod fastly_http_body {
        use super::{Handle, RawStatus};
        #[link(wasm_import_module = "fastly_http_body")]
        extern "C" {
            /// Creates a new, empty body.
            pub fn new(body_out: *mut Handle) -> RawStatus;
            /// Reads up to `buf_len` bytes; 0 bytes read means the body has ended.
            pub fn read(
                h: Handle,
                buf: *mut u8,
                buf_len: usize,
                nread_out: *mut usize,
            ) -> RawStatus;
            /// Writes bytes at the back (`end` = 0) or front (`end` = 1) of the body.
            pub fn write(
                h: Handle,
                buf: *const u8,
                buf_len: usize,
                end: u32,
                nwritten_out: *mut usize,
            ) -> RawStatus;
            /// Moves all of `src` onto the end of `dest`; `src` is consumed.
            pub fn append(dest: Handle, src: Handle) -> RawStatus;
            /// Frees a body; for a streaming body this ends the stream successfully.
            pub fn close(h: Handle) -> RawStatus;
            /// Gets the body's length if known (`body_length` is a u64); `none` otherwise.
            pub fn known_length(h: Handle, length_out: *mut u64) -> RawStatus;
        }
    }

    /// `fastly_log`: named log endpoints.
    pub mod fastly_log {
        use super::{Handle, RawStatus};
        #[link(wasm_import_module = "fastly_log")]
        extern "C" {
            /// Looks up a log endpoint by name.
            pub fn endpoint_get(
                name: *const u8,
                name_len: usize,
                endpoint_out: *mut Handle,
            ) -> RawStatus;
            /// Writes one message to a log endpoint.
            pub fn write(
                h: Handle,
                msg: *const u8,
                msg_len: usize,
                nwritten_out: *mut usize,
            ) -> RawStatus;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------

/// A non-ok `fastly_status` code returned by a hostcall (the raw number is kept as is).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Status(pub u32);

impl Status {
    /// 0: success (never carried in an `Err`).
    pub const OK: Status = Status(0);
    /// 1: generic error.
    pub const ERROR: Status = Status(1);
    /// 2: invalid argument.
    pub const INVAL: Status = Status(2);
    /// 3: unknown or closed handle.
    pub const BADF: Status = Status(3);
    /// 4: buffer too small (the required length was written to `nwritten`).
    pub const BUFLEN: Status = Status(4);
    /// 5: unsupported operation.
    pub const UNSUPPORTED: Status = Status(5);
    /// 6: misaligned pointer.
    pub const BADALIGN: Status = Status(6);
    /// 7: invalid HTTP (method, URI, header, status, ...).
    pub const HTTPINVALID: Status = Status(7);
    /// 8: HTTP usage error by the guest.
    pub const HTTPUSER: Status = Status(8);
    /// 9: incomplete HTTP message.
    pub const HTTPINCOMPLETE: Status = Status(9);
    /// 10: an optional value is absent.
    pub const NONE: Status = Status(10);
    /// 11: message head too large.
    pub const HTTPHEADTOOLARGE: Status = Status(11);
    /// 12: invalid HTTP status.
    pub const HTTPINVALIDSTATUS: Status = Status(12);
    /// 13: resource limit exceeded.
    pub const LIMITEXCEEDED: Status = Status(13);
    /// 14: resource not yet available, try again.
    pub const AGAIN: Status = Status(14);

    /// The witx name of this status, or `"unknown"`.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; 15] = [
            "ok",
            "error",
            "inval",
            "badf",
            "buflen",
            "unsupported",
            "badalign",
            "httpinvalid",
            "httpuser",
            "httpincomplete",
            "none",
            "httpheadtoolarge",
            "httpinvalidstatus",
            "limitexceeded",
            "again",
        ];
        NAMES.get(self.0 as usize).copied().unwrap_or("unknown")
    }

    /// Turns a raw hostcall result into `Ok(())` or `Err(Status)`.
    pub fn check(raw: sys::RawStatus) -> Result<()> {
        if raw == 0 {
            Ok(())
        } else {
            Err(Status(raw))
        }
    }
}

impl fmt::Debug for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Status({} {})", self.0, self.name())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fastly status {} ({})", self.0, self.name())
    }
}

impl std::error::Error for Status {}

/// Shorthand for results of hostcall wrappers.
pub type Result<T> = std::result::Result<T, Status>;

// ---------------------------------------------------------------------------------------------
// init
// ---------------------------------------------------------------------------------------------

/// The ABI version this binding speaks.
pub const ABI_VERSION: u64 = 1;

static INITIALIZED: AtomicBool = AtomicBool::new(false);

/// Calls `fastly_abi.init(1)` once per instance; later calls do nothing.
/// [`Request::downstream`] calls it too, so most guests never need to.
pub fn init() -> Result<()> {
    if INITIALIZED.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    Status::check(unsafe { sys::fastly_abi::init(ABI_VERSION) })
}

// ---------------------------------------------------------------------------------------------
// Buffer protocols
// ---------------------------------------------------------------------------------------------

/// Initial buffer for single-value getters (method, URI, header value). Deliberately small so
/// the `buflen` path is exercised by ordinary requests.
const SMALL_BUF: usize = 32;
/// Initial buffer for multi-value getters. Deliberately small, as above.
const MULTI_BUF: usize = 16;
/// Largest buffer the getters will grow to before giving up with `BUFLEN`.
const MAX_BUF: usize = 64 * 1024 * 1024;

/// Next buffer size after a `buflen`: what the host asked for, but at least double.
fn grow(current: usize, required: usize) -> Result<usize> {
    let next = required.max(current.saturating_mul(2)).max(1);
    if next > MAX_BUF {
        Err(Status::BUFLEN)
    } else {
        Ok(next)
    }
}

/// Runs a single-value getter `f(buf, buf_len, nwritten_out)`, growing the buffer on `buflen`.
fn get_bytes(mut f: impl FnMut(*mut u8, usize, *mut usize) -> sys::RawStatus) -> Result<Vec<u8>> {
    let mut buf: Vec<u8> = vec![0; SMALL_BUF];
    loop {
        let mut nwritten: usize = 0;
        let status = Status::check(f(buf.as_mut_ptr(), buf.len(), &mut nwritten));
        match status {
            Ok(()) => {
                buf.truncate(nwritten.min(buf.len()));
                return Ok(buf);
            }
            Err(Status::BUFLEN) => {
                let next = grow(buf.len(), nwritten)?;
                buf.resize(next, 0);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Runs a multi-value getter `f(buf, buf_len, cursor, ending_cursor_out, nwritten_out)` until
/// the host reports the end (ending cursor -1), collecting the NUL-terminated items.
///
/// Each call returns as many whole items as fit; if not even the first item fits the host
/// answers `buflen` with the length it needs, and the buffer grows.
fn get_multi(
    mut f: impl FnMut(*mut u8, usize, u32, *mut i64, *mut usize) -> sys::RawStatus,
) -> Result<Vec<Vec<u8>>> {
    let mut items = Vec::new();
    let mut buf: Vec<u8> = vec![0; MULTI_BUF];
    let mut cursor: u32 = 0;
    loop {
        let mut ending: i64 = -1;
        let mut nwritten: usize = 0;
        let status = f(
            buf.as_mut_ptr(),
            buf.len(),
            cursor,
            &mut ending,
            &mut nwritten,
        );
        match Status::check(status) {
            Ok(()) => {}
            Err(Status::BUFLEN) => {
                let next = grow(buf.len(), nwritten)?;
                buf.resize(next, 0);
                continue;
            }
            Err(e) => return Err(e),
        }
        let written = &buf[..nwritten.min(buf.len())];
        // Every item is followed by a NUL; an empty item (an empty header value) is kept.
        let mut rest = written;
        while !rest.is_empty() {
            match rest.iter().position(|&b| b == 0) {
                Some(i) => {
                    items.push(rest[..i].to_vec());
                    rest = &rest[i + 1..];
                }
                None => {
                    items.push(rest.to_vec());
                    rest = &[];
                }
            }
        }
        if ending < 0 {
            return Ok(items);
        }
        if ending <= cursor as i64 || ending > u32::MAX as i64 {
            // The host made no progress: stop instead of looping forever.
            return Err(Status::ERROR);
        }
        cursor = ending as u32;
    }
}

/// Turns `none` into `Ok(None)`.
fn optional<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Status::NONE) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Joins header values into the NUL-terminated list `header_values_set` takes.
fn nul_terminated<V: AsRef<[u8]>>(values: &[V]) -> Vec<u8> {
    let mut out = Vec::new();
    for v in values {
        out.extend_from_slice(v.as_ref());
        out.push(0);
    }
    out
}

/// Header names as strings (names are ASCII; anything else is replaced lossily).
fn names_to_strings(items: Vec<Vec<u8>>) -> Vec<String> {
    items
        .into_iter()
        .map(|n| String::from_utf8_lossy(&n).into_owned())
        .collect()
}

/// Builds an address from the octets a downstream address call wrote.
fn ip_from_octets(octets: &[u8; 16], n: usize) -> Result<IpAddr> {
    match n {
        4 => Ok(IpAddr::V4(Ipv4Addr::new(
            octets[0], octets[1], octets[2], octets[3],
        ))),
        16 => Ok(IpAddr::V6(Ipv6Addr::from(*octets))),
        _ => Err(Status::ERROR),
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP version
// ---------------------------------------------------------------------------------------------

/// An `http_version` enum value as the host reports it (unknown values are kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpVersion(pub u32);

impl HttpVersion {
    /// 0: HTTP/0.9.
    pub const HTTP_09: HttpVersion = HttpVersion(0);
    /// 1: HTTP/1.0.
    pub const HTTP_10: HttpVersion = HttpVersion(1);
    /// 2: HTTP/1.1.
    pub const HTTP_11: HttpVersion = HttpVersion(2);
    /// 3: HTTP/2.
    pub const H2: HttpVersion = HttpVersion(3);
    /// 4: HTTP/3.
    pub const H3: HttpVersion = HttpVersion(4);

    /// The protocol string, e.g. `"HTTP/1.1"`, or `"unknown"`.
    pub fn as_str(self) -> &'static str {
        match self.0 {
            0 => "HTTP/0.9",
            1 => "HTTP/1.0",
            2 => "HTTP/1.1",
            3 => "HTTP/2",
            4 => "HTTP/3",
            _ => "unknown",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

/// An HTTP request handle.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    handle: sys::Handle,
}

impl Request {
    /// Gets the downstream (client) request and its body; calls [`init`] first.
    pub fn downstream() -> Result<(Request, Body)> {
        init()?;
        let mut req = sys::INVALID_HANDLE;
        let mut body = sys::INVALID_HANDLE;
        Status::check(unsafe { sys::fastly_http_req::body_downstream_get(&mut req, &mut body) })?;
        Ok((Request { handle: req }, Body { handle: body }))
    }

    /// Creates a new, empty request.
    pub fn new() -> Result<Request> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe { sys::fastly_http_req::new(&mut h) })?;
        Ok(Request { handle: h })
    }

    /// Wraps a raw request handle.
    pub fn from_handle(handle: sys::Handle) -> Request {
        Request { handle }
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The request method, e.g. `"GET"`.
    pub fn method(&self) -> Result<String> {
        let h = self.handle;
        let bytes = get_bytes(|p, l, n| unsafe { sys::fastly_http_req::method_get(h, p, l, n) })?;
        String::from_utf8(bytes).map_err(|_| Status::ERROR)
    }

    /// Sets the request method.
    pub fn set_method(&mut self, method: &str) -> Result<()> {
        Status::check(unsafe {
            sys::fastly_http_req::method_set(self.handle, method.as_ptr(), method.len())
        })
    }

    /// The request URI exactly as the host returns it (absolute for the downstream request).
    pub fn uri(&self) -> Result<String> {
        let h = self.handle;
        let bytes = get_bytes(|p, l, n| unsafe { sys::fastly_http_req::uri_get(h, p, l, n) })?;
        String::from_utf8(bytes).map_err(|_| Status::ERROR)
    }

    /// Sets the request URI.
    pub fn set_uri(&mut self, uri: &str) -> Result<()> {
        Status::check(unsafe {
            sys::fastly_http_req::uri_set(self.handle, uri.as_ptr(), uri.len())
        })
    }

    /// The HTTP version.
    pub fn version(&self) -> Result<HttpVersion> {
        let mut v: u32 = 0;
        Status::check(unsafe { sys::fastly_http_req::version_get(self.handle, &mut v) })?;
        Ok(HttpVersion(v))
    }

    /// Sets the HTTP version.
    pub fn set_version(&mut self, version: HttpVersion) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_req::version_set(self.handle, version.0) })
    }

    /// All header names, each once.
    pub fn header_names(&self) -> Result<Vec<String>> {
        let h = self.handle;
        let items = get_multi(|p, l, c, e, n| unsafe {
            sys::fastly_http_req::header_names_get(h, p, l, c, e, n)
        })?;
        Ok(names_to_strings(items))
    }

    /// All values of header `name`, in order (empty if absent).
    pub fn header_values(&self, name: &str) -> Result<Vec<Vec<u8>>> {
        let h = self.handle;
        get_multi(|p, l, c, e, n| unsafe {
            sys::fastly_http_req::header_values_get(h, name.as_ptr(), name.len(), p, l, c, e, n)
        })
    }

    /// The first value of header `name`, or `None` if absent.
    pub fn header_value(&self, name: &str) -> Result<Option<Vec<u8>>> {
        let h = self.handle;
        optional(get_bytes(|p, l, n| unsafe {
            sys::fastly_http_req::header_value_get(h, name.as_ptr(), name.len(), p, l, n)
        }))
    }

    /// Replaces all values of header `name` with `values`.
    pub fn set_header_values<V: AsRef<[u8]>>(&mut self, name: &str, values: &[V]) -> Result<()> {
        let list = nul_terminated(values);
        Status::check(unsafe {
            sys::fastly_http_req::header_values_set(
                self.handle,
                name.as_ptr(),
                name.len(),
                list.as_ptr(),
                list.len(),
            )
        })
    }

    /// Sets header `name` to the single value `value`.
    pub fn insert_header(&mut self, name: &str, value: impl AsRef<[u8]>) -> Result<()> {
        let v = value.as_ref();
        Status::check(unsafe {
            sys::fastly_http_req::header_insert(
                self.handle,
                name.as_ptr(),
                name.len(),
                v.as_ptr(),
                v.len(),
            )
        })
    }

    /// Adds `value` to header `name`, keeping the existing values.
    pub fn append_header(&mut self, name: &str, value: impl AsRef<[u8]>) -> Result<()> {
        let v = value.as_ref();
        Status::check(unsafe {
            sys::fastly_http_req::header_append(
                self.handle,
                name.as_ptr(),
                name.len(),
                v.as_ptr(),
                v.len(),
            )
        })
    }

    /// Removes header `name`; returns false if it was absent.
    pub fn remove_header(&mut self, name: &str) -> Result<bool> {
        let r = Status::check(unsafe {
            sys::fastly_http_req::header_remove(self.handle, name.as_ptr(), name.len())
        });
        Ok(optional(r)?.is_some())
    }

    /// The client's IP address (only meaningful on the downstream request).
    pub fn client_ip_addr(&self) -> Result<IpAddr> {
        let mut octets = [0u8; 16];
        let mut n: usize = 0;
        Status::check(unsafe {
            sys::fastly_http_downstream::downstream_client_ip_addr(
                self.handle,
                octets.as_mut_ptr(),
                &mut n,
            )
        })?;
        ip_from_octets(&octets, n)
    }

    /// The server's IP address the client connected to (downstream request only).
    pub fn server_ip_addr(&self) -> Result<IpAddr> {
        let mut octets = [0u8; 16];
        let mut n: usize = 0;
        Status::check(unsafe {
            sys::fastly_http_downstream::downstream_server_ip_addr(
                self.handle,
                octets.as_mut_ptr(),
                &mut n,
            )
        })?;
        ip_from_octets(&octets, n)
    }

    /// Frees the request handle.
    pub fn close(self) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_req::close(self.handle) })
    }
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

/// An HTTP response handle.
#[derive(Debug, PartialEq, Eq)]
pub struct Response {
    handle: sys::Handle,
}

impl Response {
    /// Creates a new response (status 200, no headers).
    pub fn new() -> Result<Response> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe { sys::fastly_http_resp::new(&mut h) })?;
        Ok(Response { handle: h })
    }

    /// Wraps a raw response handle.
    pub fn from_handle(handle: sys::Handle) -> Response {
        Response { handle }
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The status code.
    pub fn status(&self) -> Result<u16> {
        let mut s: u16 = 0;
        Status::check(unsafe { sys::fastly_http_resp::status_get(self.handle, &mut s) })?;
        Ok(s)
    }

    /// Sets the status code.
    pub fn set_status(&mut self, status: u16) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_resp::status_set(self.handle, status) })
    }

    /// The HTTP version.
    pub fn version(&self) -> Result<HttpVersion> {
        let mut v: u32 = 0;
        Status::check(unsafe { sys::fastly_http_resp::version_get(self.handle, &mut v) })?;
        Ok(HttpVersion(v))
    }

    /// Sets the HTTP version.
    pub fn set_version(&mut self, version: HttpVersion) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_resp::version_set(self.handle, version.0) })
    }

    /// All header names, each once.
    pub fn header_names(&self) -> Result<Vec<String>> {
        let h = self.handle;
        let items = get_multi(|p, l, c, e, n| unsafe {
            sys::fastly_http_resp::header_names_get(h, p, l, c, e, n)
        })?;
        Ok(names_to_strings(items))
    }

    /// All values of header `name`, in order (empty if absent).
    pub fn header_values(&self, name: &str) -> Result<Vec<Vec<u8>>> {
        let h = self.handle;
        get_multi(|p, l, c, e, n| unsafe {
            sys::fastly_http_resp::header_values_get(h, name.as_ptr(), name.len(), p, l, c, e, n)
        })
    }

    /// The first value of header `name`, or `None` if absent.
    pub fn header_value(&self, name: &str) -> Result<Option<Vec<u8>>> {
        let h = self.handle;
        optional(get_bytes(|p, l, n| unsafe {
            sys::fastly_http_resp::header_value_get(h, name.as_ptr(), name.len(), p, l, n)
        }))
    }

    /// Replaces all values of header `name` with `values`.
    pub fn set_header_values<V: AsRef<[u8]>>(&mut self, name: &str, values: &[V]) -> Result<()> {
        let list = nul_terminated(values);
        Status::check(unsafe {
            sys::fastly_http_resp::header_values_set(
                self.handle,
                name.as_ptr(),
                name.len(),
                list.as_ptr(),
                list.len(),
            )
        })
    }

    /// Sets header `name` to the single value `value`.
    pub fn insert_header(&mut self, name: &str, value: impl AsRef<[u8]>) -> Result<()> {
        let v = value.as_ref();
        Status::check(unsafe {
            sys::fastly_http_resp::header_insert(
                self.handle,
                name.as_ptr(),
                name.len(),
                v.as_ptr(),
                v.len(),
            )
        })
    }

    /// Adds `value` to header `name`, keeping the existing values.
    pub fn append_header(&mut self, name: &str, value: impl AsRef<[u8]>) -> Result<()> {
        let v = value.as_ref();
        Status::check(unsafe {
            sys::fastly_http_resp::header_append(
                self.handle,
                name.as_ptr(),
                name.len(),
                v.as_ptr(),
                v.len(),
            )
        })
    }

    /// Removes header `name`; returns false if it was absent.
    pub fn remove_header(&mut self, name: &str) -> Result<bool> {
        let r = Status::check(unsafe {
            sys::fastly_http_resp::header_remove(self.handle, name.as_ptr(), name.len())
        });
        Ok(optional(r)?.is_some())
    }

    /// Sends the response downstream with the whole of `body` (non-streaming).
    pub fn send(self, body: Body) -> Result<()> {
        Status::check(unsafe {
            sys::fastly_http_resp::send_downstream(self.handle, body.handle, 0)
        })
    }

    /// Sends the response head downstream now and returns the body as a stream: what is
    /// written to it afterwards goes to the client, and [`Body::close`] ends the response.
    pub fn send_streaming(self, body: Body) -> Result<Body> {
        Status::check(unsafe {
            sys::fastly_http_resp::send_downstream(self.handle, body.handle, 1)
        })?;
        Ok(body)
    }

    /// Frees the response handle without sending it.
    pub fn close(self) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_resp::close(self.handle) })
    }
}

// ---------------------------------------------------------------------------------------------
// Body
// ---------------------------------------------------------------------------------------------

/// A body handle: a byte stream the guest reads from or writes to.
#[derive(Debug, PartialEq, Eq)]
pub struct Body {
    handle: sys::Handle,
}

impl Body {
    /// Size of each read [`Body::read_all`] makes.
    pub const READ_CHUNK: usize = 8 * 1024;

    /// Creates a new, empty body.
    pub fn new() -> Result<Body> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe { sys::fastly_http_body::new(&mut h) })?;
        Ok(Body { handle: h })
    }

    /// Wraps a raw body handle.
    pub fn from_handle(handle: sys::Handle) -> Body {
        Body { handle }
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// Reads up to `buf.len()` bytes into `buf`; returns 0 at the end of the body.
    pub fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
        let mut n: usize = 0;
        Status::check(unsafe {
            sys::fastly_http_body::read(self.handle, buf.as_mut_ptr(), buf.len(), &mut n)
        })?;
        Ok(n.min(buf.len()))
    }

    /// Reads the rest of the body, [`Body::READ_CHUNK`] bytes at a time.
    pub fn read_all(&mut self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut chunk = vec![0u8; Self::READ_CHUNK];
        loop {
            let n = self.read(&mut chunk)?;
            if n == 0 {
                return Ok(out);
            }
            out.extend_from_slice(&chunk[..n]);
        }
    }

    /// Writes some of `bytes` at the back of the body; returns how many were taken.
    pub fn write(&mut self, bytes: &[u8]) -> Result<usize> {
        let mut n: usize = 0;
        Status::check(unsafe {
            sys::fastly_http_body::write(self.handle, bytes.as_ptr(), bytes.len(), 0, &mut n)
        })?;
        Ok(n)
    }

    /// Writes all of `bytes` at the back of the body, calling write until everything is taken.
    pub fn write_all(&mut self, mut bytes: &[u8]) -> Result<()> {
        while !bytes.is_empty() {
            let n = self.write(bytes)?;
            if n == 0 || n > bytes.len() {
                return Err(Status::ERROR);
            }
            bytes = &bytes[n..];
        }
        Ok(())
    }

    /// Writes all of `bytes` at the front of the body (before what it already holds).
    pub fn write_front(&mut self, bytes: &[u8]) -> Result<()> {
        let mut n: usize = 0;
        Status::check(unsafe {
            sys::fastly_http_body::write(self.handle, bytes.as_ptr(), bytes.len(), 1, &mut n)
        })?;
        if n == bytes.len() {
            Ok(())
        } else {
            Err(Status::ERROR)
        }
    }

    /// Moves all of `other` onto the end of this body; `other` is consumed.
    pub fn append(&mut self, other: Body) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_body::append(self.handle, other.handle) })
    }

    /// The body's length if the host knows it, else `None`.
    pub fn known_length(&self) -> Result<Option<u64>> {
        let mut len: u64 = 0;
        optional(
            Status::check(unsafe { sys::fastly_http_body::known_length(self.handle, &mut len) })
                .map(|_| len),
        )
    }

    /// Frees the body; for a streaming body this ends the response successfully.
    pub fn close(self) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_body::close(self.handle) })
    }
}

// ---------------------------------------------------------------------------------------------
// Log
// ---------------------------------------------------------------------------------------------

/// A named log endpoint.
#[derive(Debug, PartialEq, Eq)]
pub struct Log {
    handle: sys::Handle,
}

impl Log {
    /// Looks up the log endpoint called `name`.
    pub fn endpoint(name: &str) -> Result<Log> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe { sys::fastly_log::endpoint_get(name.as_ptr(), name.len(), &mut h) })?;
        Ok(Log { handle: h })
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// Writes one message (one log line) to the endpoint; returns the bytes taken.
    pub fn write(&self, msg: impl AsRef<[u8]>) -> Result<usize> {
        let m = msg.as_ref();
        let mut n: usize = 0;
        Status::check(unsafe { sys::fastly_log::write(self.handle, m.as_ptr(), m.len(), &mut n) })?;
        Ok(n)
    }
}
