//! Raw host imports of the platform modules: KV stores, ACLs, edge rate limiting, the core
//! cache, the HTTP cache and purging. Same conventions as [`super::sys`]: every function
//! returns a `fastly_status` code, strings are a pointer and a length, results come back
//! through out-pointers, and `u64` values are `i64` in core Wasm.

use super::sys::{Handle, RawStatus};

/// `kv_insert_config` (32 bytes, align 8).
#[repr(C, align(8))]
#[derive(Clone, Copy, Debug)]
pub struct KvInsertConfig {
    /// `kv_insert_mode`: 0 overwrite, 1 add, 2 append, 3 prepend.
    pub mode: u32,
    pub unused: u32,
    pub metadata: *const u8,
    pub metadata_len: u32,
    pub time_to_live_sec: u32,
    pub _pad: u32,
    pub if_generation_match: u64,
}

/// `kv_list_config` (24 bytes).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct KvListConfig {
    /// `kv_list_mode`: 0 strong, 1 eventual.
    pub mode: u32,
    pub cursor: *const u8,
    pub cursor_len: u32,
    pub limit: u32,
    pub prefix: *const u8,
    pub prefix_len: u32,
}

/// `cache_write_options` (80 bytes, align 8).
#[repr(C, align(8))]
#[derive(Clone, Copy, Debug)]
pub struct CacheWriteOptions {
    pub max_age_ns: u64,
    pub request_headers: Handle,
    pub vary_rule_ptr: *const u8,
    pub vary_rule_len: usize,
    pub _pad: u32,
    pub initial_age_ns: u64,
    pub stale_while_revalidate_ns: u64,
    pub surrogate_keys_ptr: *const u8,
    pub surrogate_keys_len: usize,
    pub length: u64,
    pub user_metadata_ptr: *const u8,
    pub user_metadata_len: usize,
    pub edge_max_age_ns: u64,
    pub service_id: *const u8,
    pub service_id_len: u32,
}

/// `http_cache_write_options` (48 bytes, align 8).
#[repr(C, align(8))]
#[derive(Clone, Copy, Debug)]
pub struct HttpCacheWriteOptions {
    pub max_age_ns: u64,
    pub vary_rule_ptr: *const u8,
    pub vary_rule_len: usize,
    pub initial_age_ns: u64,
    pub stale_while_revalidate_ns: u64,
    pub surrogate_keys_ptr: *const u8,
    pub surrogate_keys_len: usize,
    pub length: u64,
}

/// `fastly_kv_store`: KV stores.
pub mod fastly_kv_store {
    use super::{Handle, KvInsertConfig, KvListConfig, RawStatus};
    #[link(wasm_import_module = "fastly_kv_store")]
    extern "C" {
        /// Opens the KV store called `name`.
        pub fn open(name: *const u8, name_len: usize, store_out: *mut Handle) -> RawStatus;
        /// Starts a lookup of `key`.
        pub fn lookup(
            store: Handle,
            key: *const u8,
            key_len: usize,
            mask: u32,
            config: *const u32,
            handle_out: *mut Handle,
        ) -> RawStatus;
        /// Collects a lookup: body, metadata, 64-bit generation and kv_error.
        pub fn lookup_wait_v2(
            handle: Handle,
            body_out: *mut Handle,
            metadata_buf: *mut u8,
            metadata_buf_len: usize,
            nwritten_out: *mut usize,
            generation_out: *mut u64,
            kv_error_out: *mut u32,
        ) -> RawStatus;
        /// Starts storing `body` under `key`.
        pub fn insert(
            store: Handle,
            key: *const u8,
            key_len: usize,
            body: Handle,
            mask: u32,
            config: *const KvInsertConfig,
            handle_out: *mut Handle,
        ) -> RawStatus;
        /// Collects an insert.
        pub fn insert_wait(handle: Handle, kv_error_out: *mut u32) -> RawStatus;
        /// Starts deleting `key`.
        pub fn delete(
            store: Handle,
            key: *const u8,
            key_len: usize,
            mask: u32,
            config: *const u32,
            handle_out: *mut Handle,
        ) -> RawStatus;
        /// Collects a delete.
        pub fn delete_wait(handle: Handle, kv_error_out: *mut u32) -> RawStatus;
        /// Starts listing keys.
        pub fn list(
            store: Handle,
            mask: u32,
            config: *const KvListConfig,
            handle_out: *mut Handle,
        ) -> RawStatus;
        /// Collects a listing: a JSON body.
        pub fn list_wait(handle: Handle, body_out: *mut Handle, kv_error_out: *mut u32) -> RawStatus;
    }
}

