//! Ledge's Rust "echo" sample. The contract is shared with the Go and JS samples:
//!
//! * `/status/NNN` — status NNN, body `status NNN\n` (text/plain).
//! * `/stream/N`   — streaming response (200, `x-streamed: 1`), N body writes `chunk i\n`, close.
//! * `/trap`       — a Wasm trap.
//! * `/nothing`    — returns without sending a response.
//! * `/counter`    — `counter=N dirty=BOOL`: proves each request gets a fresh instance.
//! * anything else — echoes method, URI, version, every header (as `echo-NAME`) and the body.

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
mod fastly_abi;

use fastly_abi::{Body, Request, Response, Result};

/// Incremented by `/counter`; 1 every time if each request gets a fresh instance.
static mut COUNTER: u32 = 0;
/// Must be all zero on entry to `/counter` (it is dirtied with 0xAB before returning).
static mut SCRATCH: [u8; 65536] = [0; 65536];

fn main() -> Result<()> {
    fastly_abi::init()?;
    let (req, body) = Request::downstream()?;
    let uri = req.uri()?;
    let path = path_of(&uri);

    if let Some(code) = path.strip_prefix("/status/") {
        return match code.parse::<u16>() {
            Ok(n) => text(n, &format!("status {}\n", n)),
            Err(_) => text(400, "bad status\n"),
        };
    }
    if let Some(count) = path.strip_prefix("/stream/") {
        return match count.parse::<u32>() {
            Ok(n) => stream(n),
            Err(_) => text(400, "bad count\n"),
        };
    }
    match path {
        "/trap" => core::arch::wasm32::unreachable(),
        "/nothing" => Ok(()),
        "/counter" => counter(),
        _ => echo(req, body, &uri),
    }
}

/// The path of a URI: absolute (`http://host:port/path?query`) or origin-form (`/path?query`).
fn path_of(uri: &str) -> &str {
    let after_scheme = match uri.find("://") {
        Some(i) => {
            let rest = &uri[i + 3..];
            match rest.find(|c| c == '/' || c == '?' || c == '#') {
                Some(j) => &rest[j..],
                None => "",
            }
        }
        None => uri,
    };
    let end = after_scheme
        .find(|c| c == '?' || c == '#')
        .unwrap_or(after_scheme.len());
    let path = &after_scheme[..end];
    if path.is_empty() {
        "/"
    } else {
        path
    }
}

/// Sends a small text/plain response.
fn text(status: u16, msg: &str) -> Result<()> {
    let mut resp = Response::new()?;
    resp.set_status(status)?;
    resp.insert_header("content-type", "text/plain")?;
    let mut body = Body::new()?;
    body.write_all(msg.as_bytes())?;
    resp.send(body)
}

/// Streaming mode: head first, then one body write per chunk, then close.
fn stream(n: u32) -> Result<()> {
    let mut resp = Response::new()?;
    resp.set_status(200)?;
    resp.insert_header("x-streamed", "1")?;
    let mut body = resp.send_streaming(Body::new()?)?;
    for i in 0..n {
        body.write_all(format!("chunk {}\n", i).as_bytes())?;
    }
    body.close()
}

/// Reports the counter and whether the scratch area was dirty, then dirties it.
fn counter() -> Result<()> {
    let (count, dirty) = unsafe {
        COUNTER += 1;
        let scratch = &mut *core::ptr::addr_of_mut!(SCRATCH);
        // Volatile reads so the check really looks at memory.
        let dirty = scratch.iter().any(|b| core::ptr::read_volatile(b) != 0);
        scratch.fill(0xAB);
        (COUNTER, dirty)
    };
    text(200, &format!("counter={} dirty={}", count, dirty))
}

/// Echoes the request: method, URI, version and headers into response headers, body into body.
fn echo(req: Request, mut body: Body, uri: &str) -> Result<()> {
    let mut resp = Response::new()?;
    resp.set_status(200)?;
    resp.insert_header("x-echo-method", req.method()?)?;
    resp.insert_header("x-echo-uri", uri)?;
    resp.insert_header("x-echo-version", req.version()?.0.to_string())?;
    resp.insert_header("x-echo-trace-id", std::env::var("FASTLY_TRACE_ID").unwrap_or_default())?;
    resp.insert_header("x-echo-argv", std::env::args().collect::<Vec<_>>().join(" "))?;
    for name in req.header_names()? {
        let echo_name = format!("echo-{}", name);
        for value in req.header_values(&name)? {
            resp.append_header(&echo_name, &value)?;
        }
    }

    let mut out = Body::new()?;
    let mut chunk = vec![0u8; Body::READ_CHUNK];
    loop {
        let n = body.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        out.write_all(&chunk[..n])?;
    }
    resp.send(out)
}
