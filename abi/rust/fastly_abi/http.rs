//! HTTP request and response handles.

use super::{get_bytes, headers, init, ip_from_octets, sys, Body, HttpVersion, Result, Status};
use std::net::IpAddr;

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

/// An HTTP request handle.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    handle: sys::Handle,
}

impl Request {
    /// Gets the downstream (client) request and its body; calls [`init`] first.
    pub fn downstream() -> Result<(Request, Body)> {
        init()?;
        let mut req = sys::INVALID_HANDLE;
        let mut body = sys::INVALID_HANDLE;
        Status::check(unsafe { sys::fastly_http_req::body_downstream_get(&mut req, &mut body) })?;
        Ok((Request { handle: req }, Body::from_handle(body)))
    }

    /// Creates a new, empty request.
    pub fn new() -> Result<Request> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe { sys::fastly_http_req::new(&mut h) })?;
        Ok(Request { handle: h })
    }

    /// Wraps a raw request handle.
    pub fn from_handle(handle: sys::Handle) -> Request {
        Request { handle }
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The request method, e.g. `"GET"`.
    pub fn method(&self) -> Result<String> {
        let h = self.handle;
        let bytes = get_bytes(|p, l, n| unsafe { sys::fastly_http_req::method_get(h, p, l, n) })?;
        String::from_utf8(bytes).map_err(|_| Status::ERROR)
    }

    /// Sets the request method.
    pub fn set_method(&mut self, method: &str) -> Result<()> {
        Status::check(unsafe {
            sys::fastly_http_req::method_set(self.handle, method.as_ptr(), method.len())
        })
    }

    /// The request URI exactly as the host returns it (absolute for the downstream request).
    pub fn uri(&self) -> Result<String> {
        let h = self.handle;
        let bytes = get_bytes(|p, l, n| unsafe { sys::fastly_http_req::uri_get(h, p, l, n) })?;
        String::from_utf8(bytes).map_err(|_| Status::ERROR)
    }

    /// Sets the request URI.
    pub fn set_uri(&mut self, uri: &str) -> Result<()> {
        Status::check(unsafe {
            sys::fastly_http_req::uri_set(self.handle, uri.as_ptr(), uri.len())
        })
    }

    /// The HTTP version.
    pub fn version(&self) -> Result<HttpVersion> {
        headers::REQUEST.version(self.handle)
    }

    /// Sets the HTTP version.
    pub fn set_version(&mut self, version: HttpVersion) -> Result<()> {
        headers::REQUEST.set_version(self.handle, version)
    }

    /// All header names, each once.
    pub fn header_names(&self) -> Result<Vec<String>> {
        headers::REQUEST.names(self.handle)
    }

    /// All values of header `name`, in order (empty if absent).
    pub fn header_values(&self, name: &str) -> Result<Vec<Vec<u8>>> {
        headers::REQUEST.values(self.handle, name)
    }

    /// The first value of header `name`, or `None` if absent.
    pub fn header_value(&self, name: &str) -> Result<Option<Vec<u8>>> {
        headers::REQUEST.value(self.handle, name)
    }

    /// Replaces all values of header `name` with `values`.
    pub fn set_header_values<V: AsRef<[u8]>>(&mut self, name: &str, values: &[V]) -> Result<()> {
        headers::REQUEST.set_values(self.handle, name, values)
    }

    /// Sets header `name` to the single value `value`.
    pub fn insert_header(&mut self, name: &str, value: impl AsRef<[u8]>) -> Result<()> {
        headers::REQUEST.insert(self.handle, name, value.as_ref())
    }

    /// Adds `value` to header `name`, keeping the existing values.
    pub fn append_header(&mut self, name: &str, value: impl AsRef<[u8]>) -> Result<()> {
        headers::REQUEST.append(self.handle, name, value.as_ref())
    }

    /// Removes header `name`; returns false if it was absent.
    pub fn remove_header(&mut self, name: &str) -> Result<bool> {
        headers::REQUEST.remove(self.handle, name)
    }

    /// The client's IP address (only meaningful on the downstream request).
    pub fn client_ip_addr(&self) -> Result<IpAddr> {
        let mut octets = [0u8; 16];
        let mut n: usize = 0;
        Status::check(unsafe {
            sys::fastly_http_downstream::downstream_client_ip_addr(
                self.handle,
                octets.as_mut_ptr(),
                &mut n,
            )
        })?;
        ip_from_octets(&octets, n)
    }

    /// The server's IP address the client connected to (downstream request only).
    pub fn server_ip_addr(&self) -> Result<IpAddr> {
        let mut octets = [0u8; 16];
        let mut n: usize = 0;
        Status::check(unsafe {
            sys::fastly_http_downstream::downstream_server_ip_addr(
                self.handle,
                octets.as_mut_ptr(),
                &mut n,
            )
        })?;
        ip_from_octets(&octets, n)
    }

    /// Frees the request handle.
    pub fn close(self) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_req::close(self.handle) })
    }

    /// Hands the client's WebSocket upgrade to `backend` (WebSocket passthrough), which gets this
    /// request's URI and headers; the host relays the frames from then on, so the guest ends
    /// without sending a response. `INVAL` when the backend is unknown or the client request is no
    /// WebSocket upgrade (the client can then still be answered).
    pub fn handoff_websocket(self, backend: &str) -> Result<()> {
        let st = unsafe {
            sys::fastly_http_req::redirect_to_websocket_proxy_v2(self.handle, backend.as_ptr(), backend.len())
        };
        Status::check(st)
    }
}

