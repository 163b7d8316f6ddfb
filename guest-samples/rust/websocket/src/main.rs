//! Ledge's Rust "websocket" sample, the twin of guest-samples/js/websocket: WebSocket passthrough
//! through the binding's `Request::handoff_websocket` (`redirect_to_websocket_proxy_v2`).
//!
//!   /ws/...       the client's WebSocket upgrade is handed to backend "origin"; the host relays
//!                 the frames from then on and the guest ends without a response. The origin's
//!                 refusal (e.g. 403) reaches the client as sent; an unreachable origin is a 502
//!                 from the host. A request that is no WebSocket upgrade is refused by the host
//!                 (`inval`) and answered 400 "not a WebSocket upgrade (inval)\n" here.
//!   anything else 404 "WebSockets live under /ws/\n".

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
#[allow(dead_code)]
mod fastly_abi;

use fastly_abi::{Body, Request, Response, Status};

fn main() -> Result<(), Status> {
    let (req, _body) = Request::downstream()?;
    let uri = req.uri()?;
    let path = uri.splitn(4, '/').nth(3).map(|p| format!("/{}", p)).unwrap_or_else(|| "/".to_string());
    if !path.starts_with("/ws/") {
        return answer(404, "WebSockets live under /ws/\n");
    }
    match req.handoff_websocket("origin") {
        Ok(()) => Ok(()),
        Err(status) => answer(400, &format!("not a WebSocket upgrade ({})\n", status.name())),
    }
}

fn answer(status: u16, text: &str) -> Result<(), Status> {
    let mut resp = Response::new()?;
    resp.set_status(status)?;
    resp.insert_header("content-type", "text/plain; charset=utf-8")?;
    let mut body = Body::new()?;
    body.write_all(text.as_bytes())?;
    resp.send(body)
}
