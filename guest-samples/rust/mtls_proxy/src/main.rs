//! Ledge's Rust "mtls-proxy" sample, the twin of guest-samples/js/mtls_proxy: forwards every
//! request to a partner API that only talks to clients holding a certificate its CA issued (mutual
//! TLS), through a dynamic backend that presents this service's client certificate.
//!
//! Config store `partner`: `host` (host:port of the partner API). Secret store `mtls`:
//! `origin-ca` (PEM CA certificate the partner's server certificate must chain to), `client-cert`
//! (PEM certificate, chain allowed) and `client-key` (its PEM private key, which this code never
//! reads: the secret's handle goes to the host). Without client-cert and client-key the backend
//! is registered without a client certificate, and a partner that requires one refuses it.
//!
//! The partner's answer streams back unchanged. A certificate or key the host refuses is a 500
//! `{"error":"partner backend: ..."}`, a refused handshake a 502 `{"error":"partner: ..."}` (with
//! the TLS alert number when the host reports one), missing settings a 500 naming store and key.

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
mod fastly_abi;

use fastly_abi::{Body, ConfigStore, DynamicBackend, Request, Response, Result, SecretStore};

const BACKEND: &str = "partner";

fn main() -> Result<()> {
    let (mut req, body) = Request::downstream()?;
    let host = match ConfigStore::open("partner")?.get("host")? {
        Some(h) if !h.is_empty() => h,
        _ => return fail(500, "config store partner: host is missing"),
    };
    let store = match SecretStore::open("mtls")? {
        Some(s) => s,
        None => return fail(500, "secret store mtls is missing"),
    };
    let ca = match store.get("origin-ca")? {
        Some(s) => String::from_utf8_lossy(&s.plaintext()?).into_owned(),
        None => return fail(500, "secret store mtls: origin-ca is missing"),
    };
    let mut backend = DynamicBackend::new(BACKEND, &host).use_ssl().ca_certificate(&ca).connect_timeout_ms(10_000);
    match (store.get("client-cert")?, store.get("client-key")?) {
        (Some(cert), Some(key)) => {
            let pem = String::from_utf8_lossy(&cert.plaintext()?).into_owned();
            backend = backend.client_certificate(&pem, &key);
        }
        (None, None) => {}
        _ => return fail(500, "secret store mtls: client-cert and client-key go together"),
    }
    if let Err(status) = backend.register() {
        return fail(500, &format!("partner backend: {}", status));
    }

    let uri = req.uri()?;
    req.set_uri(&format!("https://{}{}", host, path_and_query(&uri)))?;
    match req.send(body, BACKEND) {
        Ok((resp, resp_body)) => resp.send(resp_body),
        Err(e) => match e.tls_alert() {
            Some(alert) => fail(502, &format!("partner: {} (TLS alert {})", e, alert)),
            None => fail(502, &format!("partner: {}", e)),
        },
    }
}

/// The path and query of `uri` (absolute or origin-form), "/" when it has none.
fn path_and_query(uri: &str) -> &str {
    let rest = match uri.find("://") {
        Some(i) => &uri[i + 3..],
        None => return if uri.is_empty() { "/" } else { uri },
    };
    match rest.find('/') {
        Some(j) => &rest[j..],
        None => "/",
    }
}

/// A JSON error answer: `{"error":"MESSAGE"}`.
fn fail(status: u16, message: &str) -> Result<()> {
    let mut json = String::from("{\"error\":\"");
    for ch in message.chars() {
        match ch {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            c if (c as u32) < 0x20 => json.push_str(&format!("\\u{:04x}", c as u32)),
            c => json.push(c),
        }
    }
    json.push_str("\"}");
    let mut resp = Response::new()?;
    resp.set_status(status)?;
    resp.insert_header("content-type", "application/json")?;
    let mut body = Body::new()?;
    body.write_all(json.as_bytes())?;
    resp.send(body)
}
