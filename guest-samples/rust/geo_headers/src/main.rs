//! Ledge's Rust "geo-headers" sample: a proxy that tells the origin where its visitor is.
//!
//! Every request goes to backend `origin` as it came (method, URI, headers, body), with the
//! visitor's location from `fastly_geo.lookup` added as request headers, and the origin's answer
//! streams back unchanged:
//!
//! | header | geolocation field |
//! |---|---|
//! | `x-geo-ip` | the address looked up (always set) |
//! | `x-geo-country-code`, `x-geo-country-name` | `country_code`, `country_name` |
//! | `x-geo-region`, `x-geo-city`, `x-geo-postal-code` | `region`, `city`, `postal_code` |
//! | `x-geo-continent` | `continent` |
//! | `x-geo-asn`, `x-geo-as-name` | `as_number`, `as_name` |
//!
//! A field the host does not know (absent, null, empty, `"?"`, or an AS number of 0) is left out.
//! Values are UTF-8 with every byte outside printable ASCII, and `%` itself, written as `%XX`
//! (`São Paulo` → `S%C3%A3o Paulo`), so headers stay ASCII and decode with any URL decoder.
//! Every `x-geo-*` header the client sent is removed first: the origin can trust them.
//!
//! The visitor's address is the socket's. Only when config store `geo_headers` holds
//! `trust_client_ip_header = "true"` does an `x-client-ip` header replace it (local testing,
//! where everything comes from 127.0.0.1); a trusted header that is not an address is a 400.
//! An unreachable origin is a 502 `{"error":"origin: DETAIL"}`.

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
mod fastly_abi;
#[path = "../../geo_pricing/src/flat_json.rs"]
#[allow(dead_code)]
mod flat_json;

use fastly_abi::{geo, Body, ConfigStore, Request, Response, Result};
use std::net::IpAddr;

/// The header that names the client's address when the store trusts it.
const CLIENT_IP_HEADER: &str = "x-client-ip";
/// Request header ← geolocation field, in the order they are added.
const FIELDS: [(&str, &str); 8] = [
    ("x-geo-country-code", "country_code"),
    ("x-geo-country-name", "country_name"),
    ("x-geo-region", "region"),
    ("x-geo-city", "city"),
    ("x-geo-postal-code", "postal_code"),
    ("x-geo-continent", "continent"),
    ("x-geo-asn", "as_number"),
    ("x-geo-as-name", "as_name"),
];

fn main() -> Result<()> {
    let (mut req, body) = Request::downstream()?;
    let store = ConfigStore::open("geo_headers")?;
    let ip = match client_ip(&req, &store)? {
        Ok(ip) => ip,
        Err(bad) => return fail(400, &format!("{} is not an IP address: {}", CLIENT_IP_HEADER, bad)),
    };
    for name in req.header_names()? {
        if name.to_ascii_lowercase().starts_with("x-geo-") {
            req.remove_header(&name)?;
        }
    }
    req.insert_header("x-geo-ip", ip.to_string())?;
    if let Some(record) = geo::lookup(ip)? {
        for (header, field) in FIELDS {
            let value = match flat_json::member(&record, field) {
                Some(flat_json::Value::Str(s)) => s,
                Some(flat_json::Value::Literal(l)) if l != "null" && l != "0" => l,
                _ => continue,
            };
            if !value.is_empty() && value != "?" {
                req.insert_header(header, percent_encode(&value))?;
            }
        }
    }
    match req.send(body, "origin") {
        Ok((resp, resp_body)) => resp.send(resp_body),
        Err(e) => fail(502, &format!("origin: {}", e)),
    }
}

/// The visitor's address: the socket's, or a trusted `x-client-ip` (`Err` with its text when it
/// is not an address).
fn client_ip(req: &Request, store: &ConfigStore) -> Result<std::result::Result<IpAddr, String>> {
    if store.get("trust_client_ip_header")?.as_deref() == Some("true") {
        if let Some(value) = req.header_value(CLIENT_IP_HEADER)? {
            let text = String::from_utf8_lossy(&value).trim().to_string();
            return Ok(text.parse::<IpAddr>().map_err(|_| text));
        }
    }
    Ok(Ok(req.client_ip_addr()?))
}

/// `value` with every byte outside printable ASCII, and `%`, written as `%XX`.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if (0x20..0x7f).contains(&b) && b != b'%' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{:02X}", b));
        }
    }
    out
}

fn fail(status: u16, message: &str) -> Result<()> {
    let mut resp = Response::new()?;
    resp.set_status(status)?;
    resp.insert_header("content-type", "application/json")?;
    let mut body = Body::new()?;
    body.write_all(format!("{{\"error\":{}}}", flat_json::quote(message)).as_bytes())?;
    resp.send(body)
}