/// `fastly_acl`: IP prefix lists.
pub mod fastly_acl {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_acl")]
    extern "C" {
        /// Opens the ACL called `name`; `none` when there is none.
        pub fn open(name: *const u8, name_len: usize, acl_out: *mut Handle) -> RawStatus;
        /// Looks an address (4 or 16 octets) up; a JSON body when something matched.
        pub fn lookup(
            acl: Handle,
            ip: *const u8,
            ip_len: usize,
            body_out: *mut Handle,
            acl_error_out: *mut u32,
        ) -> RawStatus;
    }
}

/// `fastly_erl`: edge rate limiting.
pub mod fastly_erl {
    use super::RawStatus;
    #[link(wasm_import_module = "fastly_erl")]
    extern "C" {
        /// Counts `delta` and puts the entry in the penalty box when over `limit`.
        pub fn check_rate(
            rc: *const u8,
            rc_len: usize,
            entry: *const u8,
            entry_len: usize,
            delta: u32,
            window: u32,
            limit: u32,
            pb: *const u8,
            pb_len: usize,
            ttl: u32,
            blocked_out: *mut u32,
        ) -> RawStatus;
        /// Adds `delta` to the entry's counter.
        pub fn ratecounter_increment(
            rc: *const u8,
            rc_len: usize,
            entry: *const u8,
            entry_len: usize,
            delta: u32,
        ) -> RawStatus;
        /// The entry's rate over `window` seconds.
        pub fn ratecounter_lookup_rate(
            rc: *const u8,
            rc_len: usize,
            entry: *const u8,
            entry_len: usize,
            window: u32,
            rate_out: *mut u32,
        ) -> RawStatus;
        /// The entry's count over `duration` seconds.
        pub fn ratecounter_lookup_count(
            rc: *const u8,
            rc_len: usize,
            entry: *const u8,
            entry_len: usize,
            duration: u32,
            count_out: *mut u32,
        ) -> RawStatus;
        /// Puts the entry in the penalty box for `ttl` seconds.
        pub fn penaltybox_add(
            pb: *const u8,
            pb_len: usize,
            entry: *const u8,
            entry_len: usize,
            ttl: u32,
        ) -> RawStatus;
        /// Whether the penalty box holds the entry.
        pub fn penaltybox_has(
            pb: *const u8,
            pb_len: usize,
            entry: *const u8,
            entry_len: usize,
            has_out: *mut u32,
        ) -> RawStatus;
    }
}

