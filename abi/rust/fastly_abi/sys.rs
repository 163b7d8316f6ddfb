//! The raw host imports, one `extern "C"` block per import module. Every function returns a
//! `fastly_status` code (see [`super::Status`]).
//!
//! Safety for all of them: pointers must point into this module's linear memory with the
//! stated lengths, and out-pointers must be valid for the host to write.

/// A host handle (request, response, body, log endpoint, ...).
pub type Handle = u32;
/// The raw status code every hostcall returns.
pub type RawStatus = u32;
/// The handle value guest SDKs use to mean "no handle".
pub const INVALID_HANDLE: Handle = 0xFFFF_FFFE;

/// `fastly_abi`: ABI version negotiation.
pub mod fastly_abi {
    use super::RawStatus;
    #[link(wasm_import_module = "fastly_abi")]
    extern "C" {
        /// Tells the host which ABI version the guest speaks (Ledge accepts 1).
        pub fn init(abi_version: u64) -> RawStatus;
    }
}

/// `fastly_http_req`: requests (the downstream one and new ones).
pub mod fastly_http_req {
    use super::{DynamicBackendConfig, Handle, RawStatus, SendErrorDetail};
    #[link(wasm_import_module = "fastly_http_req")]
    extern "C" {
        /// Gets the downstream request and its body.
        pub fn body_downstream_get(req_out: *mut Handle, body_out: *mut Handle) -> RawStatus;
        /// Creates a new, empty request.
        pub fn new(req_out: *mut Handle) -> RawStatus;
        /// Copies the method into `buf`; `buflen` if it does not fit.
        pub fn method_get(
            h: Handle,
            buf: *mut u8,
            buf_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Sets the method.
        pub fn method_set(h: Handle, method: *const u8, method_len: usize) -> RawStatus;
        /// Copies the URI into `buf`; `buflen` if it does not fit.
        pub fn uri_get(
            h: Handle,
            buf: *mut u8,
            buf_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Sets the URI.
        pub fn uri_set(h: Handle, uri: *const u8, uri_len: usize) -> RawStatus;
        /// Gets the HTTP version (an `http_version` enum value).
        pub fn version_get(h: Handle, version_out: *mut u32) -> RawStatus;
        /// Sets the HTTP version.
        pub fn version_set(h: Handle, version: u32) -> RawStatus;
        /// Multi-value getter for header names (cursor protocol).
        pub fn header_names_get(
            h: Handle,
            buf: *mut u8,
            buf_len: usize,
            cursor: u32,
            ending_cursor_out: *mut i64,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Copies the first value of a header; `none` if absent.
        pub fn header_value_get(
            h: Handle,
            name: *const u8,
            name_len: usize,
            value: *mut u8,
            value_max_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Multi-value getter for all values of a header (cursor protocol).
        pub fn header_values_get(
            h: Handle,
            name: *const u8,
            name_len: usize,
            buf: *mut u8,
            buf_len: usize,
            cursor: u32,
            ending_cursor_out: *mut i64,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Replaces all values of a header; `values` holds NUL-terminated values.
        pub fn header_values_set(
            h: Handle,
            name: *const u8,
            name_len: usize,
            values: *const u8,
            values_len: usize,
        ) -> RawStatus;
        /// Sets a header to a single value, replacing any existing values.
        pub fn header_insert(
            h: Handle,
            name: *const u8,
            name_len: usize,
            value: *const u8,
            value_len: usize,
        ) -> RawStatus;
        /// Adds a value to a header, keeping existing values.
        pub fn header_append(
            h: Handle,
            name: *const u8,
            name_len: usize,
            value: *const u8,
            value_len: usize,
        ) -> RawStatus;
        /// Removes a header; `none` if it was absent.
        pub fn header_remove(h: Handle, name: *const u8, name_len: usize) -> RawStatus;
        /// Frees a request handle.
        /// Sends the request and body (both consumed) to `backend` and waits for the response;
        /// on failure `error_detail` says why.
        pub fn send_v2(
            h: Handle,
            b: Handle,
            backend: *const u8,
            backend_len: usize,
            error_detail: *mut SendErrorDetail,
            resp_out: *mut Handle,
            resp_body_out: *mut Handle,
        ) -> RawStatus;
        /// Starts sending the request and body (both consumed) to `backend`; gives a pending request.
        pub fn send_async(
            h: Handle,
            b: Handle,
            backend: *const u8,
            backend_len: usize,
            pending_out: *mut Handle,
        ) -> RawStatus;
        /// Like `send_async`, but `b` stays writable by the guest (close it to end the request).
        pub fn send_async_streaming(
            h: Handle,
            b: Handle,
            backend: *const u8,
            backend_len: usize,
            pending_out: *mut Handle,
        ) -> RawStatus;
        /// Waits for a pending request (consumed) and gives its response; on failure
        /// `error_detail` says why.
        pub fn pending_req_wait_v2(
            h: Handle,
            error_detail: *mut SendErrorDetail,
            resp_out: *mut Handle,
            resp_body_out: *mut Handle,
        ) -> RawStatus;
        /// Waits for the first of `hs` to complete; gives its index and response (that handle
        /// is consumed); on failure `error_detail` says why.
        pub fn pending_req_select_v2(
            hs: *const Handle,
            hs_len: usize,
            error_detail: *mut SendErrorDetail,
            done_idx_out: *mut u32,
            resp_out: *mut Handle,
            resp_body_out: *mut Handle,
        ) -> RawStatus;
        /// Defines a backend at run time called `name` for `target` (`host[:port]`); `config`
        /// fields are read only where `config_mask` (backend_config_options) has their bit.
        pub fn register_dynamic_backend(
            name: *const u8,
            name_len: usize,
            target: *const u8,
            target_len: usize,
            config_mask: u32,
            config: *const DynamicBackendConfig,
        ) -> RawStatus;
        pub fn close(h: Handle) -> RawStatus;
        /// Hands the client's WebSocket upgrade to a backend (WebSocket passthrough).
        pub fn upgrade_websocket(backend_name: *const u8, backend_name_len: usize) -> RawStatus;
        /// The older name of `upgrade_websocket`.
        pub fn redirect_to_websocket_proxy(backend_name: *const u8, backend_name_len: usize) -> RawStatus;
        /// Hands the client's WebSocket upgrade to a backend, sending request `h`'s URI and headers there.
        pub fn redirect_to_websocket_proxy_v2(
            h: Handle,
            backend_name: *const u8,
            backend_name_len: usize,
        ) -> RawStatus;
    }
}

/// `fastly_http_downstream`: facts about the downstream connection.
pub mod fastly_http_downstream {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_http_downstream")]
    extern "C" {
        /// Writes the client's address (4 or 16 octets) into a 16-byte buffer.
        pub fn downstream_client_ip_addr(
            req: Handle,
            addr_octets_out: *mut u8,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Writes the server's address (4 or 16 octets) into a 16-byte buffer.
        pub fn downstream_server_ip_addr(
            req: Handle,
            addr_octets_out: *mut u8,
            nwritten_out: *mut usize,
        ) -> RawStatus;
    }
}

/// `fastly_http_resp`: responses.
pub mod fastly_http_resp {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_http_resp")]
    extern "C" {
        /// Creates a new response (status 200, no headers).
        pub fn new(resp_out: *mut Handle) -> RawStatus;
        /// Gets the status code (`http_status` is a u16).
        pub fn status_get(h: Handle, status_out: *mut u16) -> RawStatus;
        /// Sets the status code.
        pub fn status_set(h: Handle, status: u16) -> RawStatus;
        /// Multi-value getter for header names (cursor protocol).
        pub fn header_names_get(
            h: Handle,
            buf: *mut u8,
            buf_len: usize,
            cursor: u32,
            ending_cursor_out: *mut i64,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Copies the first value of a header; `none` if absent.
        pub fn header_value_get(
            h: Handle,
            name: *const u8,
            name_len: usize,
            value: *mut u8,
            value_max_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Multi-value getter for all values of a header (cursor protocol).
        pub fn header_values_get(
            h: Handle,
            name: *const u8,
            name_len: usize,
            buf: *mut u8,
            buf_len: usize,
            cursor: u32,
            ending_cursor_out: *mut i64,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Replaces all values of a header; `values` holds NUL-terminated values.
        pub fn header_values_set(
            h: Handle,
            name: *const u8,
            name_len: usize,
            values: *const u8,
            values_len: usize,
        ) -> RawStatus;
        /// Sets a header to a single value, replacing any existing values.
        pub fn header_insert(
            h: Handle,
            name: *const u8,
            name_len: usize,
            value: *const u8,
            value_len: usize,
        ) -> RawStatus;
        /// Adds a value to a header, keeping existing values.
        pub fn header_append(
            h: Handle,
            name: *const u8,
            name_len: usize,
            value: *const u8,
            value_len: usize,
        ) -> RawStatus;
        /// Removes a header; `none` if it was absent.
        pub fn header_remove(h: Handle, name: *const u8, name_len: usize) -> RawStatus;
        /// Gets the HTTP version (an `http_version` enum value).
        pub fn version_get(h: Handle, version_out: *mut u32) -> RawStatus;
        /// Sets the HTTP version.
        pub fn version_set(h: Handle, version: u32) -> RawStatus;
        /// Sends the response downstream with `body`; `streaming` = 1 keeps `body` open
        /// for further writes (headers go out first), 0 sends it whole and consumes it.
        pub fn send_downstream(h: Handle, body: Handle, streaming: u32) -> RawStatus;
        /// Frees a response handle.
        pub fn close(h: Handle) -> RawStatus;
    }
}

/// `fastly_http_body`: byte streams.
pub mod fastly_http_body {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_http_body")]
    extern "C" {
        /// Creates a new, empty body.
        pub fn new(body_out: *mut Handle) -> RawStatus;
        /// Reads up to `buf_len` bytes; 0 bytes read means the body has ended.
        pub fn read(
            h: Handle,
            buf: *mut u8,
            buf_len: usize,
            nread_out: *mut usize,
        ) -> RawStatus;
        /// Writes bytes at the back (`end` = 0) or front (`end` = 1) of the body.
        pub fn write(
            h: Handle,
            buf: *const u8,
            buf_len: usize,
            end: u32,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Moves all of `src` onto the end of `dest`; `src` is consumed.
        pub fn append(dest: Handle, src: Handle) -> RawStatus;
        /// Frees a body; for a streaming body this ends the stream successfully.
        pub fn close(h: Handle) -> RawStatus;
        /// Gets the body's length if known (`body_length` is a u64); `none` otherwise.
        pub fn known_length(h: Handle, length_out: *mut u64) -> RawStatus;
    }
}

/// `fastly_geo`: geolocation of IP addresses.
pub mod fastly_geo {
    use super::RawStatus;
    #[link(wasm_import_module = "fastly_geo")]
    extern "C" {
        /// Writes what is known about an IPv4 (4 bytes) or IPv6 (16 bytes) address as one JSON
        /// object; nothing known: ok with 0 bytes; `buflen` if it does not fit.
        pub fn lookup(
            addr_octets: *const u8,
            addr_len: usize,
            buf: *mut u8,
            buf_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
    }
}

/// `fastly_log`: named log endpoints.
pub mod fastly_log {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_log")]
    extern "C" {
        /// Looks up a log endpoint by name.
        pub fn endpoint_get(
            name: *const u8,
            name_len: usize,
            endpoint_out: *mut Handle,
        ) -> RawStatus;
        /// Writes one message to a log endpoint.
        pub fn write(
            h: Handle,
            msg: *const u8,
            msg_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
    }
}


/// The `send_error_detail` record (20 bytes): why a backend request failed. The guest sets
/// `mask` to the optional fields it understands; the host sets `tag` and the bits it filled.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendErrorDetail {
    /// @0 a `send_error_detail_tag` value (1 ok, 7 connection_refused, ...).
    pub tag: u32,
    /// @4 `send_error_detail_mask` bits.
    pub mask: u32,
    /// @8 DNS response code, when the dns_error_rcode bit is set.
    pub dns_error_rcode: u16,
    /// @10 DNS extended error code, when the dns_error_info_code bit is set.
    pub dns_error_info_code: u16,
    /// @12 TLS alert number, when the tls_alert_id bit is set.
    pub tls_alert_id: u8,
    /// @13 HTTP/2 frame type, when the h2_error bit is set.
    pub h2_error_frame: u8,
    /// @16 HTTP/2 error code, when the h2_error bit is set.
    pub h2_error_code: u32,
}

/// The `dynamic_backend_config` record (108 bytes); a field is read only when its
/// `backend_config_options` bit is set in the mask passed alongside.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct DynamicBackendConfig {
    /// @0 Host header to send instead of the request's own.
    pub host_override: *const u8,
    /// @4
    pub host_override_len: u32,
    /// @8
    pub connect_timeout_ms: u32,
    /// @12
    pub first_byte_timeout_ms: u32,
    /// @16
    pub between_bytes_timeout_ms: u32,
    /// @20 a `tls_version` value.
    pub ssl_min_version: u32,
    /// @24 a `tls_version` value.
    pub ssl_max_version: u32,
    /// @28
    pub cert_hostname: *const u8,
    /// @32
    pub cert_hostname_len: u32,
    /// @36 PEM text.
    pub ca_cert: *const u8,
    /// @40
    pub ca_cert_len: u32,
    /// @44 OpenSSL cipher list.
    pub ciphers: *const u8,
    /// @48
    pub ciphers_len: u32,
    /// @52
    pub sni_hostname: *const u8,
    /// @56
    pub sni_hostname_len: u32,
    /// @60 PEM text.
    pub client_certificate: *const u8,
    /// @64
    pub client_certificate_len: u32,
    /// @68 a secret handle holding the client key.
    pub client_key: Handle,
    /// @72
    pub http_keepalive_time_ms: u32,
    /// @76 boolean.
    pub tcp_keepalive_enable: u32,
    /// @80
    pub tcp_keepalive_interval_secs: u32,
    /// @84
    pub tcp_keepalive_probes: u32,
    /// @88
    pub tcp_keepalive_time_secs: u32,
    /// @92
    pub max_connections: u32,
    /// @96
    pub max_use: u32,
    /// @100
    pub max_lifetime_ms: u32,
    /// @104 pointer to a `healthcheck_config` record.
    pub healthcheck: *const u8,
}

impl DynamicBackendConfig {
    /// A configuration with every field zero (use it with a mask of 0 for the defaults).
    pub const fn zeroed() -> DynamicBackendConfig {
        DynamicBackendConfig {
            host_override: std::ptr::null(),
            host_override_len: 0,
            connect_timeout_ms: 0,
            first_byte_timeout_ms: 0,
            between_bytes_timeout_ms: 0,
            ssl_min_version: 0,
            ssl_max_version: 0,
            cert_hostname: std::ptr::null(),
            cert_hostname_len: 0,
            ca_cert: std::ptr::null(),
            ca_cert_len: 0,
            ciphers: std::ptr::null(),
            ciphers_len: 0,
            sni_hostname: std::ptr::null(),
            sni_hostname_len: 0,
            client_certificate: std::ptr::null(),
            client_certificate_len: 0,
            client_key: INVALID_HANDLE,
            http_keepalive_time_ms: 0,
            tcp_keepalive_enable: 0,
            tcp_keepalive_interval_secs: 0,
            tcp_keepalive_probes: 0,
            tcp_keepalive_time_secs: 0,
            max_connections: 0,
            max_use: 0,
            max_lifetime_ms: 0,
            healthcheck: std::ptr::null(),
        }
    }
}

#[cfg(target_arch = "wasm32")]
const _: () = {
    assert!(std::mem::size_of::<SendErrorDetail>() == 20);
    assert!(std::mem::size_of::<DynamicBackendConfig>() == 108);
};

/// `fastly_backend`: facts about named backends, static or dynamic.
pub mod fastly_backend {
    use super::RawStatus;
    #[link(wasm_import_module = "fastly_backend")]
    extern "C" {
        /// Writes 1 if a backend called `name` exists, else 0.
        pub fn exists(name: *const u8, name_len: usize, exists_out: *mut u32) -> RawStatus;
        /// Copies the host the backend points at; `buflen` if it does not fit.
        pub fn get_host(
            name: *const u8,
            name_len: usize,
            value: *mut u8,
            value_max_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Writes the backend's TCP port (a u16).
        pub fn get_port(name: *const u8, name_len: usize, port_out: *mut u16) -> RawStatus;
    }
}

/// `fastly_async_io`: waiting on several asynchronous handles at once.
pub mod fastly_async_io {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_async_io")]
    extern "C" {
        /// Waits until one of `hs` is ready or `timeout_ms` passes (0: no timeout); writes the
        /// index of a ready handle, or `u32::MAX` on timeout.
        pub fn select(
            hs: *const Handle,
            hs_len: usize,
            timeout_ms: u32,
            ready_idx_out: *mut u32,
        ) -> RawStatus;
    }
}

/// `fastly_config_store`: read-only string maps configured for the service.
pub mod fastly_config_store {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_config_store")]
    extern "C" {
        /// Opens the config store called `name`.
        pub fn open(name: *const u8, name_len: usize, store_out: *mut Handle) -> RawStatus;
        /// Copies the value stored under `key`; `none` if absent, `buflen` if it does not fit.
        pub fn get(
            h: Handle,
            key: *const u8,
            key_len: usize,
            value: *mut u8,
            value_max_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
    }
}

/// `fastly_dictionary`: the older form of config stores.
pub mod fastly_dictionary {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_dictionary")]
    extern "C" {
        /// Opens the dictionary called `name`.
        pub fn open(name: *const u8, name_len: usize, dict_out: *mut Handle) -> RawStatus;
        /// Copies the value stored under `key`; `none` if absent, `buflen` if it does not fit.
        pub fn get(
            h: Handle,
            key: *const u8,
            key_len: usize,
            value: *mut u8,
            value_max_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
    }
}

/// `fastly_secret_store`: named secrets.
pub mod fastly_secret_store {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_secret_store")]
    extern "C" {
        /// Opens the secret store called `name`; `none` if there is none.
        pub fn open(name: *const u8, name_len: usize, store_out: *mut Handle) -> RawStatus;
        /// Looks up the secret called `key`; `none` if absent.
        pub fn get(
            store: Handle,
            key: *const u8,
            key_len: usize,
            secret_out: *mut Handle,
        ) -> RawStatus;
        /// Copies the secret's value; `buflen` if it does not fit.
        pub fn plaintext(
            secret: Handle,
            buf: *mut u8,
            buf_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
    }
}

/// `ledge_crypto`: Ledge's own digests, HMACs, signature checks, random bytes and JWT checks
/// (not part of Fastly's ABI; a guest importing it runs only on Ledge).
pub mod ledge_crypto {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "ledge_crypto")]
    extern "C" {
        /// Hashes `data` (0 SHA-256, 1 SHA-384, 2 SHA-512); `buflen` if `buf` is too small.
        pub fn digest(
            alg: u32,
            data: *const u8,
            data_len: usize,
            buf: *mut u8,
            buf_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// The HMAC of `data` under `key`; `buflen` if `buf` is too small.
        pub fn hmac_sign(
            alg: u32,
            key: *const u8,
            key_len: usize,
            data: *const u8,
            data_len: usize,
            buf: *mut u8,
            buf_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// Compares `mac` with the HMAC of `data` in constant time; `valid_out` gets 1 or 0.
        pub fn hmac_verify(
            alg: u32,
            key: *const u8,
            key_len: usize,
            data: *const u8,
            data_len: usize,
            mac: *const u8,
            mac_len: usize,
            valid_out: *mut u32,
        ) -> RawStatus;
        /// Parses a public key (0 JWK JSON, 1 SPKI DER) into a handle; `inval` if unsupported.
        pub fn public_key_import(
            format: u32,
            key: *const u8,
            key_len: usize,
            key_out: *mut Handle,
        ) -> RawStatus;
        /// Forgets an imported key.
        pub fn public_key_close(key: Handle) -> RawStatus;
        /// Checks a signature; `valid_out` gets 1 or 0; `inval` if the algorithm does not fit the key.
        pub fn signature_verify(
            key: Handle,
            alg: u32,
            data: *const u8,
            data_len: usize,
            signature: *const u8,
            signature_len: usize,
            valid_out: *mut u32,
        ) -> RawStatus;
        /// Fills `buf` with strong random bytes (at most 65536 per call).
        pub fn random_bytes(buf: *mut u8, buf_len: usize) -> RawStatus;
        /// Checks a JWT against a JWK set; `error` with `jwt_error_out` when refused.
        pub fn jwt_verify(
            token: *const u8,
            token_len: usize,
            jwks_source: u32,
            store: *const u8,
            store_len: usize,
            entry: *const u8,
            entry_len: usize,
            options: *const JwtVerifyOptions,
            claims_buf: *mut u8,
            buf_len: usize,
            nwritten_out: *mut usize,
            jwt_error_out: *mut u32,
        ) -> RawStatus;
    }

    /// The `jwt_verify_options` record (24 bytes).
    #[repr(C)]
    #[derive(Clone, Copy, Debug)]
    pub struct JwtVerifyOptions {
        pub algorithms: u32,
        pub clock_skew_sec: u32,
        pub issuer: *const u8,
        pub issuer_len: usize,
        pub audience: *const u8,
        pub audience_len: usize,
    }
}
