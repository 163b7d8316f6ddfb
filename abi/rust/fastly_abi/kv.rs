//! KV stores (`fastly_kv_store`): lookups, inserts with modes, metadata, TTL and generation
//! match, deletes and listings. Each operation starts in the background and is collected at
//! once; the outcome comes back as a [`KvError`] next to the status.

use super::sys_platform::{fastly_kv_store as raw, KvInsertConfig, KvListConfig};
use super::{grow, sys, Body, Result, Status};

/// A `kv_error` value: how a KV operation went (`OK` when it succeeded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KvError(pub u32);

impl KvError {
    pub const OK: KvError = KvError(1);
    pub const BAD_REQUEST: KvError = KvError(2);
    pub const NOT_FOUND: KvError = KvError(3);
    pub const PRECONDITION_FAILED: KvError = KvError(4);
    pub const PAYLOAD_TOO_LARGE: KvError = KvError(5);
    pub const INTERNAL_ERROR: KvError = KvError(6);
    pub const TOO_MANY_REQUESTS: KvError = KvError(7);

    /// The witx name of this value.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; 8] = [
            "uninitialized",
            "ok",
            "bad_request",
            "not_found",
            "precondition_failed",
            "payload_too_large",
            "internal_error",
            "too_many_requests",
        ];
        NAMES.get(self.0 as usize).copied().unwrap_or("unknown")
    }
}

/// How an insert combines with a value already stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsertMode {
    Overwrite = 0,
    Add = 1,
    Append = 2,
    Prepend = 3,
}

/// Options of [`KvStore::insert`].
#[derive(Clone, Debug)]
pub struct KvInsert<'a> {
    pub mode: InsertMode,
    pub metadata: Option<&'a [u8]>,
    pub ttl_sec: Option<u32>,
    pub if_generation_match: Option<u64>,
}

impl<'a> Default for KvInsert<'a> {
    fn default() -> Self {
        KvInsert {
            mode: InsertMode::Overwrite,
            metadata: None,
            ttl_sec: None,
            if_generation_match: None,
        }
    }
}

/// A value found by [`KvStore::lookup`].
#[derive(Debug)]
pub struct KvEntry {
    pub body: Body,
    pub metadata: Vec<u8>,
    pub generation: u64,
}

/// An open KV store.
#[derive(Debug, PartialEq, Eq)]
pub struct KvStore {
    handle: sys::Handle,
}

const METADATA: u32 = 8;
const TTL: u32 = 16;
const IF_GENERATION_MATCH: u32 = 32;
const LIST_CURSOR: u32 = 2;
const LIST_LIMIT: u32 = 4;
const LIST_PREFIX: u32 = 8;

