//! The core cache (`fastly_cache`), the HTTP cache (`fastly_http_cache`) and purging
//! (`fastly_purge`).

use super::sys_platform::{
    fastly_cache, fastly_http_cache, fastly_purge, CacheWriteOptions, HttpCacheWriteOptions,
};
use super::{get_bytes, sys, Body, Request, Response, Result, Status};

/// `cache_lookup_state` bits.
pub mod state {
    pub const FOUND: u32 = 1;
    pub const USABLE: u32 = 2;
    pub const STALE: u32 = 4;
    pub const MUST_INSERT_OR_UPDATE: u32 = 8;
}

const WRITE_SWR: u32 = 16;
const WRITE_SURROGATE_KEYS: u32 = 32;
const WRITE_LENGTH: u32 = 64;
const WRITE_USER_METADATA: u32 = 128;

/// How an object is stored in the core cache.
#[derive(Clone, Debug, Default)]
pub struct CacheWrite<'a> {
    pub max_age_ns: u64,
    pub stale_while_revalidate_ns: Option<u64>,
    /// Space-separated surrogate keys.
    pub surrogate_keys: Option<&'a str>,
    pub user_metadata: Option<&'a [u8]>,
}

impl<'a> CacheWrite<'a> {
    /// The raw options and mask for a value of `length` bytes.
    fn raw(&self, length: u64) -> (u32, CacheWriteOptions) {
        let mut mask = WRITE_LENGTH;
        let mut o = CacheWriteOptions {
            max_age_ns: self.max_age_ns,
            request_headers: 0,
            vary_rule_ptr: std::ptr::null(),
            vary_rule_len: 0,
            _pad: 0,
            initial_age_ns: 0,
            stale_while_revalidate_ns: 0,
            surrogate_keys_ptr: std::ptr::null(),
            surrogate_keys_len: 0,
            length,
            user_metadata_ptr: std::ptr::null(),
            user_metadata_len: 0,
            edge_max_age_ns: 0,
            service_id: std::ptr::null(),
            service_id_len: 0,
        };
        if let Some(swr) = self.stale_while_revalidate_ns {
            mask |= WRITE_SWR;
            o.stale_while_revalidate_ns = swr;
        }
        if let Some(k) = self.surrogate_keys {
            mask |= WRITE_SURROGATE_KEYS;
            o.surrogate_keys_ptr = k.as_ptr();
            o.surrogate_keys_len = k.len();
        }
        if let Some(m) = self.user_metadata {
            mask |= WRITE_USER_METADATA;
            o.user_metadata_ptr = m.as_ptr();
            o.user_metadata_len = m.len();
        }
        (mask, o)
    }
}

/// A core-cache handle: the result of a lookup, possibly with the obligation to insert.
#[derive(Debug, PartialEq, Eq)]
pub struct CacheEntry {
    handle: sys::Handle,
}

/// Writes all of `value` into a fresh body handle and closes it (finishing the cached object).
fn fill(body: sys::Handle, value: &[u8]) -> Result<()> {
    let mut b = Body::from_handle(body);
    b.write_all(value)?;
    b.close()
}

/// The core cache.
pub struct CoreCache;

impl CoreCache {
    /// Looks `key` up without collapsing; `None` when nothing usable is stored.
    pub fn lookup(key: &[u8]) -> Result<Option<CacheEntry>> {
        let mut h = sys::INVALID_HANDLE;
        let opts: [u32; 3] = [0; 3];
        Status::check(unsafe { fastly_cache::lookup(key.as_ptr(), key.len(), 0, opts.as_ptr(), &mut h) })?;
        let entry = CacheEntry { handle: h };
        if entry.state()? & state::FOUND == 0 {
            entry.close()?;
            return Ok(None);
        }
        Ok(Some(entry))
    }

    /// Stores `value` under `key` unconditionally.
    pub fn insert(key: &[u8], value: &[u8], options: &CacheWrite) -> Result<()> {
        let (mask, o) = options.raw(value.len() as u64);
        let mut body = sys::INVALID_HANDLE;
        Status::check(unsafe { fastly_cache::insert(key.as_ptr(), key.len(), mask, &o, &mut body) })?;
        fill(body, value)
    }

