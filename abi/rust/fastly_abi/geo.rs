//! `fastly_geo`: what the host knows about an IP address (country, city, AS, ...).

use super::{get_bytes, sys, Result, Status};
use std::net::IpAddr;

/// The geolocation record of `ip` as the host writes it: one JSON object with Fastly's fields
/// (`country_code`, `city`, `as_number`, ...), or `None` when nothing is known about the address.
pub fn lookup(ip: IpAddr) -> Result<Option<String>> {
    let octets: Vec<u8> = match ip {
        IpAddr::V4(v4) => v4.octets().to_vec(),
        IpAddr::V6(v6) => v6.octets().to_vec(),
    };
    let bytes = get_bytes(|p, l, n| unsafe {
        sys::fastly_geo::lookup(octets.as_ptr(), octets.len(), p, l, n)
    })?;
    if bytes.is_empty() {
        return Ok(None);
    }
    String::from_utf8(bytes).map(Some).map_err(|_| Status::ERROR)
}
