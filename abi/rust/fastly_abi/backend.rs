//! Requests to backends: blocking and asynchronous sends, pending requests, dynamic backends,
//! facts about backends, and waiting on several handles with [`async_io`].

use super::{get_bytes, sys, Body, Request, Response, Result, Status};
use std::fmt;

/// The `send_error_detail_mask` bits this binding understands (all optional fields).
const DETAIL_MASK_ALL: u32 = 2 | 4 | 8 | 16;
/// `backend_config_options` bits used by [`DynamicBackend`].
const OPT_HOST_OVERRIDE: u32 = 2;
const OPT_CONNECT_TIMEOUT: u32 = 4;
const OPT_FIRST_BYTE_TIMEOUT: u32 = 8;
const OPT_BETWEEN_BYTES_TIMEOUT: u32 = 16;
const OPT_USE_SSL: u32 = 32;
const OPT_CA_CERT: u32 = 512;
const OPT_SNI_HOSTNAME: u32 = 2048;
const OPT_CLIENT_CERT: u32 = 8192;
/// `send_error_detail_mask` bit of `tls_alert_id`.
const DETAIL_TLS_ALERT_ID: u32 = 8;

// ---------------------------------------------------------------------------------------------
// Send errors
// ---------------------------------------------------------------------------------------------

/// A `send_error_detail_tag` value: what went wrong with a backend request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SendErrorTag(pub u32);

impl SendErrorTag {
    /// 0: the host filled in nothing.
    pub const UNINITIALIZED: SendErrorTag = SendErrorTag(0);
    /// 1: no error.
    pub const OK: SendErrorTag = SendErrorTag(1);
    /// 4: no such backend or destination.
    pub const DESTINATION_NOT_FOUND: SendErrorTag = SendErrorTag(4);
    /// 7: the backend refused the connection.
    pub const CONNECTION_REFUSED: SendErrorTag = SendErrorTag(7);
    /// 9: connecting to the backend timed out.
    pub const CONNECTION_TIMEOUT: SendErrorTag = SendErrorTag(9);
    /// 11: the backend's TLS certificate was not accepted.
    pub const TLS_CERTIFICATE_ERROR: SendErrorTag = SendErrorTag(11);
    /// 16: the backend sent no response in time.
    pub const HTTP_RESPONSE_TIMEOUT: SendErrorTag = SendErrorTag(16);
    /// 23: the backend ended the TLS handshake with an alert (see [`SendError::tls_alert`]).
    pub const TLS_ALERT_RECEIVED: SendErrorTag = SendErrorTag(23);

    /// The witx name with spaces, e.g. `"connection refused"`, or `"unknown"`.
    pub fn description(self) -> &'static str {
        const NAMES: [&str; 26] = [
            "uninitialized",
            "ok",
            "dns timeout",
            "dns error",
            "destination not found",
            "destination unavailable",
            "destination ip unroutable",
            "connection refused",
            "connection terminated",
            "connection timeout",
            "connection limit reached",
            "tls certificate error",
            "tls configuration error",
            "http incomplete response",
            "http response header section too large",
            "http response body too large",
            "http response timeout",
            "http response status invalid",
            "http upgrade failed",
            "http protocol error",
            "http request cache key invalid",
            "http request uri invalid",
            "internal error",
            "tls alert received",
            "tls protocol error",
            "h2 error",
        ];
        NAMES.get(self.0 as usize).copied().unwrap_or("unknown")
    }
}

/// A failed backend request: the hostcall's status and the host's `send_error_detail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SendError {
    /// The status the hostcall returned.
    pub status: Status,
    /// The detail record as the host wrote it (its tag says why).
    pub detail: sys::SendErrorDetail,
}

impl SendError {
    /// Why the request failed, as the host classified it.
    pub fn tag(&self) -> SendErrorTag {
        SendErrorTag(self.detail.tag)
    }

    /// The TLS alert number the backend sent (e.g. 42 bad_certificate, 116 certificate_required),
    /// when the host filled it in.
    pub fn tls_alert(&self) -> Option<u8> {
        if self.detail.mask & DETAIL_TLS_ALERT_ID != 0 {
            Some(self.detail.tls_alert_id)
        } else {
            None
        }
    }

