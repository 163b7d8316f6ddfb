//! Raw imports of every hostcall Ledge implements, with core-Wasm types only (pointers and
//! lengths are plain `u32` guest addresses, so checks can pass odd ones). Generated from
//! abi/spec and `ledge abi --functions` by gen_raw.py; every function returns a `fastly_status` code.
#![allow(dead_code)]

pub mod fastly_abi {
    #[link(wasm_import_module = "fastly_abi")]
    extern "C" {
        pub fn init(abi_version: u64) -> u32;
    }
}

pub mod fastly_uap {
    #[link(wasm_import_module = "fastly_uap")]
    extern "C" {
        pub fn parse(user_agent_ptr: u32, user_agent_len: u32, family: u32, family_len: u32, family_nwritten_out: u32, major: u32, major_len: u32, major_nwritten_out: u32, minor: u32, minor_len: u32, minor_nwritten_out: u32, patch: u32, patch_len: u32, patch_nwritten_out: u32) -> u32;
    }
}

pub mod fastly_http_body {
    #[link(wasm_import_module = "fastly_http_body")]
    extern "C" {
        pub fn append(dest: u32, src: u32) -> u32;
        pub fn new(body_handle_out: u32) -> u32;
        pub fn read(h: u32, buf: u32, buf_len: u32, nread_out: u32) -> u32;
        pub fn write(h: u32, buf_ptr: u32, buf_len: u32, end: u32, nwritten_out: u32) -> u32;
        pub fn close(h: u32) -> u32;
        pub fn abandon(h: u32) -> u32;
        pub fn trailer_append(h: u32, name_ptr: u32, name_len: u32, value_ptr: u32, value_len: u32) -> u32;
        pub fn trailer_names_get(h: u32, buf: u32, buf_len: u32, cursor: u32, ending_cursor_out: u32, nwritten_out: u32) -> u32;
        pub fn trailer_value_get(h: u32, name_ptr: u32, name_len: u32, value: u32, value_max_len: u32, nwritten_out: u32) -> u32;
        pub fn trailer_values_get(h: u32, name_ptr: u32, name_len: u32, buf: u32, buf_len: u32, cursor: u32, ending_cursor_out: u32, nwritten_out: u32) -> u32;
        pub fn known_length(h: u32, length_out: u32) -> u32;
    }
}

pub mod fastly_log {
    #[link(wasm_import_module = "fastly_log")]
    extern "C" {
        pub fn endpoint_get(name_ptr: u32, name_len: u32, endpoint_handle_out: u32) -> u32;
        pub fn write(h: u32, msg_ptr: u32, msg_len: u32, nwritten_out: u32) -> u32;
    }
}