    /// Looks `key` up with request collapsing: the entry's state says whether this client must
    /// insert ([`state::MUST_INSERT_OR_UPDATE`]); concurrent lookups wait for that insert.
    pub fn transaction_lookup(key: &[u8]) -> Result<CacheEntry> {
        let mut h = sys::INVALID_HANDLE;
        let opts: [u32; 3] = [0; 3];
        Status::check(unsafe {
            fastly_cache::transaction_lookup(key.as_ptr(), key.len(), 0, opts.as_ptr(), &mut h)
        })?;
        Ok(CacheEntry { handle: h })
    }
}

impl CacheEntry {
    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The `cache_lookup_state` bits.
    pub fn state(&self) -> Result<u32> {
        let mut s: u32 = 0;
        Status::check(unsafe { fastly_cache::get_state(self.handle, &mut s) })?;
        Ok(s)
    }

    /// The whole cached value.
    pub fn body(&self) -> Result<Vec<u8>> {
        let mut b = sys::INVALID_HANDLE;
        let range: [u64; 2] = [0; 2];
        Status::check(unsafe { fastly_cache::get_body(self.handle, 0, range.as_ptr(), &mut b) })?;
        Body::from_handle(b).read_all()
    }

    /// How often the object was served.
    pub fn hits(&self) -> Result<u64> {
        let mut v: u64 = 0;
        Status::check(unsafe { fastly_cache::get_hits(self.handle, &mut v) })?;
        Ok(v)
    }

    /// The object's age in nanoseconds.
    pub fn age_ns(&self) -> Result<u64> {
        let mut v: u64 = 0;
        Status::check(unsafe { fastly_cache::get_age_ns(self.handle, &mut v) })?;
        Ok(v)
    }

    /// The object's max age in nanoseconds.
    pub fn max_age_ns(&self) -> Result<u64> {
        let mut v: u64 = 0;
        Status::check(unsafe { fastly_cache::get_max_age_ns(self.handle, &mut v) })?;
        Ok(v)
    }

    /// The object's length in bytes.
    pub fn length(&self) -> Result<u64> {
        let mut v: u64 = 0;
        Status::check(unsafe { fastly_cache::get_length(self.handle, &mut v) })?;
        Ok(v)
    }

    /// The object's user metadata.
    pub fn user_metadata(&self) -> Result<Vec<u8>> {
        let h = self.handle;
        get_bytes(|p, l, n| unsafe { fastly_cache::get_user_metadata(h, p, l, n) })
    }

    /// Fulfils this transaction's obligation by storing `value`.
    pub fn insert(&self, value: &[u8], options: &CacheWrite) -> Result<()> {
        let (mask, o) = options.raw(value.len() as u64);
        let mut body = sys::INVALID_HANDLE;
        Status::check(unsafe { fastly_cache::transaction_insert(self.handle, mask, &o, &mut body) })?;
        fill(body, value)
    }

    /// Gives up this transaction's obligation (another waiting client gets it).
    pub fn cancel(&self) -> Result<()> {
        Status::check(unsafe { fastly_cache::transaction_cancel(self.handle) })
    }

    /// Releases the handle.
    pub fn close(self) -> Result<()> {
        Status::check(unsafe { fastly_cache::close(self.handle) })
    }
}

/// An HTTP-cache transaction for one request.
#[derive(Debug, PartialEq, Eq)]
pub struct HttpCacheTransaction {
    handle: sys::Handle,
}

impl HttpCacheTransaction {
    /// Whether the request may use the HTTP cache (GET or HEAD).
    pub fn is_request_cacheable(req: &Request) -> Result<bool> {
        let mut v: u32 = 0;
        Status::check(unsafe { fastly_http_cache::is_request_cacheable(req.handle(), &mut v) })?;
        Ok(v == 1)
    }

    /// Looks `req` up with request collapsing (the request is not consumed).
    pub fn lookup(req: &Request) -> Result<HttpCacheTransaction> {
        let mut h = sys::INVALID_HANDLE;
        let opts: [u32; 4] = [0; 4];
        Status::check(unsafe {
            fastly_http_cache::transaction_lookup(req.handle(), 0, opts.as_ptr(), &mut h)
        })?;
        Ok(HttpCacheTransaction { handle: h })
    }

    /// The `cache_lookup_state` bits.
    pub fn state(&self) -> Result<u32> {
        let mut s: u32 = 0;
        Status::check(unsafe { fastly_http_cache::get_state(self.handle, &mut s) })?;
        Ok(s)
    }

