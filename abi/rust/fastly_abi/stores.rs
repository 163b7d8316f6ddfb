//! Read-only stores configured for the service: config stores, dictionaries and secret stores.

use super::{get_bytes, optional, sys, Result, Status};

/// Copies a UTF-8 value through a single-value getter; `None` when the host answers `none`.
fn value(f: impl FnMut(*mut u8, usize, *mut usize) -> sys::RawStatus) -> Result<Option<String>> {
    match optional(get_bytes(f))? {
        Some(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| Status::ERROR),
        None => Ok(None),
    }
}

/// An open config store (`fastly_config_store`).
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigStore {
    handle: sys::Handle,
}

impl ConfigStore {
    /// Opens the config store called `name` (an unknown name is an error, `badf` or `inval`).
    pub fn open(name: &str) -> Result<ConfigStore> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe {
            sys::fastly_config_store::open(name.as_ptr(), name.len(), &mut h)
        })?;
        Ok(ConfigStore { handle: h })
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The value stored under `key`, or `None` if there is none.
    pub fn get(&self, key: &str) -> Result<Option<String>> {
        let h = self.handle;
        value(|p, l, n| unsafe {
            sys::fastly_config_store::get(h, key.as_ptr(), key.len(), p, l, n)
        })
    }
}

/// An open dictionary (`fastly_dictionary`, the older form of config stores).
#[derive(Debug, PartialEq, Eq)]
pub struct Dictionary {
    handle: sys::Handle,
}

impl Dictionary {
    /// Opens the dictionary called `name` (an unknown name is `badf`).
    pub fn open(name: &str) -> Result<Dictionary> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe { sys::fastly_dictionary::open(name.as_ptr(), name.len(), &mut h) })?;
        Ok(Dictionary { handle: h })
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The value stored under `key`, or `None` if there is none.
    pub fn get(&self, key: &str) -> Result<Option<String>> {
        let h = self.handle;
        value(|p, l, n| unsafe {
            sys::fastly_dictionary::get(h, key.as_ptr(), key.len(), p, l, n)
        })
    }
}

/// An open secret store (`fastly_secret_store`).
#[derive(Debug, PartialEq, Eq)]
pub struct SecretStore {
    handle: sys::Handle,
}

impl SecretStore {
    /// Opens the secret store called `name`; `Ok(None)` if there is no such store.
    pub fn open(name: &str) -> Result<Option<SecretStore>> {
        let mut h = sys::INVALID_HANDLE;
        let r = Status::check(unsafe {
            sys::fastly_secret_store::open(name.as_ptr(), name.len(), &mut h)
        });
        Ok(optional(r)?.map(|_| SecretStore { handle: h }))
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The secret called `key`, or `None` if the store has none.
    pub fn get(&self, key: &str) -> Result<Option<Secret>> {
        let mut h = sys::INVALID_HANDLE;
        let r = Status::check(unsafe {
            sys::fastly_secret_store::get(self.handle, key.as_ptr(), key.len(), &mut h)
        });
        Ok(optional(r)?.map(|_| Secret { handle: h }))
    }
}

/// A secret looked up in a [`SecretStore`].
#[derive(Debug, PartialEq, Eq)]
pub struct Secret {
    handle: sys::Handle,
}

impl Secret {
    /// The raw handle (e.g. for a dynamic backend's client key).
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The secret's value (`plaintext`).
    pub fn plaintext(&self) -> Result<Vec<u8>> {
        let h = self.handle;
        get_bytes(|p, l, n| unsafe { sys::fastly_secret_store::plaintext(h, p, l, n) })
    }
}