    fn new(status: Status, detail: sys::SendErrorDetail) -> SendError {
        SendError { status, detail }
    }
}

impl fmt::Display for SendError {
    /// The detail's description (e.g. `connection refused`), or the status if there is none.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.tag() {
            SendErrorTag::UNINITIALIZED | SendErrorTag::OK => write!(f, "{}", self.status),
            tag => f.write_str(tag.description()),
        }
    }
}

impl std::error::Error for SendError {}

impl From<Status> for SendError {
    fn from(status: Status) -> SendError {
        SendError::new(status, sys::SendErrorDetail::default())
    }
}

/// A detail record asking for every optional field.
fn blank_detail() -> sys::SendErrorDetail {
    sys::SendErrorDetail {
        mask: DETAIL_MASK_ALL,
        ..Default::default()
    }
}

/// The outcome of a send or wait: the response head and body, or why there is none.
pub type SendResult = std::result::Result<(Response, Body), SendError>;

fn answer(raw: sys::RawStatus, detail: sys::SendErrorDetail, resp: u32, body: u32) -> SendResult {
    match Status::check(raw) {
        Ok(()) => Ok((Response::from_handle(resp), Body::from_handle(body))),
        Err(status) => Err(SendError::new(status, detail)),
    }
}

// ---------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------

impl Request {
    /// Sends the request with `body` (both consumed) to `backend` and waits for the response head;
    /// the response body streams in as it is read (`send_v2`).
    pub fn send(self, body: Body, backend: &str) -> SendResult {
        let mut detail = blank_detail();
        let mut resp = sys::INVALID_HANDLE;
        let mut resp_body = sys::INVALID_HANDLE;
        let raw = unsafe {
            sys::fastly_http_req::send_v2(
                self.handle(),
                body.handle(),
                backend.as_ptr(),
                backend.len(),
                &mut detail,
                &mut resp,
                &mut resp_body,
            )
        };
        answer(raw, detail, resp, resp_body)
    }

    /// Starts sending the request with `body` (both consumed) to `backend` (`send_async`).
    pub fn send_async(self, body: Body, backend: &str) -> Result<PendingRequest> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe {
            sys::fastly_http_req::send_async(
                self.handle(),
                body.handle(),
                backend.as_ptr(),
                backend.len(),
                &mut h,
            )
        })?;
        Ok(PendingRequest { handle: h })
    }

    /// Starts sending the request to `backend` while `body` stays writable: write to the
    /// returned body and close it to end the request (`send_async_streaming`).
    pub fn send_async_streaming(self, body: Body, backend: &str) -> Result<(PendingRequest, Body)> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe {
            sys::fastly_http_req::send_async_streaming(
                self.handle(),
                body.handle(),
                backend.as_ptr(),
                backend.len(),
                &mut h,
            )
        })?;
        Ok((PendingRequest { handle: h }, body))
    }
}

/// A request sent with [`Request::send_async`] whose response has not been taken yet.
#[derive(Debug, PartialEq, Eq)]
pub struct PendingRequest {
    handle: sys::Handle,
}

impl PendingRequest {
    /// Wraps a raw pending-request handle.
    pub fn from_handle(handle: sys::Handle) -> PendingRequest {
        PendingRequest { handle }
    }

    /// The raw handle (e.g. for [`async_io::select`]).
    pub fn handle(&self) -> sys::Handle {
        self.handle
    }

    /// Waits for the response (`pending_req_wait_v2`); the pending request is consumed.
    pub fn wait(self) -> SendResult {
        let mut detail = blank_detail();
        let mut resp = sys::INVALID_HANDLE;
        let mut resp_body = sys::INVALID_HANDLE;
        let raw = unsafe {
            sys::fastly_http_req::pending_req_wait_v2(
                self.handle,
                &mut detail,
                &mut resp,
                &mut resp_body,
            )
        };
        answer(raw, detail, resp, resp_body)
    }

