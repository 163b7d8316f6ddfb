//! Ledge's own Rust guest binding for the Fastly Compute host ABI.
//!
//! Written for Ledge from the public witx description of the ABI (see `abi/README.md`).
//! It needs nothing but `std` for `wasm32-wasi`, so it builds with a bare `rustc`:
//! include it in a guest with
//!
//! ```ignore
//! #[path = "../../../../abi/rust/fastly_abi/mod.rs"]
//! mod fastly_abi;
//! ```
//!
//! Two layers:
//! * [`sys`] — the raw imports, one `extern "C"` block per import module, with core-Wasm
//!   signatures that match the witx lowering exactly (every call returns an `i32` status,
//!   `list`/`string` become a pointer and a length, results come back through trailing
//!   out-pointers, `u64` is `i64`).
//! * thin safe wrappers that turn statuses into `Result<_, Status>` and implement the
//!   buffer-growing and multi-value cursor protocols: [`Request`], [`Response`], [`Body`]
//!   (`http.rs`, `body.rs`), backend requests, pending requests, dynamic backends and
//!   [`async_io`] (`backend.rs`), [`ConfigStore`], [`Dictionary`], [`SecretStore`]
//!   (`stores.rs`), [`KvStore`] (`kv.rs`), [`Acl`], [`RateCounter`] and [`PenaltyBox`]
//!   (`platform.rs`), the core and HTTP caches and purging ([`cache`]), [`Log`] (`log.rs`), [`geo`] (`geo.rs`: `fastly_geo.lookup`), and Ledge's own [`crypto`] (`crypto.rs`: the
//!   `ledge_crypto` module with digests, HMACs, signature checks, random bytes and JWT checks).
//!
//! Handles are plain `u32` values owned by the host. The wrappers do not close anything on
//! drop: a guest closes what it wants closed explicitly, and everything else is released when
//! the sandbox ends.

#![allow(dead_code)]

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::atomic::{AtomicBool, Ordering};

pub mod sys;
pub mod sys_platform;

mod backend;
mod body;
pub mod cache;
pub mod crypto;
pub mod geo;
mod headers;
mod http;
mod kv;
mod log;
mod platform;
mod stores;

pub use backend::{
    async_io, Backend, DynamicBackend, PendingRequest, SendError, SendErrorTag, SendResult,
};
pub use body::Body;
pub use http::{handoff_client_websocket, Request, Response};
pub use kv::{InsertMode, KvEntry, KvError, KvInsert, KvStore};
pub use log::Log;
pub use platform::{Acl, PenaltyBox, RateCounter};
pub use stores::{ConfigStore, Dictionary, Secret, SecretStore};

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
