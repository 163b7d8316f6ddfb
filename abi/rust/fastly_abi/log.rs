//! Named log endpoints.

use super::{sys, Result, Status};

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