/// `fastly_cache`: the core cache.
pub mod fastly_cache {
    use super::{CacheWriteOptions, Handle, RawStatus};
    #[link(wasm_import_module = "fastly_cache")]
    extern "C" {
        /// Looks a key up without collapsing.
        pub fn lookup(
            key: *const u8,
            key_len: usize,
            mask: u32,
            options: *const u32,
            handle_out: *mut Handle,
        ) -> RawStatus;
        /// Inserts without a lookup; the body handle takes the value.
        pub fn insert(
            key: *const u8,
            key_len: usize,
            mask: u32,
            options: *const CacheWriteOptions,
            body_out: *mut Handle,
        ) -> RawStatus;
        /// Looks a key up with request collapsing.
        pub fn transaction_lookup(
            key: *const u8,
            key_len: usize,
            mask: u32,
            options: *const u32,
            handle_out: *mut Handle,
        ) -> RawStatus;
        /// Fulfils a transaction's obligation; the body handle takes the value.
        pub fn transaction_insert(
            handle: Handle,
            mask: u32,
            options: *const CacheWriteOptions,
            body_out: *mut Handle,
        ) -> RawStatus;
        /// Gives up a transaction's obligation.
        pub fn transaction_cancel(handle: Handle) -> RawStatus;
        /// Releases a cache handle.
        pub fn close(handle: Handle) -> RawStatus;
        /// The `cache_lookup_state` flags.
        pub fn get_state(handle: Handle, state_out: *mut u32) -> RawStatus;
        /// The found object's user metadata.
        pub fn get_user_metadata(
            handle: Handle,
            buf: *mut u8,
            buf_len: usize,
            nwritten_out: *mut usize,
        ) -> RawStatus;
        /// A body handle reading the found object.
        pub fn get_body(handle: Handle, mask: u32, options: *const u64, body_out: *mut Handle)
            -> RawStatus;
        /// The found object's length.
        pub fn get_length(handle: Handle, out: *mut u64) -> RawStatus;
        /// The found object's max age.
        pub fn get_max_age_ns(handle: Handle, out: *mut u64) -> RawStatus;
        /// The found object's age.
        pub fn get_age_ns(handle: Handle, out: *mut u64) -> RawStatus;
        /// How often the found object was served.
        pub fn get_hits(handle: Handle, out: *mut u64) -> RawStatus;
    }
}

/// `fastly_http_cache`: the HTTP cache.
pub mod fastly_http_cache {
    use super::{Handle, HttpCacheWriteOptions, RawStatus};
    #[link(wasm_import_module = "fastly_http_cache")]
    extern "C" {
        /// Whether the request may use the HTTP cache.
        pub fn is_request_cacheable(req: Handle, out: *mut u32) -> RawStatus;
        /// Looks the request up with request collapsing.
        pub fn transaction_lookup(
            req: Handle,
            mask: u32,
            options: *const u32,
            handle_out: *mut Handle,
        ) -> RawStatus;
        /// Stores a response; the body handle takes its body.
        pub fn transaction_insert(
            handle: Handle,
            resp: Handle,
            mask: u32,
            options: *const HttpCacheWriteOptions,
            body_out: *mut Handle,
        ) -> RawStatus;
        /// The request to send to the backend.
        pub fn get_suggested_backend_request(handle: Handle, req_out: *mut Handle) -> RawStatus;
        /// The stored response and its body.
        pub fn get_found_response(
            handle: Handle,
            transform_for_client: u32,
            resp_out: *mut Handle,
            body_out: *mut Handle,
        ) -> RawStatus;
        /// The `cache_lookup_state` flags.
        pub fn get_state(handle: Handle, state_out: *mut u32) -> RawStatus;
        /// How often the found response was served.
        pub fn get_hits(handle: Handle, out: *mut u64) -> RawStatus;
        /// Gives up the obligation to provide a response.
        pub fn transaction_abandon(handle: Handle) -> RawStatus;
        /// Releases the handle.
        pub fn close(handle: Handle) -> RawStatus;
    }
}

/// `fastly_purge`: purging cached content.
pub mod fastly_purge {
    use super::RawStatus;
    #[link(wasm_import_module = "fastly_purge")]
    extern "C" {
        /// Purges everything tagged with the surrogate key.
        pub fn purge_surrogate_key(
            key: *const u8,
            key_len: usize,
            mask: u32,
            options: *const u32,
        ) -> RawStatus;
    }
}

/// `fastly_http_req` calls that steer the readthrough cache of `send`.
pub mod fastly_http_req_cache {
    use super::{Handle, RawStatus};
    #[link(wasm_import_module = "fastly_http_req")]
    extern "C" {
        /// Sets the request's cache override: `cache_override_tag` bits, TTL and
        /// stale-while-revalidate in seconds, and a surrogate key list.
        pub fn cache_override_v2_set(
            req: Handle,
            tag: u32,
            ttl: u32,
            stale_while_revalidate: u32,
            surrogate_keys: *const u8,
            surrogate_keys_len: usize,
        ) -> RawStatus;
    }
}
