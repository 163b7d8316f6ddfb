//! Ledge's Rust "jwt-gateway" sample: lets only requests with a good bearer JWT through to the
//! backend `origin`, telling it who the caller is.
//!
//! The token comes from `authorization: Bearer TOKEN` and is checked in one call with Ledge's
//! `ledge_crypto.jwt_verify` against the JWK set in the secret store `jwks`, entry `keys`: RS256 or
//! ES256, 30 seconds of clock skew, issuer `https://id.example`, audience `edge`.
//!
//! * good token — the request (method, URI, headers, body) goes to backend `origin` without its
//!   `authorization` header and with `x-jwt-claims` set to the verified claims (compact JSON,
//!   non-ASCII escaped as `\uXXXX` so the header stays ASCII; whatever the client sent under that
//!   name is replaced). The origin's answer streams back as it is.
//! * no bearer token — 401 `{"error":"missing"}`, `www-authenticate: Bearer realm="edge"`.
//! * refused token — 401 `{"error":"REASON"}` (the `jwt_error` name: `malformed`, `expired`,
//!   `bad_signature`, `unknown_key`, `wrong_audience`, ...) with an RFC 6750 `www-authenticate`.
//! * the JWK set missing or invalid — 500 `{"error":"store_missing"}` / `jwks_invalid`.
//! * the origin unreachable — 502 `{"error":"origin: DETAIL"}`.

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
mod fastly_abi;

use fastly_abi::crypto::{self, jwt_algorithms, JwtError, JwksSource, JwtOptions, JwtOutcome};
use fastly_abi::{Body, Request, Response, Result};

/// The backend valid requests go to.
const BACKEND: &str = "origin";
/// The header that carries the verified claims to the origin.
const CLAIMS_HEADER: &str = "x-jwt-claims";

fn main() -> Result<()> {
    let (mut req, body) = Request::downstream()?;
    let token = match bearer_token(&req)? {
        Some(t) => t,
        None => return refuse(401, "missing", "Bearer realm=\"edge\""),
    };
    let options = JwtOptions {
        algorithms: jwt_algorithms::RS256 | jwt_algorithms::ES256,
        clock_skew_sec: 30,
        issuer: "https://id.example",
        audience: "edge",
    };
    let source = JwksSource::SecretStore { store: "jwks", entry: "keys" };
    let claims = match crypto::jwt_verify(&token, source, &options)? {
        JwtOutcome::Accepted(claims) => claims,
        JwtOutcome::Refused(e) if e == JwtError::STORE_MISSING || e == JwtError::JWKS_INVALID => {
            return refuse(500, e.name(), "");
        }
        JwtOutcome::Refused(e) => {
            let challenge = format!(
                "Bearer realm=\"edge\", error=\"invalid_token\", error_description=\"{}\"",
                e.name()
            );
            return refuse(401, e.name(), &challenge);
        }
    };
    req.remove_header("authorization")?;
    req.insert_header(CLAIMS_HEADER, ascii_json(&claims))?;
    match req.send(body, BACKEND) {
        Ok((resp, resp_body)) => resp.send(resp_body),
        Err(e) => refuse(502, &format!("origin: {}", e), ""),
    }
}

/// The token of an `authorization: Bearer TOKEN` header (scheme case-insensitive), if any.
fn bearer_token(req: &Request) -> Result<Option<String>> {
    let value = match req.header_value("authorization")? {
        Some(v) => String::from_utf8_lossy(&v).into_owned(),
        None => return Ok(None),
    };
    let value = value.trim();
    if value.len() < 7 || !value[..7].eq_ignore_ascii_case("bearer ") {
        return Ok(None);
    }
    let token = value[7..].trim();
    Ok(if token.is_empty() { None } else { Some(token.to_string()) })
}

/// The claims' JSON with every non-ASCII character written as a `\uXXXX` escape (still the same
/// JSON: in valid JSON such characters only occur inside strings).
fn ascii_json(claims: &[u8]) -> String {
    let text = String::from_utf8_lossy(claims);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() && !c.is_ascii_control() {
            out.push(c);
        } else if c.is_ascii_control() {
            // Compact JSON has no raw control characters outside strings; drop stray ones.
            if c == '\t' {
                out.push(' ');
            }
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        }
    }
    out
}

/// Answers `status` with `{"error":REASON}` and, when given, a `www-authenticate` challenge.
fn refuse(status: u16, reason: &str, challenge: &str) -> Result<()> {
    let mut resp = Response::new()?;
    resp.set_status(status)?;
    resp.insert_header("content-type", "application/json")?;
    resp.insert_header("cache-control", "no-store")?;
    if !challenge.is_empty() {
        resp.insert_header("www-authenticate", challenge)?;
    }
    let escaped: String = reason.chars().map(|c| if c == '"' || c == '\\' { '\'' } else { c }).collect();
    let mut body = Body::new()?;
    body.write_all(format!("{{\"error\":\"{}\"}}", escaped).as_bytes())?;
    resp.send(body)
}