pub mod fastly_http_req {
    #[link(wasm_import_module = "fastly_http_req")]
    extern "C" {
        pub fn body_downstream_get(req_handle_out: u32, body_handle_out: u32) -> u32;
        pub fn cache_override_set(h: u32, tag: u32, ttl: u32, stale_while_revalidate: u32) -> u32;
        pub fn cache_override_v2_set(h: u32, tag: u32, ttl: u32, stale_while_revalidate: u32, sk_ptr: u32, sk_len: u32) -> u32;
        pub fn downstream_client_ip_addr(addr_octets_out: u32, nwritten_out: u32) -> u32;
        pub fn downstream_server_ip_addr(addr_octets_out: u32, nwritten_out: u32) -> u32;
        pub fn downstream_client_h2_fingerprint(h2fp_out: u32, h2fp_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_client_request_id(reqid_out: u32, reqid_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_client_oh_fingerprint(ohfp_out: u32, ohfp_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_cipher_openssl_name(cipher_out: u32, cipher_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_protocol(protocol_out: u32, protocol_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_client_hello(chello_out: u32, chello_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_raw_client_certificate(raw_client_cert_out: u32, raw_client_cert_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_client_cert_verify_result(verify_result_out: u32) -> u32;
        pub fn downstream_tls_ja3_md5(cja3_md5_out: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_ja4(ja4_out: u32, ja4_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_compliance_region(region_out: u32, region_max_len: u32, nwritten_out: u32) -> u32;
        pub fn new(req_handle_out: u32) -> u32;
        pub fn header_names_get(h: u32, buf: u32, buf_len: u32, cursor: u32, ending_cursor_out: u32, nwritten_out: u32) -> u32;
        pub fn original_header_names_get(buf: u32, buf_len: u32, cursor: u32, ending_cursor_out: u32, nwritten_out: u32) -> u32;
        pub fn original_header_count(count_out: u32) -> u32;
        pub fn header_value_get(h: u32, name_ptr: u32, name_len: u32, value: u32, value_max_len: u32, nwritten_out: u32) -> u32;
        pub fn header_values_get(h: u32, name_ptr: u32, name_len: u32, buf: u32, buf_len: u32, cursor: u32, ending_cursor_out: u32, nwritten_out: u32) -> u32;
        pub fn header_values_set(h: u32, name_ptr: u32, name_len: u32, values_ptr: u32, values_len: u32) -> u32;
        pub fn header_insert(h: u32, name_ptr: u32, name_len: u32, value_ptr: u32, value_len: u32) -> u32;
        pub fn header_append(h: u32, name_ptr: u32, name_len: u32, value_ptr: u32, value_len: u32) -> u32;
        pub fn header_remove(h: u32, name_ptr: u32, name_len: u32) -> u32;
        pub fn method_get(h: u32, buf: u32, buf_len: u32, nwritten_out: u32) -> u32;
        pub fn method_set(h: u32, method_ptr: u32, method_len: u32) -> u32;
        pub fn uri_get(h: u32, buf: u32, buf_len: u32, nwritten_out: u32) -> u32;
        pub fn uri_set(h: u32, uri_ptr: u32, uri_len: u32) -> u32;
        pub fn version_get(h: u32, version_out: u32) -> u32;
        pub fn version_set(h: u32, version: u32) -> u32;
        pub fn send(h: u32, b: u32, backend_ptr: u32, backend_len: u32, resp_handle_out: u32, resp_body_handle_out: u32) -> u32;
        pub fn send_v2(h: u32, b: u32, backend_ptr: u32, backend_len: u32, error_detail: u32, resp_handle_out: u32, resp_body_handle_out: u32) -> u32;
        pub fn send_v3(h: u32, b: u32, backend_ptr: u32, backend_len: u32, error_detail: u32, resp_handle_out: u32, resp_body_handle_out: u32) -> u32;
        pub fn send_async(h: u32, b: u32, backend_ptr: u32, backend_len: u32, pending_req_handle_out: u32) -> u32;
        pub fn send_async_v2(h: u32, b: u32, backend_ptr: u32, backend_len: u32, streaming: u32, pending_req_handle_out: u32) -> u32;
        pub fn send_async_streaming(h: u32, b: u32, backend_ptr: u32, backend_len: u32, pending_req_handle_out: u32) -> u32;
        pub fn pending_req_poll(h: u32, is_done_out: u32, resp_handle_out: u32, resp_body_handle_out: u32) -> u32;
        pub fn pending_req_poll_v2(h: u32, error_detail: u32, is_done_out: u32, resp_handle_out: u32, resp_body_handle_out: u32) -> u32;
        pub fn pending_req_wait(h: u32, resp_handle_out: u32, resp_body_handle_out: u32) -> u32;
        pub fn pending_req_wait_v2(h: u32, error_detail: u32, resp_handle_out: u32, resp_body_handle_out: u32) -> u32;
        pub fn pending_req_select(hs_ptr: u32, hs_len: u32, done_idx_out: u32, resp_handle_out: u32, resp_body_handle_out: u32) -> u32;
        pub fn pending_req_select_v2(hs_ptr: u32, hs_len: u32, error_detail: u32, done_idx_out: u32, resp_handle_out: u32, resp_body_handle_out: u32) -> u32;
        pub fn close(h: u32) -> u32;
        pub fn auto_decompress_response_set(h: u32, encodings: u32) -> u32;
        pub fn upgrade_websocket(backend_name_ptr: u32, backend_name_len: u32) -> u32;
        pub fn redirect_to_websocket_proxy(backend_name_ptr: u32, backend_name_len: u32) -> u32;
        pub fn redirect_to_websocket_proxy_v2(h: u32, backend_name_ptr: u32, backend_name_len: u32) -> u32;
        pub fn framing_headers_mode_set(h: u32, mode: u32) -> u32;
        pub fn register_dynamic_backend(name_prefix_ptr: u32, name_prefix_len: u32, target_ptr: u32, target_len: u32, backend_config_mask: u32, backend_configuration: u32) -> u32;
        pub fn pending_req_header_insert(h: u32, name_ptr: u32, name_len: u32, value_ptr: u32, value_len: u32, target: u32) -> u32;
        pub fn pending_req_header_append(h: u32, name_ptr: u32, name_len: u32, value_ptr: u32, value_len: u32, target: u32) -> u32;
        pub fn pending_req_header_remove(h: u32, name_ptr: u32, name_len: u32, target: u32) -> u32;
    }
}

pub mod fastly_http_downstream {
    #[link(wasm_import_module = "fastly_http_downstream")]
    extern "C" {
        pub fn next_request(options_mask: u32, options: u32, promise_out: u32) -> u32;
        pub fn next_request_wait(handle: u32, req_handle_out: u32, body_handle_out: u32) -> u32;
        pub fn next_request_abandon(handle: u32) -> u32;
        pub fn downstream_original_header_names(req: u32, buf: u32, buf_len: u32, cursor: u32, ending_cursor_out: u32, nwritten_out: u32) -> u32;
        pub fn downstream_original_header_count(req: u32, count_out: u32) -> u32;
        pub fn downstream_client_ip_addr(req: u32, addr_octets_out: u32, nwritten_out: u32) -> u32;
        pub fn downstream_server_ip_addr(req: u32, addr_octets_out: u32, nwritten_out: u32) -> u32;
        pub fn downstream_client_h2_fingerprint(req: u32, h2fp_out: u32, h2fp_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_client_request_id(req: u32, reqid_out: u32, reqid_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_client_oh_fingerprint(req: u32, ohfp_out: u32, ohfp_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_cipher_openssl_name(req: u32, cipher_out: u32, cipher_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_protocol(req: u32, protocol_out: u32, protocol_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_client_hello(req: u32, chello_out: u32, chello_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_raw_client_certificate(req: u32, raw_client_cert_out: u32, raw_client_cert_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_client_cert_verify_result(req: u32, verify_result_out: u32) -> u32;
        pub fn downstream_tls_client_servername(req: u32, tls_sni_out: u32, tls_sni_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_ja3_md5(req: u32, cja3_md5_out: u32, nwritten_out: u32) -> u32;
        pub fn downstream_tls_ja4(req: u32, ja4_out: u32, ja4_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_compliance_region(req: u32, region_out: u32, region_max_len: u32, nwritten_out: u32) -> u32;
        pub fn downstream_visits_this_service(count_out: u32) -> u32;
        pub fn downstream_visits_this_pop(count_out: u32) -> u32;
    }
}

pub mod fastly_http_resp {
    #[link(wasm_import_module = "fastly_http_resp")]
    extern "C" {
        pub fn new(resp_handle_out: u32) -> u32;
        pub fn header_names_get(h: u32, buf: u32, buf_len: u32, cursor: u32, ending_cursor_out: u32, nwritten_out: u32) -> u32;
        pub fn header_value_get(h: u32, name_ptr: u32, name_len: u32, value: u32, value_max_len: u32, nwritten_out: u32) -> u32;
        pub fn header_values_get(h: u32, name_ptr: u32, name_len: u32, buf: u32, buf_len: u32, cursor: u32, ending_cursor_out: u32, nwritten_out: u32) -> u32;
        pub fn header_values_set(h: u32, name_ptr: u32, name_len: u32, values_ptr: u32, values_len: u32) -> u32;
        pub fn header_insert(h: u32, name_ptr: u32, name_len: u32, value_ptr: u32, value_len: u32) -> u32;
        pub fn header_append(h: u32, name_ptr: u32, name_len: u32, value_ptr: u32, value_len: u32) -> u32;
        pub fn header_remove(h: u32, name_ptr: u32, name_len: u32) -> u32;
        pub fn version_get(h: u32, version_out: u32) -> u32;
        pub fn version_set(h: u32, version: u32) -> u32;
        pub fn send_downstream(h: u32, b: u32, streaming: u32) -> u32;
        pub fn status_get(h: u32, status_out: u32) -> u32;
        pub fn status_set(h: u32, status: u32) -> u32;
        pub fn close(h: u32) -> u32;
        pub fn framing_headers_mode_set(h: u32, mode: u32) -> u32;
        pub fn http_keepalive_mode_set(h: u32, mode: u32) -> u32;
        pub fn get_addr_dest_ip(h: u32, addr_octets_out: u32, nwritten_out: u32) -> u32;
        pub fn get_addr_dest_port(h: u32, port_out: u32) -> u32;
        pub fn send_downstream_pending(h: u32) -> u32;
    }
}

pub mod fastly_dictionary {
    #[link(wasm_import_module = "fastly_dictionary")]
    extern "C" {
        pub fn open(name_ptr: u32, name_len: u32, dict_handle_out: u32) -> u32;
        pub fn get(h: u32, key_ptr: u32, key_len: u32, value: u32, value_max_len: u32, nwritten_out: u32) -> u32;
    }
}

pub mod fastly_config_store {
    #[link(wasm_import_module = "fastly_config_store")]
    extern "C" {
        pub fn open(name_ptr: u32, name_len: u32, store_handle_out: u32) -> u32;
        pub fn get(h: u32, key_ptr: u32, key_len: u32, value: u32, value_max_len: u32, nwritten_out: u32) -> u32;
    }
}

pub mod fastly_geo {
    #[link(wasm_import_module = "fastly_geo")]
    extern "C" {
        pub fn lookup(addr_octets: u32, addr_len: u32, buf: u32, buf_len: u32, nwritten_out: u32) -> u32;
    }
}

pub mod fastly_device_detection {
    #[link(wasm_import_module = "fastly_device_detection")]
    extern "C" {
        pub fn lookup(user_agent_ptr: u32, user_agent_len: u32, buf: u32, buf_len: u32, nwritten_out: u32) -> u32;
    }
}

pub mod fastly_erl {
    #[link(wasm_import_module = "fastly_erl")]
    extern "C" {
        pub fn check_rate(rc_ptr: u32, rc_len: u32, entry_ptr: u32, entry_len: u32, delta: u32, window: u32, limit: u32, pb_ptr: u32, pb_len: u32, ttl: u32, blocked_out: u32) -> u32;
        pub fn ratecounter_increment(rc_ptr: u32, rc_len: u32, entry_ptr: u32, entry_len: u32, delta: u32) -> u32;
        pub fn ratecounter_lookup_rate(rc_ptr: u32, rc_len: u32, entry_ptr: u32, entry_len: u32, window: u32, rate_out: u32) -> u32;
        pub fn ratecounter_lookup_count(rc_ptr: u32, rc_len: u32, entry_ptr: u32, entry_len: u32, duration: u32, count_out: u32) -> u32;
        pub fn penaltybox_add(pb_ptr: u32, pb_len: u32, entry_ptr: u32, entry_len: u32, ttl: u32) -> u32;
        pub fn penaltybox_has(pb_ptr: u32, pb_len: u32, entry_ptr: u32, entry_len: u32, has_out: u32) -> u32;
    }
}

pub mod fastly_object_store {
    #[link(wasm_import_module = "fastly_object_store")]
    extern "C" {
        pub fn open(name_ptr: u32, name_len: u32, store_handle_out: u32) -> u32;
        pub fn lookup(store: u32, key_ptr: u32, key_len: u32, body_handle_out: u32) -> u32;
        pub fn lookup_async(store: u32, key_ptr: u32, key_len: u32, pending_handle_out: u32) -> u32;
        pub fn pending_lookup_wait(pending_objstr_handle: u32, body_handle_out: u32) -> u32;
        pub fn insert(store: u32, key_ptr: u32, key_len: u32, body_handle: u32) -> u32;
        pub fn insert_async(store: u32, key_ptr: u32, key_len: u32, body_handle: u32, pending_handle_out: u32) -> u32;
        pub fn pending_insert_wait(pending_objstr_handle: u32) -> u32;
        pub fn delete_async(store: u32, key_ptr: u32, key_len: u32, pending_handle_out: u32) -> u32;
        pub fn pending_delete_wait(pending_objstr_handle: u32) -> u32;
    }
}

pub mod fastly_kv_store {
    #[link(wasm_import_module = "fastly_kv_store")]
    extern "C" {
        pub fn open(name_ptr: u32, name_len: u32, store_handle_out: u32) -> u32;
        pub fn lookup(store: u32, key_ptr: u32, key_len: u32, lookup_config_mask: u32, lookup_configuration: u32, handle_out: u32) -> u32;
        pub fn lookup_wait(handle: u32, body_handle_out: u32, metadata_buf: u32, metadata_buf_len: u32, nwritten_out: u32, generation_out: u32, kv_error_out: u32) -> u32;
        pub fn lookup_wait_v2(handle: u32, body_handle_out: u32, metadata_buf: u32, metadata_buf_len: u32, nwritten_out: u32, generation_out: u32, kv_error_out: u32) -> u32;
        pub fn insert(store: u32, key_ptr: u32, key_len: u32, body_handle: u32, insert_config_mask: u32, insert_configuration: u32, handle_out: u32) -> u32;
        pub fn insert_wait(handle: u32, kv_error_out: u32) -> u32;
        pub fn delete(store: u32, key_ptr: u32, key_len: u32, delete_config_mask: u32, delete_configuration: u32, handle_out: u32) -> u32;
        pub fn delete_wait(handle: u32, kv_error_out: u32) -> u32;
        pub fn list(store: u32, list_config_mask: u32, list_configuration: u32, handle_out: u32) -> u32;
        pub fn list_wait(handle: u32, body_handle_out: u32, kv_error_out: u32) -> u32;
    }
}

pub mod fastly_secret_store {
    #[link(wasm_import_module = "fastly_secret_store")]
    extern "C" {
        pub fn open(name_ptr: u32, name_len: u32, store_handle_out: u32) -> u32;
        pub fn get(store: u32, key_ptr: u32, key_len: u32, secret_handle_out: u32) -> u32;
        pub fn plaintext(secret: u32, buf: u32, buf_len: u32, nwritten_out: u32) -> u32;
        pub fn from_bytes(buf: u32, buf_len: u32, secret_handle_out: u32) -> u32;
    }
}

pub mod fastly_backend {
    #[link(wasm_import_module = "fastly_backend")]
    extern "C" {
        pub fn exists(backend_ptr: u32, backend_len: u32, backend_exists_out: u32) -> u32;
        pub fn is_healthy(backend_ptr: u32, backend_len: u32, backend_health_out: u32) -> u32;
        pub fn is_dynamic(backend_ptr: u32, backend_len: u32, is_dynamic_out: u32) -> u32;
        pub fn get_host(backend_ptr: u32, backend_len: u32, value: u32, value_max_len: u32, nwritten_out: u32) -> u32;
        pub fn get_override_host(backend_ptr: u32, backend_len: u32, value: u32, value_max_len: u32, nwritten_out: u32) -> u32;
        pub fn get_port(backend_ptr: u32, backend_len: u32, port_out: u32) -> u32;
        pub fn get_connect_timeout_ms(backend_ptr: u32, backend_len: u32, timeout_out: u32) -> u32;
        pub fn get_first_byte_timeout_ms(backend_ptr: u32, backend_len: u32, timeout_out: u32) -> u32;
        pub fn get_between_bytes_timeout_ms(backend_ptr: u32, backend_len: u32, timeout_out: u32) -> u32;
        pub fn get_http_keepalive_time(backend_ptr: u32, backend_len: u32, timeout_out: u32) -> u32;
        pub fn get_tcp_keepalive_enable(backend_ptr: u32, backend_len: u32, is_keepalive_out: u32) -> u32;
        pub fn get_tcp_keepalive_interval(backend_ptr: u32, backend_len: u32, timeout_out: u32) -> u32;
        pub fn get_tcp_keepalive_probes(backend_ptr: u32, backend_len: u32, probe_count_out: u32) -> u32;
        pub fn get_tcp_keepalive_time(backend_ptr: u32, backend_len: u32, timeout_out: u32) -> u32;
        pub fn is_ssl(backend_ptr: u32, backend_len: u32, is_ssl_out: u32) -> u32;
        pub fn get_ssl_min_version(backend_ptr: u32, backend_len: u32, tls_version_out: u32) -> u32;
        pub fn get_ssl_max_version(backend_ptr: u32, backend_len: u32, tls_version_out: u32) -> u32;
    }
}

pub mod fastly_async_io {
    #[link(wasm_import_module = "fastly_async_io")]
    extern "C" {
        pub fn select(hs_ptr: u32, hs_len: u32, timeout_ms: u32, ready_idx_out: u32) -> u32;
        pub fn is_ready(handle: u32, ready_out: u32) -> u32;
    }
}

pub mod fastly_purge {
    #[link(wasm_import_module = "fastly_purge")]
    extern "C" {
        pub fn purge_surrogate_key(surrogate_key_ptr: u32, surrogate_key_len: u32, options_mask: u32, options: u32) -> u32;
    }
}

pub mod fastly_compute_runtime {
    #[link(wasm_import_module = "fastly_compute_runtime")]
    extern "C" {
        pub fn get_vcpu_ms(vcpu_ms_out: u32) -> u32;
        pub fn get_heap_mib(heap_mib_out: u32) -> u32;
    }
}

pub mod fastly_acl {
    #[link(wasm_import_module = "fastly_acl")]
    extern "C" {
        pub fn open(name_ptr: u32, name_len: u32, acl_handle_out: u32) -> u32;
        pub fn lookup(acl: u32, ip_octets: u32, ip_len: u32, body_handle_out: u32, acl_error_out: u32) -> u32;
    }
}

pub mod fastly_cache {
    #[link(wasm_import_module = "fastly_cache")]
    extern "C" {
        pub fn lookup(cache_key_ptr: u32, cache_key_len: u32, options_mask: u32, options: u32, cache_handle_out: u32) -> u32;
        pub fn insert(cache_key_ptr: u32, cache_key_len: u32, options_mask: u32, options: u32, body_handle_out: u32) -> u32;
        pub fn replace(cache_key_ptr: u32, cache_key_len: u32, options_mask: u32, options: u32, replace_handle_out: u32) -> u32;
        pub fn replace_insert(handle: u32, options_mask: u32, options: u32, body_handle_out: u32) -> u32;
        pub fn replace_get_age_ns(handle: u32, age_out: u32) -> u32;
        pub fn replace_get_body(handle: u32, options_mask: u32, options: u32, body_handle_out: u32) -> u32;
        pub fn replace_get_hits(handle: u32, hits_out: u32) -> u32;
        pub fn replace_get_length(handle: u32, length_out: u32) -> u32;
        pub fn replace_get_max_age_ns(handle: u32, max_age_out: u32) -> u32;
        pub fn replace_get_stale_while_revalidate_ns(handle: u32, swr_out: u32) -> u32;
        pub fn replace_get_state(handle: u32, state_out: u32) -> u32;
        pub fn replace_get_user_metadata(handle: u32, user_metadata_out_ptr: u32, user_metadata_out_len: u32, nwritten_out: u32) -> u32;
        pub fn transaction_lookup(cache_key_ptr: u32, cache_key_len: u32, options_mask: u32, options: u32, cache_handle_out: u32) -> u32;
        pub fn transaction_lookup_async(cache_key_ptr: u32, cache_key_len: u32, options_mask: u32, options: u32, busy_handle_out: u32) -> u32;
        pub fn cache_busy_handle_wait(busy_handle: u32, cache_handle_out: u32) -> u32;
        pub fn transaction_insert(handle: u32, options_mask: u32, options: u32, body_handle_out: u32) -> u32;
        pub fn transaction_insert_and_stream_back(handle: u32, options_mask: u32, options: u32, body_handle_out: u32, cache_handle_out: u32) -> u32;
        pub fn transaction_update(handle: u32, options_mask: u32, options: u32) -> u32;
        pub fn transaction_cancel(handle: u32) -> u32;
        pub fn close_busy(handle: u32) -> u32;
        pub fn close(handle: u32) -> u32;
        pub fn get_state(handle: u32, state_out: u32) -> u32;
        pub fn get_user_metadata(handle: u32, user_metadata_out_ptr: u32, user_metadata_out_len: u32, nwritten_out: u32) -> u32;
        pub fn get_body(handle: u32, options_mask: u32, options: u32, body_handle_out: u32) -> u32;
        pub fn get_length(handle: u32, length_out: u32) -> u32;
        pub fn get_max_age_ns(handle: u32, max_age_out: u32) -> u32;
        pub fn get_stale_while_revalidate_ns(handle: u32, swr_out: u32) -> u32;
        pub fn get_age_ns(handle: u32, age_out: u32) -> u32;
        pub fn get_hits(handle: u32, hits_out: u32) -> u32;
    }
}

pub mod fastly_http_cache {
    #[link(wasm_import_module = "fastly_http_cache")]
    extern "C" {
        pub fn is_request_cacheable(req_handle: u32, is_cacheable_out: u32) -> u32;
        pub fn get_suggested_cache_key(req_handle: u32, key_out_ptr: u32, key_out_len: u32, nwritten_out: u32) -> u32;
        pub fn lookup(req_handle: u32, options_mask: u32, options: u32, cache_handle_out: u32) -> u32;
        pub fn transaction_lookup(req_handle: u32, options_mask: u32, options: u32, cache_handle_out: u32) -> u32;
        pub fn transaction_insert(handle: u32, resp_handle: u32, options_mask: u32, options: u32, body_handle_out: u32) -> u32;
        pub fn transaction_choose_stale(handle: u32) -> u32;
        pub fn transaction_insert_and_stream_back(handle: u32, resp_handle: u32, options_mask: u32, options: u32, body_handle_out: u32, cache_handle_out: u32) -> u32;
        pub fn transaction_update(handle: u32, resp_handle: u32, options_mask: u32, options: u32) -> u32;
        pub fn transaction_update_and_return_fresh(handle: u32, resp_handle: u32, options_mask: u32, options: u32, cache_handle_out: u32) -> u32;
        pub fn transaction_record_not_cacheable(handle: u32, options_mask: u32, options: u32) -> u32;
        pub fn transaction_abandon(handle: u32) -> u32;
        pub fn close(handle: u32) -> u32;
        pub fn get_suggested_backend_request(handle: u32, req_handle_out: u32) -> u32;
        pub fn get_suggested_cache_options(handle: u32, response: u32, options_mask: u32, options: u32, options_mask_out: u32, options_out: u32) -> u32;
        pub fn prepare_response_for_storage(handle: u32, response: u32, storage_action_out: u32, resp_handle_out: u32) -> u32;
        pub fn get_found_response(handle: u32, transform_for_client: u32, resp_handle_out: u32, body_handle_out: u32) -> u32;
        pub fn get_state(handle: u32, state_out: u32) -> u32;
        pub fn get_length(handle: u32, length_out: u32) -> u32;
        pub fn get_max_age_ns(handle: u32, max_age_out: u32) -> u32;
        pub fn get_stale_while_revalidate_ns(handle: u32, swr_out: u32) -> u32;
        pub fn get_stale_if_error_ns(handle: u32, sie_out: u32) -> u32;
        pub fn get_age_ns(handle: u32, age_out: u32) -> u32;
        pub fn get_hits(handle: u32, hits_out: u32) -> u32;
        pub fn get_sensitive_data(handle: u32, is_sensitive_out: u32) -> u32;
        pub fn get_surrogate_keys(handle: u32, surrogate_keys_out_ptr: u32, surrogate_keys_out_len: u32, nwritten_out: u32) -> u32;
        pub fn get_vary_rule(handle: u32, vary_rule_out_ptr: u32, vary_rule_out_len: u32, nwritten_out: u32) -> u32;
    }
}

pub mod ledge_crypto {
    #[link(wasm_import_module = "ledge_crypto")]
    extern "C" {
        pub fn digest(alg: u32, data_ptr: u32, data_len: u32, buf: u32, buf_len: u32, nwritten_out: u32) -> u32;
        pub fn hmac_sign(alg: u32, key_ptr: u32, key_len: u32, data_ptr: u32, data_len: u32, buf: u32, buf_len: u32, nwritten_out: u32) -> u32;
        pub fn hmac_verify(alg: u32, key_ptr: u32, key_len: u32, data_ptr: u32, data_len: u32, mac_ptr: u32, mac_len: u32, valid_out: u32) -> u32;
        pub fn public_key_import(format: u32, key_ptr: u32, key_len: u32, key_out: u32) -> u32;
        pub fn public_key_close(key: u32) -> u32;
        pub fn signature_verify(key: u32, alg: u32, data_ptr: u32, data_len: u32, signature_ptr: u32, signature_len: u32, valid_out: u32) -> u32;
        pub fn random_bytes(buf: u32, buf_len: u32) -> u32;
        pub fn jwt_verify(token_ptr: u32, token_len: u32, jwks_source: u32, store_ptr: u32, store_len: u32, entry_ptr: u32, entry_len: u32, options: u32, claims_buf: u32, buf_len: u32, nwritten_out: u32, jwt_error_out: u32) -> u32;
    }
}