    /// Waits for the first of `pending` to complete (`pending_req_select_v2`). Gives its index
    /// in `pending` (`None` if the host refused the call and nothing completed), its outcome,
    /// and the others in their original order.
    pub fn select(
        mut pending: Vec<PendingRequest>,
    ) -> (Option<usize>, SendResult, Vec<PendingRequest>) {
        let handles: Vec<sys::Handle> = pending.iter().map(|p| p.handle).collect();
        let mut detail = blank_detail();
        let mut idx = u32::MAX;
        let mut resp = sys::INVALID_HANDLE;
        let mut resp_body = sys::INVALID_HANDLE;
        let raw = unsafe {
            sys::fastly_http_req::pending_req_select_v2(
                handles.as_ptr(),
                handles.len(),
                &mut detail,
                &mut idx,
                &mut resp,
                &mut resp_body,
            )
        };
        let idx = idx as usize;
        if idx >= pending.len() {
            let status = Status::check(raw).err().unwrap_or(Status::ERROR);
            return (None, Err(SendError::new(status, detail)), pending);
        }
        pending.remove(idx);
        (Some(idx), answer(raw, detail, resp, resp_body), pending)
    }
}

// ---------------------------------------------------------------------------------------------
// Backends
// ---------------------------------------------------------------------------------------------

/// A backend by name (from fastly.toml or registered at run time), for asking the host about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backend {
    name: String,
}

impl Backend {
    /// Refers to the backend called `name` (whether it exists is not checked).
    pub fn from_name(name: &str) -> Backend {
        Backend {
            name: name.to_string(),
        }
    }

    /// The backend's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether a backend of this name exists (`fastly_backend.exists`).
    pub fn exists(&self) -> Result<bool> {
        let mut out: u32 = 0;
        Status::check(unsafe {
            sys::fastly_backend::exists(self.name.as_ptr(), self.name.len(), &mut out)
        })?;
        Ok(out != 0)
    }

    /// The host the backend points at (`fastly_backend.get_host`).
    pub fn host(&self) -> Result<String> {
        let name = &self.name;
        let bytes = get_bytes(|p, l, n| unsafe {
            sys::fastly_backend::get_host(name.as_ptr(), name.len(), p, l, n)
        })?;
        String::from_utf8(bytes).map_err(|_| Status::ERROR)
    }

    /// The TCP port the backend is reached on (`fastly_backend.get_port`).
    pub fn port(&self) -> Result<u16> {
        let mut port: u16 = 0;
        Status::check(unsafe {
            sys::fastly_backend::get_port(self.name.as_ptr(), self.name.len(), &mut port)
        })?;
        Ok(port)
    }
}

/// Settings for a backend registered at run time (`register_dynamic_backend`).
#[derive(Clone, Debug)]
pub struct DynamicBackend {
    name: String,
    target: String,
    mask: u32,
    host_override: String,
    sni_hostname: String,
    ca_cert: String,
    client_cert: String,
    client_key: sys::Handle,
    connect_timeout_ms: u32,
    first_byte_timeout_ms: u32,
    between_bytes_timeout_ms: u32,
}

impl DynamicBackend {
    /// A backend called `name` for `target` (`host` or `host:port`), with the host's defaults.
    pub fn new(name: &str, target: &str) -> DynamicBackend {
        DynamicBackend {
            name: name.to_string(),
            target: target.to_string(),
            mask: 0,
            host_override: String::new(),
            sni_hostname: String::new(),
            ca_cert: String::new(),
            client_cert: String::new(),
            client_key: 0,
            connect_timeout_ms: 0,
            first_byte_timeout_ms: 0,
            between_bytes_timeout_ms: 0,
        }
    }

    /// Sends `host` as the Host header instead of the request's own.
    pub fn override_host(mut self, host: &str) -> DynamicBackend {
        self.host_override = host.to_string();
        self.mask |= OPT_HOST_OVERRIDE;
        self
    }

    /// Connects over TLS.
    pub fn use_ssl(mut self) -> DynamicBackend {
        self.mask |= OPT_USE_SSL;
        self
    }

