//! The version and header calls that requests and responses share: the same signatures in two
//! import modules, so one implementation takes the module's functions as a table.

use super::{get_bytes, get_multi, names_to_strings, nul_terminated, optional, sys, HttpVersion, Result, Status};
use sys::{Handle, RawStatus};

type MultiGet = unsafe extern "C" fn(Handle, *mut u8, usize, u32, *mut i64, *mut usize) -> RawStatus;
type NamedMultiGet =
    unsafe extern "C" fn(Handle, *const u8, usize, *mut u8, usize, u32, *mut i64, *mut usize) -> RawStatus;
type NamedGet = unsafe extern "C" fn(Handle, *const u8, usize, *mut u8, usize, *mut usize) -> RawStatus;
type NamedSet = unsafe extern "C" fn(Handle, *const u8, usize, *const u8, usize) -> RawStatus;

/// One import module's version and header functions.
pub(crate) struct HeaderCalls {
    version_get: unsafe extern "C" fn(Handle, *mut u32) -> RawStatus,
    version_set: unsafe extern "C" fn(Handle, u32) -> RawStatus,
    names_get: MultiGet,
    value_get: NamedGet,
    values_get: NamedMultiGet,
    values_set: NamedSet,
    insert: NamedSet,
    append: NamedSet,
    remove: unsafe extern "C" fn(Handle, *const u8, usize) -> RawStatus,
}

/// `fastly_http_req`'s.
pub(crate) const REQUEST: HeaderCalls = HeaderCalls {
    version_get: sys::fastly_http_req::version_get,
    version_set: sys::fastly_http_req::version_set,
    names_get: sys::fastly_http_req::header_names_get,
    value_get: sys::fastly_http_req::header_value_get,
    values_get: sys::fastly_http_req::header_values_get,
    values_set: sys::fastly_http_req::header_values_set,
    insert: sys::fastly_http_req::header_insert,
    append: sys::fastly_http_req::header_append,
    remove: sys::fastly_http_req::header_remove,
};

/// `fastly_http_resp`'s.
pub(crate) const RESPONSE: HeaderCalls = HeaderCalls {
    version_get: sys::fastly_http_resp::version_get,
    version_set: sys::fastly_http_resp::version_set,
    names_get: sys::fastly_http_resp::header_names_get,
    value_get: sys::fastly_http_resp::header_value_get,
    values_get: sys::fastly_http_resp::header_values_get,
    values_set: sys::fastly_http_resp::header_values_set,
    insert: sys::fastly_http_resp::header_insert,
    append: sys::fastly_http_resp::header_append,
    remove: sys::fastly_http_resp::header_remove,
};

impl HeaderCalls {
    pub(crate) fn version(&self, h: Handle) -> Result<HttpVersion> {
        let mut v: u32 = 0;
        Status::check(unsafe { (self.version_get)(h, &mut v) })?;
        Ok(HttpVersion(v))
    }

    pub(crate) fn set_version(&self, h: Handle, version: HttpVersion) -> Result<()> {
        Status::check(unsafe { (self.version_set)(h, version.0) })
    }

    pub(crate) fn names(&self, h: Handle) -> Result<Vec<String>> {
        let items = get_multi(|p, l, c, e, n| unsafe { (self.names_get)(h, p, l, c, e, n) })?;
        Ok(names_to_strings(items))
    }

    pub(crate) fn values(&self, h: Handle, name: &str) -> Result<Vec<Vec<u8>>> {
        get_multi(|p, l, c, e, n| unsafe { (self.values_get)(h, name.as_ptr(), name.len(), p, l, c, e, n) })
    }

    pub(crate) fn value(&self, h: Handle, name: &str) -> Result<Option<Vec<u8>>> {
        optional(get_bytes(|p, l, n| unsafe { (self.value_get)(h, name.as_ptr(), name.len(), p, l, n) }))
    }

    pub(crate) fn set_values<V: AsRef<[u8]>>(&self, h: Handle, name: &str, values: &[V]) -> Result<()> {
        let list = nul_terminated(values);
        Status::check(unsafe { (self.values_set)(h, name.as_ptr(), name.len(), list.as_ptr(), list.len()) })
    }

    pub(crate) fn insert(&self, h: Handle, name: &str, value: &[u8]) -> Result<()> {
        Status::check(unsafe { (self.insert)(h, name.as_ptr(), name.len(), value.as_ptr(), value.len()) })
    }

    pub(crate) fn append(&self, h: Handle, name: &str, value: &[u8]) -> Result<()> {
        Status::check(unsafe { (self.append)(h, name.as_ptr(), name.len(), value.as_ptr(), value.len()) })
    }

    /// False if the header was absent.
    pub(crate) fn remove(&self, h: Handle, name: &str) -> Result<bool> {
        let r = Status::check(unsafe { (self.remove)(h, name.as_ptr(), name.len()) });
        Ok(optional(r)?.is_some())
    }
}
