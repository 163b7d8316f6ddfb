//! Ledge's Rust "features" sample: the routes of the JS sample `guest-samples/js/src/features.js`,
//! written against Ledge's own binding (`abi/rust/fastly_abi/`) instead of an SDK.
//!
//! * `/proxy/<path>`   — forwards the downstream request itself (method, headers, body) to backend
//!                       "origin" at `/<path>` with `send_v2`, and sends the backend's response with
//!                       its body handle straight back: both bodies stream through the host.
//! * `/parallel`       — `send_async` to `/a`, `/b`, `/c`, then `pending_req_select_v2` until all
//!                       are done; answers `{"a": ..., "b": ..., "c": ...}`.
//! * `/dynamic/<port>` — registers backend `dyn-<port>` for `127.0.0.1:<port>` (unless
//!                       `fastly_backend.exists` says it is there), checks its host and port,
//!                       GETs `/dyn`, answers the backend's status and body with `x-backend`.
//! * `/refused`        — sends to backend "closed" (nothing listens): 502 `fetch failed: <detail>`,
//!                       the detail coming from the `send_error_detail` tag.
//! * `/config/S/K`     — config store S, key K: 200 with the value, 404 when absent.
//! * `/secret/S/K`     — secret store S, key K: 200 with the plaintext, 404 when absent.
//! * `/log`            — writes `hello from rust <?query>` to log endpoint "features", 204.
//! * `/client`         — `{"address": "<client ip>"}`.
//! * `/kv/S/K`         — KV store S, key K: GET answers the value with x-metadata and
//!                       x-generation (404 when absent); PUT stores the body with `?mode=`
//!                       (add, append, prepend, overwrite), `?meta=`, `?ttl=` and `?gen=`
//!                       (generation match): 204, or 412 when the precondition failed; DELETE
//!                       deletes: 204, or 404 when there was nothing.
//! * `/kv-list/S`      — KV store S's keys as the host's JSON listing, with `?prefix=`,
//!                       `?cursor=` and `?limit=`.
//! * `/acl/A/IP`       — ACL A looked up for IP: the matching entry's JSON, 404 when none.
//! * `/erl/ENTRY`      — rate counter "rc", penalty box "pb": more than 3 requests a second
//!                       block the entry; `{"blocked": ..., "count": ...}`.
//! * `/penalty/ENTRY`  — penalty box "manual": PUT adds the entry, GET answers `{"has": ...}`.
//! * `/core-cache/K`   — core cache: PUT inserts the body (60 s, surrogate key `sk-K`, user
//!                       metadata `?meta=`), GET answers it with x-cache-hits and x-metadata, or 404.
//! * `/core-tx/K`      — core-cache transaction: the client obliged to insert stores `?value=`.
//! * `/http-cache/<p>` — HTTP-cache transaction around GET `/<p>` on "origin" (x-cache HIT/MISS).
//! * `/readthrough/<p>`— `send` to "origin" with a cache override from `?pass`, `?ttl=`, `?swr=`,
//!                       `?sk=` (the host's readthrough cache decides what is stored).
//! * `/purge/KEY`      — purges surrogate key KEY: 204.

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
mod fastly_abi;
mod platform;

use fastly_abi::{
    Backend, Body, ConfigStore, DynamicBackend, Log, PendingRequest, Request, Response, Result,
    SecretStore,
};

pub(crate) const TEXT: &str = "text/plain;charset=UTF-8";
pub(crate) const JSON: &str = "application/json";