impl KvStore {
    /// Opens the KV store called `name` (an unknown name is `inval`).
    pub fn open(name: &str) -> Result<KvStore> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe { raw::open(name.as_ptr(), name.len(), &mut h) })?;
        Ok(KvStore { handle: h })
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// Looks `key` up: the entry when found, else the kv_error (e.g. `NOT_FOUND`).
    pub fn lookup(&self, key: &str) -> Result<std::result::Result<KvEntry, KvError>> {
        let mut pending = sys::INVALID_HANDLE;
        let config: u32 = 0;
        Status::check(unsafe {
            raw::lookup(self.handle, key.as_ptr(), key.len(), 0, &config, &mut pending)
        })?;
        let mut meta: Vec<u8> = vec![0; 16];
        loop {
            let mut body = sys::INVALID_HANDLE;
            let mut nwritten: usize = 0;
            let mut generation: u64 = 0;
            let mut err: u32 = 0;
            let st = Status::check(unsafe {
                raw::lookup_wait_v2(
                    pending,
                    &mut body,
                    meta.as_mut_ptr(),
                    meta.len(),
                    &mut nwritten,
                    &mut generation,
                    &mut err,
                )
            });
            match st {
                Ok(()) => {}
                Err(Status::BUFLEN) => {
                    let next = grow(meta.len(), nwritten)?;
                    meta.resize(next, 0);
                    continue;
                }
                Err(e) => return Err(e),
            }
            if KvError(err) != KvError::OK {
                return Ok(Err(KvError(err)));
            }
            meta.truncate(nwritten.min(meta.len()));
            return Ok(Ok(KvEntry {
                body: Body::from_handle(body),
                metadata: meta,
                generation,
            }));
        }
    }

    /// Stores `value` under `key` with `options`; answers the kv_error (`OK` when stored,
    /// `PRECONDITION_FAILED` when an add found a value or a generation did not match).
    pub fn insert(&self, key: &str, value: &[u8], options: &KvInsert) -> Result<KvError> {
        let mut body = Body::new()?;
        body.write_all(value)?;
        let mut mask = 0;
        let mut config = KvInsertConfig {
            mode: options.mode as u32,
            unused: 0,
            metadata: std::ptr::null(),
            metadata_len: 0,
            time_to_live_sec: 0,
            _pad: 0,
            if_generation_match: 0,
        };
        if let Some(m) = options.metadata {
            mask |= METADATA;
            config.metadata = m.as_ptr();
            config.metadata_len = m.len() as u32;
        }
        if let Some(t) = options.ttl_sec {
            mask |= TTL;
            config.time_to_live_sec = t;
        }
        if let Some(g) = options.if_generation_match {
            mask |= IF_GENERATION_MATCH;
            config.if_generation_match = g;
        }
        let mut pending = sys::INVALID_HANDLE;
        Status::check(unsafe {
            raw::insert(
                self.handle,
                key.as_ptr(),
                key.len(),
                body.handle(),
                mask,
                &config,
                &mut pending,
            )
        })?;
        let mut err: u32 = 0;
        Status::check(unsafe { raw::insert_wait(pending, &mut err) })?;
        Ok(KvError(err))
    }

    /// Deletes `key`; answers the kv_error (`NOT_FOUND` when there was nothing).
    pub fn delete(&self, key: &str) -> Result<KvError> {
        let mut pending = sys::INVALID_HANDLE;
        let config: u32 = 0;
        Status::check(unsafe {
            raw::delete(self.handle, key.as_ptr(), key.len(), 0, &config, &mut pending)
        })?;
        let mut err: u32 = 0;
        Status::check(unsafe { raw::delete_wait(pending, &mut err) })?;
        Ok(KvError(err))
    }

    /// Lists keys (optionally under `prefix`, after `cursor`, at most `limit`): the JSON listing
    /// `{"data": [...], "meta": {...}}` the host writes, or the kv_error.
    pub fn list(
        &self,
        prefix: Option<&str>,
        cursor: Option<&str>,
        limit: Option<u32>,
    ) -> Result<std::result::Result<Vec<u8>, KvError>> {
        let mut mask = 0;
        let mut config = KvListConfig {
            mode: 0,
            cursor: std::ptr::null(),
            cursor_len: 0,
            limit: 0,
            prefix: std::ptr::null(),
            prefix_len: 0,
        };
        if let Some(p) = prefix {
            mask |= LIST_PREFIX;
            config.prefix = p.as_ptr();
            config.prefix_len = p.len() as u32;
        }
        if let Some(c) = cursor {
            mask |= LIST_CURSOR;
            config.cursor = c.as_ptr();
            config.cursor_len = c.len() as u32;
        }
        if let Some(l) = limit {
            mask |= LIST_LIMIT;
            config.limit = l;
        }
        let mut pending = sys::INVALID_HANDLE;
        Status::check(unsafe { raw::list(self.handle, mask, &config, &mut pending) })?;
        let mut body = sys::INVALID_HANDLE;
        let mut err: u32 = 0;
        Status::check(unsafe { raw::list_wait(pending, &mut body, &mut err) })?;
        if KvError(err) != KvError::OK {
            return Ok(Err(KvError(err)));
        }
        Ok(Ok(Body::from_handle(body).read_all()?))
    }
}
