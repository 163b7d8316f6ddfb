//! Ledge's Rust "hello" sample: answers every request with a fixed text body.
//!
//! Logs one line to the log endpoint "ledge-sample" and prints one line to stdout.

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
mod fastly_abi;

use fastly_abi::{Body, Log, Request, Response};

fn main() -> Result<(), fastly_abi::Status> {
    fastly_abi::init()?;
    let (req, _body) = Request::downstream()?;
    let method = req.method()?;
    let uri = req.uri()?;

    // A missing log endpoint must not break the sample, so logging errors are ignored.
    if let Ok(log) = Log::endpoint("ledge-sample") {
        let _ = log.write(format!("rust hello: {} {}", method, uri));
    }
    println!("rust hello: handling {} {}", method, uri);

    let mut resp = Response::new()?;
    resp.set_status(200)?;
    resp.insert_header("content-type", "text/plain; charset=utf-8")?;
    let mut body = Body::new()?;
    body.write_all(b"Hello from Ledge (rust)!\n")?;
    resp.send(body)
}