    /// Sends `host` as the TLS server name.
    pub fn sni_hostname(mut self, host: &str) -> DynamicBackend {
        self.sni_hostname = host.to_string();
        self.mask |= OPT_SNI_HOSTNAME;
        self
    }

    /// Trusts the CA certificate(s) in `pem` for the backend's certificate instead of the defaults.
    pub fn ca_certificate(mut self, pem: &str) -> DynamicBackend {
        self.ca_cert = pem.to_string();
        self.mask |= OPT_CA_CERT;
        self
    }

    /// Presents a client certificate when the backend asks for one (mutual TLS): `certificate_pem`
    /// is the certificate (chain allowed, the client's own first) and `key` the secret holding its
    /// PEM private key. The host checks both when the backend is registered: `inval` for bad PEM or
    /// a key of another certificate, `badf` when `key` is not an open secret.
    pub fn client_certificate(mut self, certificate_pem: &str, key: &super::Secret) -> DynamicBackend {
        self.client_cert = certificate_pem.to_string();
        self.client_key = key.handle();
        self.mask |= OPT_CLIENT_CERT;
        self
    }

    /// Gives up connecting after `ms` milliseconds.
    pub fn connect_timeout_ms(mut self, ms: u32) -> DynamicBackend {
        self.connect_timeout_ms = ms;
        self.mask |= OPT_CONNECT_TIMEOUT;
        self
    }

    /// Gives up waiting for the first response byte after `ms` milliseconds.
    pub fn first_byte_timeout_ms(mut self, ms: u32) -> DynamicBackend {
        self.first_byte_timeout_ms = ms;
        self.mask |= OPT_FIRST_BYTE_TIMEOUT;
        self
    }

    /// Gives up when the response pauses longer than `ms` milliseconds between bytes.
    pub fn between_bytes_timeout_ms(mut self, ms: u32) -> DynamicBackend {
        self.between_bytes_timeout_ms = ms;
        self.mask |= OPT_BETWEEN_BYTES_TIMEOUT;
        self
    }

    /// Registers the backend with the host; `inval` if the name is taken.
    pub fn register(self) -> Result<Backend> {
        let mut cfg = sys::DynamicBackendConfig::zeroed();
        cfg.host_override = self.host_override.as_ptr();
        cfg.host_override_len = self.host_override.len() as u32;
        cfg.sni_hostname = self.sni_hostname.as_ptr();
        cfg.sni_hostname_len = self.sni_hostname.len() as u32;
        cfg.ca_cert = self.ca_cert.as_ptr();
        cfg.ca_cert_len = self.ca_cert.len() as u32;
        cfg.client_certificate = self.client_cert.as_ptr();
        cfg.client_certificate_len = self.client_cert.len() as u32;
        cfg.client_key = self.client_key;
        cfg.connect_timeout_ms = self.connect_timeout_ms;
        cfg.first_byte_timeout_ms = self.first_byte_timeout_ms;
        cfg.between_bytes_timeout_ms = self.between_bytes_timeout_ms;
        Status::check(unsafe {
            sys::fastly_http_req::register_dynamic_backend(
                self.name.as_ptr(),
                self.name.len(),
                self.target.as_ptr(),
                self.target.len(),
                self.mask,
                &cfg,
            )
        })?;
        Ok(Backend { name: self.name })
    }
}

// ---------------------------------------------------------------------------------------------
// async_io
// ---------------------------------------------------------------------------------------------

/// Waiting on several asynchronous handles (pending requests, bodies) at once.
pub mod async_io {
    use super::super::{sys, Result, Status};

    /// Waits until one of `handles` is ready (`fastly_async_io.select`) and gives its index, or
    /// `None` when `timeout_ms` passed first (0 waits without a time limit).
    pub fn select(handles: &[sys::Handle], timeout_ms: u32) -> Result<Option<usize>> {
        let mut idx = u32::MAX;
        Status::check(unsafe {
            sys::fastly_async_io::select(handles.as_ptr(), handles.len(), timeout_ms, &mut idx)
        })?;
        Ok(if idx == u32::MAX {
            None
        } else {
            Some(idx as usize)
        })
    }
}