    /// How often the found response was served.
    pub fn hits(&self) -> Result<u64> {
        let mut v: u64 = 0;
        Status::check(unsafe { fastly_http_cache::get_hits(self.handle, &mut v) })?;
        Ok(v)
    }

    /// The request to send to the backend to fill this entry.
    pub fn suggested_backend_request(&self) -> Result<Request> {
        let mut r = sys::INVALID_HANDLE;
        Status::check(unsafe { fastly_http_cache::get_suggested_backend_request(self.handle, &mut r) })?;
        Ok(Request::from_handle(r))
    }

    /// The stored response and its body.
    pub fn found_response(&self) -> Result<(Response, Body)> {
        let mut r = sys::INVALID_HANDLE;
        let mut b = sys::INVALID_HANDLE;
        Status::check(unsafe { fastly_http_cache::get_found_response(self.handle, 1, &mut r, &mut b) })?;
        Ok((Response::from_handle(r), Body::from_handle(b)))
    }

    /// Stores `resp` with `body_bytes` for `max_age_ns`, tagged with `surrogate_keys`.
    pub fn insert(
        &self,
        resp: Response,
        body_bytes: &[u8],
        max_age_ns: u64,
        surrogate_keys: Option<&str>,
    ) -> Result<()> {
        let mut mask = 32; // length
        let mut o = HttpCacheWriteOptions {
            max_age_ns,
            vary_rule_ptr: std::ptr::null(),
            vary_rule_len: 0,
            initial_age_ns: 0,
            stale_while_revalidate_ns: 0,
            surrogate_keys_ptr: std::ptr::null(),
            surrogate_keys_len: 0,
            length: body_bytes.len() as u64,
        };
        if let Some(k) = surrogate_keys {
            mask |= 16;
            o.surrogate_keys_ptr = k.as_ptr();
            o.surrogate_keys_len = k.len();
        }
        let mut body = sys::INVALID_HANDLE;
        Status::check(unsafe {
            fastly_http_cache::transaction_insert(self.handle, resp.handle(), mask, &o, &mut body)
        })?;
        fill(body, body_bytes)
    }

    /// Gives up the obligation to provide a response.
    pub fn abandon(&self) -> Result<()> {
        Status::check(unsafe { fastly_http_cache::transaction_abandon(self.handle) })
    }

    /// Releases the handle.
    pub fn close(self) -> Result<()> {
        Status::check(unsafe { fastly_http_cache::close(self.handle) })
    }
}

/// Purges everything in the cache tagged with `surrogate_key`.
pub fn purge_surrogate_key(surrogate_key: &str) -> Result<()> {
    let opts: [u32; 3] = [0; 3];
    Status::check(unsafe {
        fastly_purge::purge_surrogate_key(surrogate_key.as_ptr(), surrogate_key.len(), 0, opts.as_ptr())
    })
}

/// How `send` treats the readthrough cache for one request (`cache_override_v2_set`).
#[derive(Clone, Debug, Default)]
pub struct CacheOverride<'a> {
    /// Never use the cache for this request.
    pub pass: bool,
    /// Store the response for this many seconds, whatever its headers say.
    pub ttl_sec: Option<u32>,
    /// Serve a stale response this many seconds while it is refreshed.
    pub stale_while_revalidate_sec: Option<u32>,
    /// Space-separated surrogate keys to tag the stored response with.
    pub surrogate_keys: Option<&'a str>,
}

impl<'a> CacheOverride<'a> {
    /// Applies this override to `req`.
    pub fn apply(&self, req: &mut Request) -> Result<()> {
        let mut tag = 0;
        if self.pass {
            tag |= 1;
        }
        if self.ttl_sec.is_some() {
            tag |= 2;
        }
        if self.stale_while_revalidate_sec.is_some() {
            tag |= 4;
        }
        let keys = self.surrogate_keys.unwrap_or("");
        Status::check(unsafe {
            super::sys_platform::fastly_http_req_cache::cache_override_v2_set(
                req.handle(),
                tag,
                self.ttl_sec.unwrap_or(0),
                self.stale_while_revalidate_sec.unwrap_or(0),
                keys.as_ptr(),
                keys.len(),
            )
        })
    }
}