fn main() -> Result<()> {
    let (req, body) = Request::downstream()?;
    let uri = req.uri()?;
    let (origin, path, query) = split_uri(&uri);
    let search = if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query)
    };

    if let Some(rest) = path.strip_prefix("/proxy/") {
        return proxy(req, body, &format!("{}/{}{}", origin, rest, search));
    }
    let method = req.method()?;
    if let Some(rest) = path.strip_prefix("/kv/") {
        let (store, key) = two_parts(rest);
        return platform::kv(&method, store, key, query, body);
    }
    if let Some(store) = path.strip_prefix("/kv-list/") {
        return platform::kv_list(store, query);
    }
    if let Some(rest) = path.strip_prefix("/acl/") {
        let (name, ip) = two_parts(rest);
        return platform::acl(name, ip);
    }
    if let Some(entry) = path.strip_prefix("/erl/") {
        return platform::erl(entry);
    }
    if let Some(entry) = path.strip_prefix("/penalty/") {
        return platform::penalty(&method, entry);
    }
    if let Some(key) = path.strip_prefix("/core-cache/") {
        return platform::core_cache(&method, key, query, body);
    }
    if let Some(key) = path.strip_prefix("/core-tx/") {
        return platform::core_transaction(key, query);
    }
    if let Some(rest) = path.strip_prefix("/http-cache/") {
        return platform::http_cache(origin, rest);
    }
    if let Some(rest) = path.strip_prefix("/readthrough/") {
        return platform::readthrough(origin, rest, &method, query, body);
    }
    if let Some(key) = path.strip_prefix("/purge/") {
        return platform::purge(key);
    }
    if let Some(port) = path.strip_prefix("/dynamic/") {
        return dynamic(port);
    }
    if let Some(rest) = path.strip_prefix("/config/") {
        let (store, key) = two_parts(rest);
        return match ConfigStore::open(store) {
            Ok(s) => match s.get(key)? {
                Some(v) => respond(200, TEXT, v.as_bytes()),
                None => respond(404, TEXT, b"no such key"),
            },
            Err(e) => respond(500, TEXT, format!("config store {}: {}", store, e).as_bytes()),
        };
    }
    if let Some(rest) = path.strip_prefix("/secret/") {
        let (store, key) = two_parts(rest);
        return match SecretStore::open(store)? {
            Some(s) => match s.get(key)? {
                Some(secret) => respond(200, TEXT, &secret.plaintext()?),
                None => respond(404, TEXT, b"no such secret"),
            },
            None => respond(500, TEXT, format!("no secret store {}", store).as_bytes()),
        };
    }
    match path {
        "/parallel" => parallel(origin),
        "/refused" => refused(origin),
        "/log" => {
            Log::endpoint("features")?.write(format!("hello from rust {}", search))?;
            let mut resp = Response::new()?;
            resp.set_status(204)?;
            resp.send(Body::new()?)
        }
        "/client" => {
            let address = req.client_ip_addr()?.to_string();
            let json = format!("{{\"address\":{}}}", json_string(&address));
            respond(200, JSON, json.as_bytes())
        }
        _ => respond(404, TEXT, b"not found"),
    }
}

/// Sends the downstream request and body to "origin" at `target`; the response streams back.
fn proxy(mut req: Request, body: Body, target: &str) -> Result<()> {
    req.set_uri(target)?;
    match req.send(body, "origin") {
        Ok((resp, resp_body)) => resp.send(resp_body),
        Err(e) => respond(502, TEXT, format!("fetch failed: {}", e).as_bytes()),
    }
}

/// Three asynchronous GETs, collected in whatever order they complete.
fn parallel(origin: &str) -> Result<()> {
    let mut names = Vec::new();
    let mut pending = Vec::new();
    for name in ["a", "b", "c"] {
        let mut req = Request::new()?;
        req.set_uri(&format!("{}/{}", origin, name))?;
        pending.push(req.send_async(Body::new()?, "origin")?);
        names.push(name);
    }
    let mut bodies: Vec<(&str, String)> = Vec::new();
    while !pending.is_empty() {
        let (idx, result, rest) = PendingRequest::select(pending);
        pending = rest;
        let idx = match idx {
            Some(i) => i,
            None => return respond(502, TEXT, b"select failed"),
        };
        let name = names.remove(idx);
        match result {
            Ok((_resp, mut body)) => {
                let text = String::from_utf8_lossy(&body.read_all()?).into_owned();
                bodies.push((name, text));
            }
            Err(e) => return respond(502, TEXT, format!("fetch failed: {}", e).as_bytes()),
        }
    }
    let mut json = String::from("{");
    for name in ["a", "b", "c"] {
        let text = bodies.iter().find(|(n, _)| *n == name).map(|(_, t)| t.as_str()).unwrap_or("");
        if json.len() > 1 {
            json.push(',');
        }
        json.push_str(&format!("{}:{}", json_string(name), json_string(text)));
    }
    json.push('}');
    respond(200, JSON, json.as_bytes())
}

