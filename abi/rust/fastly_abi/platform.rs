//! ACLs (`fastly_acl`) and edge rate limiting (`fastly_erl`: rate counters and penalty boxes).

use super::sys_platform::{fastly_acl, fastly_erl};
use super::{sys, Body, Result, Status};
use std::net::IpAddr;

/// An open ACL: a list of IP prefixes with an action each.
#[derive(Debug, PartialEq, Eq)]
pub struct Acl {
    handle: sys::Handle,
}

/// `acl_error` value for "nothing matched".
const ACL_NO_CONTENT: u32 = 2;

impl Acl {
    /// Opens the ACL called `name`; `None` when there is no such ACL.
    pub fn open(name: &str) -> Result<Option<Acl>> {
        let mut h = sys::INVALID_HANDLE;
        match Status::check(unsafe { fastly_acl::open(name.as_ptr(), name.len(), &mut h) }) {
            Ok(()) => Ok(Some(Acl { handle: h })),
            Err(Status::NONE) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The longest matching prefix for `ip` as the host's JSON (`{"action": ..., "prefix": ...}`),
    /// or `None` when no entry matches.
    pub fn lookup(&self, ip: IpAddr) -> Result<Option<Vec<u8>>> {
        let octets: Vec<u8> = match ip {
            IpAddr::V4(v4) => v4.octets().to_vec(),
            IpAddr::V6(v6) => v6.octets().to_vec(),
        };
        let mut body = sys::INVALID_HANDLE;
        let mut err: u32 = 0;
        Status::check(unsafe {
            fastly_acl::lookup(self.handle, octets.as_ptr(), octets.len(), &mut body, &mut err)
        })?;
        if err == ACL_NO_CONTENT || body == sys::INVALID_HANDLE {
            return Ok(None);
        }
        Ok(Some(Body::from_handle(body).read_all()?))
    }
}

/// A named rate counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateCounter {
    name: String,
}

impl RateCounter {
    /// The rate counter called `name` (created on first use).
    pub fn named(name: &str) -> RateCounter {
        RateCounter { name: name.to_string() }
    }

    /// Adds `delta` to `entry`'s count.
    pub fn increment(&self, entry: &str, delta: u32) -> Result<()> {
        let n = &self.name;
        Status::check(unsafe {
            fastly_erl::ratecounter_increment(n.as_ptr(), n.len(), entry.as_ptr(), entry.len(), delta)
        })
    }

    /// `entry`'s rate (per second) over the last `window` seconds (1, 10 or 60).
    pub fn lookup_rate(&self, entry: &str, window: u32) -> Result<u32> {
        let n = &self.name;
        let mut out: u32 = 0;
        Status::check(unsafe {
            fastly_erl::ratecounter_lookup_rate(
                n.as_ptr(),
                n.len(),
                entry.as_ptr(),
                entry.len(),
                window,
                &mut out,
            )
        })?;
        Ok(out)
    }

    /// `entry`'s count over the last `duration` seconds (10, 20, ... 60).
    pub fn lookup_count(&self, entry: &str, duration: u32) -> Result<u32> {
        let n = &self.name;
        let mut out: u32 = 0;
        Status::check(unsafe {
            fastly_erl::ratecounter_lookup_count(
                n.as_ptr(),
                n.len(),
                entry.as_ptr(),
                entry.len(),
                duration,
                &mut out,
            )
        })?;
        Ok(out)
    }

    /// Counts `delta` for `entry` and, when its rate over `window` seconds exceeds `limit`, puts
    /// it in `penalty_box` for `ttl_sec`; answers whether the entry is now blocked.
    pub fn check_rate(
        &self,
        entry: &str,
        delta: u32,
        window: u32,
        limit: u32,
        penalty_box: &PenaltyBox,
        ttl_sec: u32,
    ) -> Result<bool> {
        let n = &self.name;
        let pb = &penalty_box.name;
        let mut blocked: u32 = 0;
        Status::check(unsafe {
            fastly_erl::check_rate(
                n.as_ptr(),
                n.len(),
                entry.as_ptr(),
                entry.len(),
                delta,
                window,
                limit,
                pb.as_ptr(),
                pb.len(),
                ttl_sec,
                &mut blocked,
            )
        })?;
        Ok(blocked == 1)
    }
}

/// A named penalty box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PenaltyBox {
    name: String,
}

impl PenaltyBox {
    /// The penalty box called `name` (created on first use).
    pub fn named(name: &str) -> PenaltyBox {
        PenaltyBox { name: name.to_string() }
    }

    /// Puts `entry` in the box for `ttl_sec` seconds (60..3659).
    pub fn add(&self, entry: &str, ttl_sec: u32) -> Result<()> {
        let n = &self.name;
        Status::check(unsafe {
            fastly_erl::penaltybox_add(n.as_ptr(), n.len(), entry.as_ptr(), entry.len(), ttl_sec)
        })
    }

    /// Whether the box holds `entry`.
    pub fn has(&self, entry: &str) -> Result<bool> {
        let n = &self.name;
        let mut has: u32 = 0;
        Status::check(unsafe {
            fastly_erl::penaltybox_has(n.as_ptr(), n.len(), entry.as_ptr(), entry.len(), &mut has)
        })?;
        Ok(has == 1)
    }
}
