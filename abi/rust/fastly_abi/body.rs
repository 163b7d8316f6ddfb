//! Body handles: byte streams the guest reads from or writes to.

use super::{optional, sys, Result, Status};

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