/// A backend registered at run time, then used like any other.
fn dynamic(port: &str) -> Result<()> {
    let port_number: u16 = match port.parse() {
        Ok(p) => p,
        Err(_) => return respond(400, TEXT, b"bad port"),
    };
    let name = format!("dyn-{}", port);
    let existing = Backend::from_name(&name);
    let backend = if existing.exists()? {
        existing
    } else {
        DynamicBackend::new(&name, &format!("127.0.0.1:{}", port)).register()?
    };
    let (host, actual_port) = (backend.host()?, backend.port()?);
    if host != "127.0.0.1" || actual_port != port_number {
        let msg = format!("backend {} points at {}:{}", name, host, actual_port);
        return respond(500, TEXT, msg.as_bytes());
    }
    let mut req = Request::new()?;
    req.set_uri(&format!("http://127.0.0.1:{}/dyn", port))?;
    match req.send(Body::new()?, backend.name()) {
        Ok((upstream, body)) => {
            let mut resp = Response::new()?;
            resp.set_status(upstream.status()?)?;
            resp.insert_header("x-backend", backend.name())?;
            resp.send(body)
        }
        Err(e) => respond(502, TEXT, format!("fetch failed: {}", e).as_bytes()),
    }
}

/// A send that fails: the guest reads why from the error detail and answers 502.
fn refused(origin: &str) -> Result<()> {
    let mut req = Request::new()?;
    req.set_uri(&format!("{}/x", origin))?;
    match req.send(Body::new()?, "closed") {
        Ok(_) => respond(500, TEXT, b"unexpected success"),
        Err(e) => respond(502, TEXT, format!("fetch failed: {}", e).as_bytes()),
    }
}

/// Sends a complete response with one content type.
pub(crate) fn respond(status: u16, content_type: &str, body: &[u8]) -> Result<()> {
    respond_with(status, content_type, body, &[])
}

/// Sends a complete response with one content type and extra headers.
pub(crate) fn respond_with(status: u16, content_type: &str, body: &[u8], headers: &[(&str, &str)]) -> Result<()> {
    let mut resp = Response::new()?;
    resp.set_status(status)?;
    resp.insert_header("content-type", content_type)?;
    for (name, value) in headers {
        resp.insert_header(name, value)?;
    }
    let mut b = Body::new()?;
    b.write_all(body)?;
    resp.send(b)
}

/// The value of query parameter `name` (percent-decoded, `+` as space), if present.
pub(crate) fn query_param(query: &str, name: &str) -> Option<String> {
    for pair in query.split('&') {
        let (k, v) = match pair.find('=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, ""),
        };
        if k == name {
            return Some(percent_decode(v));
        }
    }
    None
}

/// Decodes `%XX` escapes and `+`.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits an absolute URI into origin (`scheme://authority`), path and query (without `?`).
fn split_uri(uri: &str) -> (&str, &str, &str) {
    let origin_end = match uri.find("://") {
        Some(i) => uri[i + 3..].find('/').map(|j| i + 3 + j).unwrap_or(uri.len()),
        None => 0,
    };
    let (origin, rest) = uri.split_at(origin_end);
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = match rest.find('?') {
        Some(q) => (&rest[..q], &rest[q + 1..]),
        None => (rest, ""),
    };
    (origin, if path.is_empty() { "/" } else { path }, query)
}

/// `S/K` → (`S`, `K`); a missing part is empty.
fn two_parts(s: &str) -> (&str, &str) {
    let mut it = s.split('/');
    (it.next().unwrap_or(""), it.next().unwrap_or(""))
}

/// The value of one hex digit.
fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// A JSON string literal for `s`.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
