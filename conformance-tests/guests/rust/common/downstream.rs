//! Downstream checks shared by the run-mode `downstream` area (the synthetic request `ledge run`
//! gives) and the HTTP-mode `http_downstream` guest (a real request from the test): the client
//! request's facts through fastly_http_req's old calls and fastly_http_downstream's new ones.

use crate::check::*;
use crate::raw::{fastly_http_downstream as ds, fastly_http_req as req};

/// Checks that need no TLS and hold for any downstream request `r` from loopback.
pub unsafe fn downstream_checks(c: &mut Checks, r: u32) {
    let mut buf = [0u8; 512];
    let mut n = 0u32;
    let st = req::downstream_client_ip_addr(mptr(&mut buf), out(&mut n));
    c.value("client_ip_addr_loopback", st, OK, &buf[..n as usize], &[127u8, 0, 0, 1][..]);
    let st = ds::downstream_client_ip_addr(r, mptr(&mut buf), out(&mut n));
    c.value("downstream_client_ip_addr_loopback", st, OK, &buf[..n as usize], &[127u8, 0, 0, 1][..]);
    let st = req::downstream_server_ip_addr(mptr(&mut buf), out(&mut n));
    c.check("server_ip_addr", st == OK && (n == 4 || n == 16), format!("{} {}", status_name(st), n));
    let st = ds::downstream_server_ip_addr(r, mptr(&mut buf), out(&mut n));
    c.check("downstream_server_ip_addr", st == OK && (n == 4 || n == 16), format!("{} {}", status_name(st), n));
    c.status("client_ip_addr_past_memory", req::downstream_client_ip_addr(past_memory(), out(&mut n)), INVAL);
    let st = req::downstream_client_request_id(mptr(&mut buf), 512, out(&mut n));
    c.check("client_request_id", st == OK && n > 0, format!("{} {}", status_name(st), n));
    let id_len = n;
    let st = ds::downstream_client_request_id(r, mptr(&mut buf), 512, out(&mut n));
    c.value("downstream_client_request_id_same_length", st, OK, n, id_len);
    n = 0;
    c.value("client_request_id_buflen_writes_needed_length", req::downstream_client_request_id(mptr(&mut buf), 1, out(&mut n)), BUFLEN, n, id_len);
    n = 0;
    c.value("downstream_client_request_id_buflen", ds::downstream_client_request_id(r, mptr(&mut buf), 1, out(&mut n)), BUFLEN, n, id_len);

    // Off Fastly's network no request is bound to a compliance region: "none".
    let st = req::downstream_compliance_region(mptr(&mut buf), 512, out(&mut n));
    c.value("compliance_region", st, OK, &buf[..n as usize], b"none");
    n = 0;
    c.value("compliance_region_buflen_writes_needed_length", req::downstream_compliance_region(mptr(&mut buf), 2, out(&mut n)), BUFLEN, n, 4);
    c.status("compliance_region_past_memory", req::downstream_compliance_region(past_memory(), 512, out(&mut n)), INVAL);
    let st = ds::downstream_compliance_region(r, mptr(&mut buf), 512, out(&mut n));
    c.value("downstream_compliance_region", st, OK, &buf[..n as usize], b"none");
    n = 0;
    c.value("downstream_compliance_region_buflen", ds::downstream_compliance_region(r, mptr(&mut buf), 2, out(&mut n)), BUFLEN, n, 4);
    c.status("downstream_compliance_region_past_memory", ds::downstream_compliance_region(r, mptr(&mut buf), 512, past_memory()), INVAL);

    // Plain HTTP: every TLS fact is none.
    let mut v = 0u32;
    c.status("tls_protocol_none", req::downstream_tls_protocol(mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("tls_cipher_openssl_name_none", req::downstream_tls_cipher_openssl_name(mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("tls_client_hello_none", req::downstream_tls_client_hello(mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("tls_raw_client_certificate_none", req::downstream_tls_raw_client_certificate(mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("tls_client_cert_verify_result_none", req::downstream_tls_client_cert_verify_result(out(&mut v)), NONE);
    c.status("tls_ja3_md5_none", req::downstream_tls_ja3_md5(mptr(&mut buf), out(&mut n)), NONE);
    c.status("tls_ja4_none", req::downstream_tls_ja4(mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("client_h2_fingerprint_none", req::downstream_client_h2_fingerprint(mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("client_oh_fingerprint_none", req::downstream_client_oh_fingerprint(mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("downstream_tls_protocol_none", ds::downstream_tls_protocol(r, mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("downstream_tls_cipher_openssl_name_none", ds::downstream_tls_cipher_openssl_name(r, mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("downstream_tls_client_hello_none", ds::downstream_tls_client_hello(r, mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("downstream_tls_raw_client_certificate_none", ds::downstream_tls_raw_client_certificate(r, mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("downstream_tls_client_cert_verify_result_none", ds::downstream_tls_client_cert_verify_result(r, out(&mut v)), NONE);
    c.status("downstream_tls_client_servername_none", ds::downstream_tls_client_servername(r, mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("downstream_tls_ja3_md5_none", ds::downstream_tls_ja3_md5(r, mptr(&mut buf), out(&mut n)), NONE);
    c.status("downstream_tls_ja4_none", ds::downstream_tls_ja4(r, mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("downstream_client_h2_fingerprint_none", ds::downstream_client_h2_fingerprint(r, mptr(&mut buf), 512, out(&mut n)), NONE);
    c.status("downstream_client_oh_fingerprint_none", ds::downstream_client_oh_fingerprint(r, mptr(&mut buf), 512, out(&mut n)), NONE);

    // A request the guest made is not a downstream request (hosts answer badf or inval).
    let mut mine = 0u32;
    req::new(out(&mut mine));
    let mut next = 0i64;
    c.one_of("downstream_client_ip_addr_own_request", ds::downstream_client_ip_addr(mine, mptr(&mut buf), out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_server_ip_addr_own_request", ds::downstream_server_ip_addr(mine, mptr(&mut buf), out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_client_request_id_own_request", ds::downstream_client_request_id(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_tls_protocol_own_request", ds::downstream_tls_protocol(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_tls_cipher_openssl_name_own_request", ds::downstream_tls_cipher_openssl_name(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_tls_client_hello_own_request", ds::downstream_tls_client_hello(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_tls_raw_client_certificate_own_request", ds::downstream_tls_raw_client_certificate(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_tls_client_cert_verify_result_own_request", ds::downstream_tls_client_cert_verify_result(mine, out(&mut v)), &[BADF, INVAL]);
    c.one_of("downstream_tls_client_servername_own_request", ds::downstream_tls_client_servername(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_tls_ja3_md5_own_request", ds::downstream_tls_ja3_md5(mine, mptr(&mut buf), out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_tls_ja4_own_request", ds::downstream_tls_ja4(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_client_h2_fingerprint_own_request", ds::downstream_client_h2_fingerprint(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_client_oh_fingerprint_own_request", ds::downstream_client_oh_fingerprint(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_original_header_count_own_request", ds::downstream_original_header_count(mine, out(&mut v)), &[BADF, INVAL]);
    c.one_of("downstream_original_header_names_own_request",
        ds::downstream_original_header_names(mine, mptr(&mut buf), 512, 0, out(&mut next), out(&mut n)), &[BADF, INVAL]);
    c.one_of("downstream_compliance_region_own_request", ds::downstream_compliance_region(mine, mptr(&mut buf), 512, out(&mut n)), &[BADF, INVAL]);
    let mut body = 0u32;
    crate::raw::fastly_http_body::new(out(&mut body));
    c.status("downstream_compliance_region_body_handle", ds::downstream_compliance_region(body, mptr(&mut buf), 512, out(&mut n)), BADF);
    c.status("downstream_client_ip_addr_body_handle", ds::downstream_client_ip_addr(body, mptr(&mut buf), out(&mut n)), BADF);
    c.status("downstream_original_header_count_past_memory", ds::downstream_original_header_count(r, past_memory()), INVAL);
}

/// The original header names of `r` (paged `page` bytes at a time) and the calls it took,
/// through the old call (`r` == None) or fastly_http_downstream's.
pub unsafe fn original_header_names(r: Option<u32>, page: u32) -> (u32, Vec<String>, u32) {
    let mut buf = [0u8; 512];
    let mut names = Vec::new();
    let mut cursor = 0u32;
    let mut calls = 0;
    loop {
        let (mut next, mut n) = (0i64, 0u32);
        let st = match r {
            None => req::original_header_names_get(mptr(&mut buf), page, cursor, out(&mut next), out(&mut n)),
            Some(h) => ds::downstream_original_header_names(h, mptr(&mut buf), page, cursor, out(&mut next), out(&mut n)),
        };
        calls += 1;
        if st != OK || calls > 50 {
            return (st, names, calls);
        }
        for p in buf[..n as usize].split(|b| *b == 0).filter(|p| !p.is_empty()) {
            names.push(String::from_utf8_lossy(p).into_owned());
        }
        if next < 0 {
            return (OK, names, calls);
        }
        cursor = next as u32;
    }
}