/// Hands the client's WebSocket upgrade, as the client sent it, to `backend` (`upgrade_websocket`);
/// see [`Request::handoff_websocket`].
pub fn handoff_client_websocket(backend: &str) -> Result<()> {
    Status::check(unsafe { sys::fastly_http_req::upgrade_websocket(backend.as_ptr(), backend.len()) })
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

/// An HTTP response handle.
#[derive(Debug, PartialEq, Eq)]
pub struct Response {
    handle: sys::Handle,
}

impl Response {
    /// Creates a new response (status 200, no headers).
    pub fn new() -> Result<Response> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe { sys::fastly_http_resp::new(&mut h) })?;
        Ok(Response { handle: h })
    }

    /// Wraps a raw response handle.
    pub fn from_handle(handle: sys::Handle) -> Response {
        Response { handle }
    }

    /// The raw handle.
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// The status code.
    pub fn status(&self) -> Result<u16> {
        let mut s: u16 = 0;
        Status::check(unsafe { sys::fastly_http_resp::status_get(self.handle, &mut s) })?;
        Ok(s)
    }

    /// Sets the status code.
    pub fn set_status(&mut self, status: u16) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_resp::status_set(self.handle, status) })
    }

    /// The HTTP version.
    pub fn version(&self) -> Result<HttpVersion> {
        headers::RESPONSE.version(self.handle)
    }

    /// Sets the HTTP version.
    pub fn set_version(&mut self, version: HttpVersion) -> Result<()> {
        headers::RESPONSE.set_version(self.handle, version)
    }

    /// All header names, each once.
    pub fn header_names(&self) -> Result<Vec<String>> {
        headers::RESPONSE.names(self.handle)
    }

    /// All values of header `name`, in order (empty if absent).
    pub fn header_values(&self, name: &str) -> Result<Vec<Vec<u8>>> {
        headers::RESPONSE.values(self.handle, name)
    }

    /// The first value of header `name`, or `None` if absent.
    pub fn header_value(&self, name: &str) -> Result<Option<Vec<u8>>> {
        headers::RESPONSE.value(self.handle, name)
    }

    /// Replaces all values of header `name` with `values`.
    pub fn set_header_values<V: AsRef<[u8]>>(&mut self, name: &str, values: &[V]) -> Result<()> {
        headers::RESPONSE.set_values(self.handle, name, values)
    }

    /// Sets header `name` to the single value `value`.
    pub fn insert_header(&mut self, name: &str, value: impl AsRef<[u8]>) -> Result<()> {
        headers::RESPONSE.insert(self.handle, name, value.as_ref())
    }

    /// Adds `value` to header `name`, keeping the existing values.
    pub fn append_header(&mut self, name: &str, value: impl AsRef<[u8]>) -> Result<()> {
        headers::RESPONSE.append(self.handle, name, value.as_ref())
    }

    /// Removes header `name`; returns false if it was absent.
    pub fn remove_header(&mut self, name: &str) -> Result<bool> {
        headers::RESPONSE.remove(self.handle, name)
    }

    /// Sends the response downstream with the whole of `body` (non-streaming).
    pub fn send(self, body: Body) -> Result<()> {
        Status::check(unsafe {
            sys::fastly_http_resp::send_downstream(self.handle, body.handle(), 0)
        })
    }

    /// Sends the response head downstream now and returns the body as a stream: what is
    /// written to it afterwards goes to the client, and [`Body::close`] ends the response.
    pub fn send_streaming(self, body: Body) -> Result<Body> {
        Status::check(unsafe {
            sys::fastly_http_resp::send_downstream(self.handle, body.handle(), 1)
        })?;
        Ok(body)
    }

    /// Frees the response handle without sending it.
    pub fn close(self) -> Result<()> {
        Status::check(unsafe { sys::fastly_http_resp::close(self.handle) })
    }
}
