//! Ledge's Rust "ab-test" sample: splits visitors between two variants of a site and keeps each
//! visitor on the variant they got, with a cookie.
//!
//! Config store `ab`: `experiment` (a name, letters, digits, `-` and `_`; default `exp`) and
//! `split` (0 to 100: the percentage of new visitors sent to variant `b`; default 50).
//!
//! A visitor whose `cookie` header holds `ab_EXPERIMENT=a` or `=b` keeps that variant, whatever
//! the split says now. Anyone else is assigned one with `ledge_crypto.random_bytes` and gets
//! `set-cookie: ab_EXPERIMENT=V; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax`. The request
//! then goes to backend `origin` with its path prefixed by `/V` (`/pricing` → `/b/pricing`) and
//! `x-ab-variant: V`; the origin's answer streams back with `x-ab-variant: V`, `vary: cookie`
//! and `cache-control: private` added. A bad `split` or `experiment` is a 500 naming the key;
//! an unreachable origin a 502.

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
mod fastly_abi;

use fastly_abi::crypto;
use fastly_abi::{Body, ConfigStore, Request, Response, Result};

/// Thirty days, in seconds.
const COOKIE_MAX_AGE: u32 = 30 * 24 * 3600;

fn main() -> Result<()> {
    let (mut req, body) = Request::downstream()?;
    let store = ConfigStore::open("ab")?;
    let experiment = store.get("experiment")?.unwrap_or_else(|| "exp".to_string());
    if experiment.is_empty()
        || experiment.len() > 64
        || !experiment.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return fail(500, "config store ab: experiment must be 1 to 64 letters, digits, '-' or '_'");
    }
    let split = match store.get("split")? {
        None => 50,
        Some(s) => match s.trim().parse::<u32>() {
            Ok(v) if v <= 100 => v,
            _ => return fail(500, "config store ab: split must be a whole number from 0 to 100"),
        },
    };
    let cookie_name = format!("ab_{}", experiment);
    let (variant, assigned) = match sticky_variant(&req, &cookie_name)? {
        Some(v) => (v, false),
        None => (assign(split)?, true),
    };

    let uri = req.uri()?;
    req.set_uri(&prefixed_uri(&uri, variant))?;
    req.insert_header("x-ab-variant", variant)?;
    let (mut resp, resp_body) = match req.send(body, "origin") {
        Ok(r) => r,
        Err(e) => return fail(502, &format!("origin: {}", e)),
    };
    resp.insert_header("x-ab-variant", variant)?;
    resp.append_header("vary", "cookie")?;
    resp.insert_header("cache-control", "private")?;
    if assigned {
        resp.append_header(
            "set-cookie",
            format!("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax", cookie_name, variant, COOKIE_MAX_AGE),
        )?;
    }
    resp.send(resp_body)
}

/// The variant named by the cookie `name`, if the request has it with a known value.
fn sticky_variant(req: &Request, name: &str) -> Result<Option<&'static str>> {
    for header in req.header_values("cookie")? {
        let header = String::from_utf8_lossy(&header);
        for pair in header.split(';') {
            let pair = pair.trim();
            if let Some(value) = pair.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')) {
                match value.trim() {
                    "a" => return Ok(Some("a")),
                    "b" => return Ok(Some("b")),
                    _ => {}
                }
            }
        }
    }
    Ok(None)
}

/// Variant `b` with probability `split` percent, from the host's strong random bytes.
fn assign(split: u32) -> Result<&'static str> {
    let mut bytes = [0u8; 4];
    crypto::random_bytes(&mut bytes)?;
    // 2^32 is not a multiple of 100; the bias (under 1e-7) does not matter for a split.
    let roll = u32::from_le_bytes(bytes) % 100;
    Ok(if roll < split { "b" } else { "a" })
}

/// `uri` with `/variant` put in front of its path (absolute or origin-form URIs).
fn prefixed_uri(uri: &str, variant: &str) -> String {
    let path_start = match uri.find("://") {
        Some(i) => match uri[i + 3..].find('/') {
            Some(j) => i + 3 + j,
            None => uri.len(),
        },
        None => 0,
    };
    let (head, path) = uri.split_at(path_start);
    let path = if path.is_empty() { "/" } else { path };
    format!("{}/{}{}", head, variant, path)
}

fn fail(status: u16, message: &str) -> Result<()> {
    let mut resp = Response::new()?;
    resp.set_status(status)?;
    resp.insert_header("content-type", "text/plain;charset=UTF-8")?;
    let mut body = Body::new()?;
    body.write_all(message.as_bytes())?;
    resp.send(body)
}
