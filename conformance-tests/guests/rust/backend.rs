//! Conformance area `backend`: backends from fastly.toml (`origin`, a live test origin, and
//! `closed`, where nothing listens) and dynamic ones: their properties, sending requests every
//! way the ABI offers (send, send_v2, send_v3, async, streaming), waiting on pending requests
//! (poll, wait, select, fastly_async_io) and the error paths, checked against the origin's answers;
//! a backend response's trailers and address, header changes queued on pending requests, and
//! (last, since it answers the client) send_downstream_pending.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;

use check::*;
use raw::{fastly_async_io as aio, fastly_backend as be, fastly_http_body as body, fastly_http_req as req, fastly_http_resp as resp};

#[repr(C)]
#[derive(Default, Debug)]
struct SendErrorDetail {
    tag: u32,
    mask: u32,
    dns_error_rcode: u16,
    dns_error_info_code: u16,
    tls_alert_id: u8,
    h2_error_frame: u8,
    h2_error_code: u32,
}

/// A new GET request for `path` and an empty body.
unsafe fn request(path: &str) -> (u32, u32) {
    let (mut r, mut b) = (0u32, 0u32);
    req::new(out(&mut r));
    let uri = format!("http://127.0.0.1{}", path);
    req::uri_set(r, ptr(uri.as_bytes()), uri.len() as u32);
    body::new(out(&mut b));
    (r, b)
}

/// The response's status and whole body.
unsafe fn answer(r: u32, b: u32) -> (u16, String) {
    let mut s = 0u16;
    resp::status_get(r, out(&mut s));
    let mut all = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        let mut n = 0u32;
        if body::read(b, mptr(&mut buf), 256, out(&mut n)) != OK || n == 0 {
            break;
        }
        all.extend_from_slice(&buf[..n as usize]);
    }
    (s, String::from_utf8_lossy(&all).into_owned())
}

fn main() {
    let mut c = Checks::new("backend");
    let origin = b"origin";
    let mut buf = [0u8; 256];
    let mut n = 0u32;
    unsafe {
        let mut v = 9u32;
        c.value("exists", be::exists(ptr(origin), 6, out(&mut v)), OK, v, 1);
        c.value("exists_absent", be::exists(ptr(b"nope"), 4, out(&mut v)), OK, v, 0);
        c.status("exists_not_utf8", be::exists(ptr(b"\xff"), 1, out(&mut v)), INVAL);
        c.status("is_healthy", be::is_healthy(ptr(origin), 6, out(&mut v)), OK);
        c.value("is_dynamic", be::is_dynamic(ptr(origin), 6, out(&mut v)), OK, v, 0);
        let st = be::get_host(ptr(origin), 6, mptr(&mut buf), 256, out(&mut n));
        c.value("get_host", st, OK, &buf[..n as usize], b"127.0.0.1");
        n = 0;
        c.value("get_host_buflen_writes_needed_length", be::get_host(ptr(origin), 6, mptr(&mut buf), 2, out(&mut n)), BUFLEN, n, 9);
        c.status("get_override_host_none", be::get_override_host(ptr(origin), 6, mptr(&mut buf), 256, out(&mut n)), NONE);
        let mut port = 0u16;
        c.status("get_port", be::get_port(ptr(origin), 6, out(&mut port)), OK);
        c.check("get_port_nonzero", port > 0, port);
        c.value("get_port_closed", be::get_port(ptr(b"closed"), 6, out(&mut port)), OK, port, 9);
        c.status("get_connect_timeout_ms", be::get_connect_timeout_ms(ptr(origin), 6, out(&mut v)), OK);
        c.status("get_first_byte_timeout_ms", be::get_first_byte_timeout_ms(ptr(origin), 6, out(&mut v)), OK);
        c.status("get_between_bytes_timeout_ms", be::get_between_bytes_timeout_ms(ptr(origin), 6, out(&mut v)), OK);
        c.status("get_http_keepalive_time", be::get_http_keepalive_time(ptr(origin), 6, out(&mut v)), OK);
        c.status("get_tcp_keepalive_enable", be::get_tcp_keepalive_enable(ptr(origin), 6, out(&mut v)), OK);
        let st = be::get_tcp_keepalive_interval(ptr(origin), 6, out(&mut v));
        c.check("get_tcp_keepalive_interval", st == OK || st == NONE, status_name(st));
        let st = be::get_tcp_keepalive_probes(ptr(origin), 6, out(&mut v));
        c.check("get_tcp_keepalive_probes", st == OK || st == NONE, status_name(st));
        let st = be::get_tcp_keepalive_time(ptr(origin), 6, out(&mut v));
        c.check("get_tcp_keepalive_time", st == OK || st == NONE, status_name(st));
        c.value("is_ssl", be::is_ssl(ptr(origin), 6, out(&mut v)), OK, v, 0);
        c.status("get_ssl_min_version_plain_http", be::get_ssl_min_version(ptr(origin), 6, out(&mut v)), NONE);
        c.status("get_ssl_max_version_plain_http", be::get_ssl_max_version(ptr(origin), 6, out(&mut v)), NONE);
        let absent = b"absent";
        c.status("is_healthy_absent", be::is_healthy(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("is_dynamic_absent", be::is_dynamic(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_host_absent", be::get_host(ptr(absent), 6, mptr(&mut buf), 256, out(&mut n)), INVAL);
        c.status("get_override_host_absent", be::get_override_host(ptr(absent), 6, mptr(&mut buf), 256, out(&mut n)), INVAL);
        c.status("get_port_absent", be::get_port(ptr(absent), 6, out(&mut port)), INVAL);
        c.status("get_connect_timeout_ms_absent", be::get_connect_timeout_ms(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_first_byte_timeout_ms_absent", be::get_first_byte_timeout_ms(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_between_bytes_timeout_ms_absent", be::get_between_bytes_timeout_ms(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_http_keepalive_time_absent", be::get_http_keepalive_time(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_tcp_keepalive_enable_absent", be::get_tcp_keepalive_enable(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_tcp_keepalive_interval_absent", be::get_tcp_keepalive_interval(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_tcp_keepalive_probes_absent", be::get_tcp_keepalive_probes(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_tcp_keepalive_time_absent", be::get_tcp_keepalive_time(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("is_ssl_absent", be::is_ssl(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_ssl_min_version_absent", be::get_ssl_min_version(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_ssl_max_version_absent", be::get_ssl_max_version(ptr(absent), 6, out(&mut v)), INVAL);
        c.status("get_port_out_past_memory", be::get_port(ptr(origin), 6, past_memory()), INVAL);

        // Sending, every way.
        let (mut rr, mut rb) = (0u32, 0u32);
        let (r, b) = request("/a");
        c.status("send", req::send(r, b, ptr(origin), 6, out(&mut rr), out(&mut rb)), OK);
        c.eq("send_response", answer(rr, rb), (200, "body-a".to_string()));
        c.status("send_consumes_request", req::close(r), BADF);
        let (r, b) = request("/b");
        let mut detail = SendErrorDetail::default();
        c.status("send_v2", req::send_v2(r, b, ptr(origin), 6, out(&mut detail), out(&mut rr), out(&mut rb)), OK);
        c.eq("send_v2_response", answer(rr, rb), (200, "body-b".to_string()));
        let (r, b) = request("/c");
        c.status("send_v3", req::send_v3(r, b, ptr(origin), 6, out(&mut detail), out(&mut rr), out(&mut rb)), OK);
        c.eq("send_v3_response", answer(rr, rb), (200, "body-c".to_string()));
        let (r, b) = request("/a");
        c.status("send_unknown_backend", req::send(r, b, ptr(absent), 6, out(&mut rr), out(&mut rb)), INVAL);
        // A path never fetched: the readthrough cache (keyed by URL and Host, as on Fastly) would
        // answer "/a" from the earlier send without asking the closed backend.
        let (r, b) = request("/never-cached");
        detail = SendErrorDetail { mask: 0, ..Default::default() };
        let st = req::send_v2(r, b, ptr(b"closed"), 6, out(&mut detail), out(&mut rr), out(&mut rb));
        c.status("send_v2_closed_backend_is_error", st, ERROR);
        c.check("send_v2_closed_backend_detail_tag", detail.tag >= 2, format!("{:?}", detail));
        let (r, b) = request("/a");
        c.status("send_badf_body", req::send(r, r, ptr(origin), 6, out(&mut rr), out(&mut rb)), BADF);
        c.status("send_badf_request", req::send(b, b, ptr(origin), 6, out(&mut rr), out(&mut rb)), BADF);

        // Pending requests.
        let mut p = 0u32;
        let (r, b) = request("/a");
        c.status("send_async", req::send_async(r, b, ptr(origin), 6, out(&mut p)), OK);
        c.status("pending_req_wait", req::pending_req_wait(p, out(&mut rr), out(&mut rb)), OK);
        c.eq("pending_req_wait_response", answer(rr, rb), (200, "body-a".to_string()));
        c.status("pending_req_wait_consumes", req::pending_req_wait(p, out(&mut rr), out(&mut rb)), BADF);
        let (r, b) = request("/b");
        c.status("send_async_v2", req::send_async_v2(r, b, ptr(origin), 6, 0, out(&mut p)), OK);
        let mut ready = 9u32;
        let mut idx = 9u32;
        let hs = [p];
        c.value("async_io_select", aio::select(ptr_u32(&hs), 1, 0, out(&mut idx)), OK, idx, 0);
        c.value("async_io_is_ready", aio::is_ready(p, out(&mut ready)), OK, ready, 1);
        let mut done = 9u32;
        c.status("pending_req_poll", req::pending_req_poll(p, out(&mut done), out(&mut rr), out(&mut rb)), OK);
        c.eq("pending_req_poll_done_response", (done, answer(rr, rb)), (1, (200, "body-b".to_string())));
        let (r, b) = request("/c");
        req::send_async(r, b, ptr(origin), 6, out(&mut p));
        done = 0;
        let mut polls = 0;
        while done == 0 && polls < 100000 {
            let st = req::pending_req_poll_v2(p, out(&mut detail), out(&mut done), out(&mut rr), out(&mut rb));
            polls += 1;
            if st != OK {
                c.status("pending_req_poll_v2", st, OK);
                break;
            }
        }
        c.eq("pending_req_poll_v2_until_done", (done, answer(rr, rb)), (1, (200, "body-c".to_string())));
        let (r, b) = request("/a");
        req::send_async(r, b, ptr(origin), 6, out(&mut p));
        c.status("pending_req_wait_v2", req::pending_req_wait_v2(p, out(&mut detail), out(&mut rr), out(&mut rb)), OK);
        c.eq("pending_req_wait_v2_response", answer(rr, rb), (200, "body-a".to_string()));

        let (r1, b1) = request("/a");
        let (r2, b2) = request("/b");
        let (mut p1, mut p2) = (0u32, 0u32);
        req::send_async(r1, b1, ptr(origin), 6, out(&mut p1));
        req::send_async(r2, b2, ptr(origin), 6, out(&mut p2));
        let hs = [p1, p2];
        c.status("pending_req_select", req::pending_req_select(ptr_u32(&hs), 2, out(&mut idx), out(&mut rr), out(&mut rb)), OK);
        let first = answer(rr, rb);
        c.check("pending_req_select_answer", idx < 2 && first.0 == 200, format!("{} {:?}", idx, first));
        let rest = [if idx == 0 { p2 } else { p1 }];
        c.status("pending_req_select_v2", req::pending_req_select_v2(ptr_u32(&rest), 1, out(&mut detail), out(&mut idx), out(&mut rr), out(&mut rb)), OK);
        c.value("pending_req_select_v2_index", OK, OK, idx, 0);
        answer(rr, rb);
        c.status("pending_req_select_empty", req::pending_req_select(ptr_u32(&rest), 0, out(&mut idx), out(&mut rr), out(&mut rb)), INVAL);
        c.status("pending_req_select_badf", req::pending_req_select(ptr_u32(&[rr]), 1, out(&mut idx), out(&mut rr), out(&mut rb)), BADF);
        c.status("pending_req_poll_badf", req::pending_req_poll(rr, out(&mut done), out(&mut rr), out(&mut rb)), BADF);
        c.status("async_io_is_ready_badf", aio::is_ready(0x7fff_0000, out(&mut ready)), BADF);
        c.status("async_io_select_empty_without_timeout", aio::select(ptr_u32(&hs), 0, 0, out(&mut idx)), INVAL);
        idx = 7;
        let st = aio::select(ptr_u32(&hs), 0, 1, out(&mut idx));
        c.value("async_io_select_empty_times_out", st, OK, idx, u32::MAX);

        // Streaming: the guest writes the body after the request started.
        let (r, b) = request("/echo");
        req::method_set(r, ptr(b"POST"), 4);
        c.status("send_async_streaming", req::send_async_streaming(r, b, ptr(origin), 6, out(&mut p)), OK);
        c.status("streaming_body_write", body::write(b, ptr(b"streamed"), 8, 0, out(&mut n)), OK);
        c.status("streaming_body_close", body::close(b), OK);
        req::pending_req_wait(p, out(&mut rr), out(&mut rb));
        c.eq("send_async_streaming_response", answer(rr, rb), (200, "streamed".to_string()));

        // A dynamic backend to the same origin.
        let target = format!("127.0.0.1:{}", port_of(origin));
        c.status("register_dynamic_backend", req::register_dynamic_backend(ptr(b"dyn1"), 4, ptr(target.as_bytes()), target.len() as u32, 0, 0), OK);
        c.value("is_dynamic_registered", be::is_dynamic(ptr(b"dyn1"), 4, out(&mut v)), OK, v, 1);
        let (r, b) = request("/dyn");
        c.status("send_dynamic", req::send(r, b, ptr(b"dyn1"), 4, out(&mut rr), out(&mut rb)), OK);
        c.eq("send_dynamic_response", answer(rr, rb), (200, "body-dyn".to_string()));
        let st = req::register_dynamic_backend(ptr(b"dyn1"), 4, ptr(target.as_bytes()), target.len() as u32, 0, 0);
        c.check("register_dynamic_backend_twice_fails", st != OK, status_name(st));
        c.status("register_dynamic_backend_unknown_bits", req::register_dynamic_backend(ptr(b"dyn2"), 4, ptr(target.as_bytes()), target.len() as u32, 1 << 30, 0), INVAL);

        trailer_checks(&mut c);
        dest_addr_checks(&mut c);
        pending_header_checks(&mut c);
        websocket_checks(&mut c);
        send_downstream_pending_checks(&mut c);
    }
    c.finish();
}

/// Sends a GET for `path` to the origin; the response and its body handle.
unsafe fn fetch(path: &str) -> (u32, u32) {
    let (r, b) = request(path);
    let (mut rr, mut rb) = (0u32, 0u32);
    req::send(r, b, ptr(b"origin"), 6, out(&mut rr), out(&mut rb));
    (rr, rb)
}

/// The NUL-separated entries of `buf`.
fn entries(buf: &[u8]) -> Vec<String> {
    buf.split(|b| *b == 0).filter(|p| !p.is_empty()).map(|p| String::from_utf8_lossy(p).into_owned()).collect()
}

/// Trailers of a backend response (the origin's /trailers sends x-check: abc, x-multi: 1 and
/// x-multi: 2 after its chunked body) and trailers appended to a body the guest writes.
unsafe fn trailer_checks(c: &mut Checks) {
    let mut buf = [0u8; 256];
    let (mut n, mut next) = (0u32, 0i64);
    let (rr, rb) = fetch("/trailers");
    c.status("trailer_names_get_before_end_is_again", body::trailer_names_get(rb, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n)), AGAIN);
    c.status("trailer_value_get_before_end_is_again", body::trailer_value_get(rb, ptr(b"x-check"), 7, mptr(&mut buf), 256, out(&mut n)), AGAIN);
    c.status("trailer_values_get_before_end_is_again", body::trailer_values_get(rb, ptr(b"x-multi"), 7, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n)), AGAIN);
    c.eq("trailers_response_body", answer(rr, rb), (200, "trailer-body".to_string()));
    let st = body::trailer_value_get(rb, ptr(b"x-check"), 7, mptr(&mut buf), 256, out(&mut n));
    c.value("trailer_value_get", st, OK, &buf[..n as usize], b"abc");
    n = 0;
    c.value("trailer_value_get_buflen_writes_needed_length", body::trailer_value_get(rb, ptr(b"x-check"), 7, mptr(&mut buf), 1, out(&mut n)), BUFLEN, n, 3);
    c.status("trailer_value_get_absent_is_none", body::trailer_value_get(rb, ptr(b"x-absent"), 8, mptr(&mut buf), 256, out(&mut n)), NONE);
    c.status("trailer_value_get_bad_name", body::trailer_value_get(rb, ptr(b"bad name"), 8, mptr(&mut buf), 256, out(&mut n)), INVAL);
    c.status("trailer_value_get_out_past_memory", body::trailer_value_get(rb, ptr(b"x-check"), 7, past_memory(), 256, out(&mut n)), INVAL);
    next = 0;
    let st = body::trailer_values_get(rb, ptr(b"x-multi"), 7, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n));
    c.value("trailer_values_get_in_order", st, OK, (&buf[..n as usize], next), (&b"1\02\0"[..], -1));
    n = 0;
    c.value("trailer_values_get_buflen_writes_needed_length", body::trailer_values_get(rb, ptr(b"x-multi"), 7, mptr(&mut buf), 1, 0, out(&mut next), out(&mut n)), BUFLEN, n, 2);
    c.status("trailer_values_get_bad_name", body::trailer_values_get(rb, ptr(b"bad name"), 8, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n)), INVAL);
    c.status("trailer_values_get_past_memory", body::trailer_values_get(rb, ptr(b"x-multi"), 7, past_memory(), 256, 0, out(&mut next), out(&mut n)), INVAL);
    let st = body::trailer_names_get(rb, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n));
    let names = entries(&buf[..n as usize]);
    c.check("trailer_names_get", st == OK && names == ["x-check", "x-multi"], format!("{} {:?}", status_name(st), names));
    n = 0;
    c.value("trailer_names_get_buflen_writes_needed_length", body::trailer_names_get(rb, mptr(&mut buf), 1, 0, out(&mut next), out(&mut n)), BUFLEN, n, 8);
    c.status("trailer_names_get_past_memory", body::trailer_names_get(rb, past_memory(), 256, 0, out(&mut next), out(&mut n)), INVAL);
    c.status("trailer_names_get_response_handle", body::trailer_names_get(rr, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n)), BADF);
    c.status("trailer_values_get_badf", body::trailer_values_get(0x7fff_0000, ptr(b"x-multi"), 7, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n)), BADF);
    body::close(rb);
    c.status("trailer_value_get_closed_body", body::trailer_value_get(rb, ptr(b"x-check"), 7, mptr(&mut buf), 256, out(&mut n)), BADF);

    // Appending: to a body the guest is still writing.
    let mut b = 0u32;
    body::new(out(&mut b));
    body::write(b, ptr(b"data"), 4, 0, out(&mut n));
    c.status("trailer_append", body::trailer_append(b, ptr(b"x-sum"), 5, ptr(b"42"), 2), OK);
    c.status("trailer_append_second_value", body::trailer_append(b, ptr(b"x-sum"), 5, ptr(b"43"), 2), OK);
    c.status("trailer_append_bad_name", body::trailer_append(b, ptr(b"bad name"), 8, ptr(b"v"), 1), INVAL);
    c.status("trailer_append_bad_value", body::trailer_append(b, ptr(b"x-sum"), 5, ptr(b"a\nb"), 3), INVAL);
    c.status("trailer_append_value_past_memory", body::trailer_append(b, ptr(b"x-sum"), 5, past_memory(), 4), INVAL);
    c.status("trailer_append_response_handle", body::trailer_append(rr, ptr(b"x-sum"), 5, ptr(b"1"), 1), BADF);
    body::close(b);
    c.status("trailer_append_closed_body", body::trailer_append(b, ptr(b"x-sum"), 5, ptr(b"1"), 1), BADF);
}

/// The backend address of a response: the origin's for one it sent, none for one the guest made.
unsafe fn dest_addr_checks(c: &mut Checks) {
    let mut ip = [0u8; 16];
    let mut n = 0u32;
    let mut port = 0u16;
    // A path no earlier send used, so the response comes from the origin, not the readthrough cache.
    let (rr, rb) = fetch("/dest-addr");
    let st = resp::get_addr_dest_ip(rr, mptr(&mut ip), out(&mut n));
    c.value("get_addr_dest_ip", st, OK, &ip[..n as usize], &[127u8, 0, 0, 1][..]);
    c.value("get_addr_dest_port", resp::get_addr_dest_port(rr, out(&mut port)), OK, port, port_of(b"origin"));
    c.status("get_addr_dest_ip_past_memory", resp::get_addr_dest_ip(rr, past_memory(), out(&mut n)), INVAL);
    c.status("get_addr_dest_ip_nwritten_past_memory", resp::get_addr_dest_ip(rr, mptr(&mut ip), past_memory()), INVAL);
    c.status("get_addr_dest_port_past_memory", resp::get_addr_dest_port(rr, past_memory()), INVAL);
    c.status("get_addr_dest_ip_body_handle", resp::get_addr_dest_ip(rb, mptr(&mut ip), out(&mut n)), BADF);
    c.status("get_addr_dest_port_body_handle", resp::get_addr_dest_port(rb, out(&mut port)), BADF);
    let mut mine = 0u32;
    resp::new(out(&mut mine));
    c.status("get_addr_dest_ip_guest_response_is_none", resp::get_addr_dest_ip(mine, mptr(&mut ip), out(&mut n)), NONE);
    c.status("get_addr_dest_port_guest_response_is_none", resp::get_addr_dest_port(mine, out(&mut port)), NONE);
    resp::close(rr);
    c.status("get_addr_dest_ip_closed_response", resp::get_addr_dest_ip(rr, mptr(&mut ip), out(&mut n)), BADF);
    c.status("get_addr_dest_port_closed_response", resp::get_addr_dest_port(rr, out(&mut port)), BADF);
}

/// The values of response header `name`, NUL-terminated.
unsafe fn header_values(h: u32, name: &[u8]) -> (u32, Vec<u8>) {
    let mut buf = [0u8; 256];
    let (mut n, mut next) = (0u32, 0i64);
    let st = resp::header_values_get(h, ptr(name), name.len() as u32, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n));
    (st, buf[..n as usize].to_vec())
}

/// Header changes queued on a pending request (target 0: any response, 1: real responses,
/// 2: synthetic error responses), applied when the guest collects the response.
unsafe fn pending_header_checks(c: &mut Checks) {
    let mut p = 0u32;
    let (r, b) = request("/pending-headers");
    req::send_async(r, b, ptr(b"origin"), 6, out(&mut p));
    c.status("pending_req_header_insert", req::pending_req_header_insert(p, ptr(b"x-added"), 7, ptr(b"one"), 3, 0), OK);
    c.status("pending_req_header_append", req::pending_req_header_append(p, ptr(b"x-added"), 7, ptr(b"two"), 3, 1), OK);
    c.status("pending_req_header_insert_for_errors", req::pending_req_header_insert(p, ptr(b"x-error-only"), 12, ptr(b"1"), 1, 2), OK);
    c.status("pending_req_header_remove", req::pending_req_header_remove(p, ptr(b"x-origin-method"), 15, 0), OK);
    c.status("pending_req_header_insert_bad_target", req::pending_req_header_insert(p, ptr(b"x-a"), 3, ptr(b"1"), 1, 7), INVAL);
    c.status("pending_req_header_append_bad_target", req::pending_req_header_append(p, ptr(b"x-a"), 3, ptr(b"1"), 1, 7), INVAL);
    c.status("pending_req_header_remove_bad_target", req::pending_req_header_remove(p, ptr(b"x-a"), 3, 7), INVAL);
    c.status("pending_req_header_insert_bad_name", req::pending_req_header_insert(p, ptr(b"bad name"), 8, ptr(b"1"), 1, 0), INVAL);
    c.status("pending_req_header_append_bad_value", req::pending_req_header_append(p, ptr(b"x-a"), 3, ptr(b"a\nb"), 3, 0), INVAL);
    c.status("pending_req_header_remove_name_past_memory", req::pending_req_header_remove(p, past_memory(), 4, 0), INVAL);
    c.status("pending_req_header_insert_value_past_memory", req::pending_req_header_insert(p, ptr(b"x-a"), 3, past_memory(), 4, 0), INVAL);
    let (mut rr, mut rb) = (0u32, 0u32);
    c.status("pending_req_header_edits_wait", req::pending_req_wait(p, out(&mut rr), out(&mut rb)), OK);
    c.eq("pending_req_header_edits_applied", header_values(rr, b"x-added"), (OK, b"one\0two\0".to_vec()));
    // An absent header lists no values (hosts answer ok with nothing written, or none).
    let (st, method) = header_values(rr, b"x-origin-method");
    let (st2, path) = header_values(rr, b"x-origin-path");
    c.check("pending_req_header_remove_applied", (st == NONE || method.is_empty()) && st2 == OK && path == b"/pending-headers\0",
        format!("x-origin-method {} {:?}, x-origin-path {} {:?}", status_name(st), method, status_name(st2), path));
    let (st, only) = header_values(rr, b"x-error-only");
    c.check("pending_req_header_error_target_not_on_real_response", st == NONE || only.is_empty(), format!("{} {:?}", status_name(st), only));
    answer(rr, rb);
    c.status("pending_req_header_insert_collected", req::pending_req_header_insert(p, ptr(b"x-a"), 3, ptr(b"1"), 1, 0), BADF);
    c.status("pending_req_header_append_response_handle", req::pending_req_header_append(rr, ptr(b"x-a"), 3, ptr(b"1"), 1, 0), BADF);
    c.status("pending_req_header_remove_badf", req::pending_req_header_remove(0x7fff_0000, ptr(b"x-a"), 3, 0), BADF);
}

/// WebSocket passthrough's error paths (a run's client request is no WebSocket upgrade, so nothing
/// is handed off and the client can still be answered afterwards).
unsafe fn websocket_checks(c: &mut Checks) {
    let (r, _) = request("/ws");
    c.status("upgrade_websocket_unknown_backend", req::upgrade_websocket(ptr(b"nope"), 4), INVAL);
    c.status("redirect_to_websocket_proxy_unknown_backend", req::redirect_to_websocket_proxy(ptr(b"nope"), 4), INVAL);
    c.status("redirect_to_websocket_proxy_v2_unknown_backend", req::redirect_to_websocket_proxy_v2(r, ptr(b"nope"), 4), INVAL);
    c.status("redirect_to_websocket_proxy_v2_badf", req::redirect_to_websocket_proxy_v2(0x7fff_0000, ptr(b"origin"), 6), BADF);
    c.status("upgrade_websocket_name_past_memory", req::upgrade_websocket(past_memory(), 6), INVAL);
    c.status("redirect_to_websocket_proxy_v2_name_straddling_end",
        req::redirect_to_websocket_proxy_v2(r, straddling_end(6), 6), INVAL);
    // Ledge answers inval for a client request that is no upgrade; a host without passthrough, unsupported.
    let not_upgrade = [INVAL, UNSUPPORTED];
    c.one_of("upgrade_websocket_not_an_upgrade", req::upgrade_websocket(ptr(b"origin"), 6), &not_upgrade);
    c.one_of("redirect_to_websocket_proxy_not_an_upgrade", req::redirect_to_websocket_proxy(ptr(b"origin"), 6), &not_upgrade);
    c.one_of("redirect_to_websocket_proxy_v2_not_an_upgrade", req::redirect_to_websocket_proxy_v2(r, ptr(b"origin"), 6), &not_upgrade);
}

/// send_downstream_pending: the response of a pending request goes to the client; it answers
/// once, so a second pending request is refused.
unsafe fn send_downstream_pending_checks(c: &mut Checks) {
    let (rr, _) = fetch("/a");
    c.status("send_downstream_pending_response_handle", resp::send_downstream_pending(rr), BADF);
    c.status("send_downstream_pending_badf", resp::send_downstream_pending(0x7fff_0000), BADF);
    let mut p = 0u32;
    let (r, b) = request("/sent-pending");
    req::send_async(r, b, ptr(b"origin"), 6, out(&mut p));
    req::pending_req_header_insert(p, ptr(b"x-sent"), 6, ptr(b"1"), 1, 0);
    c.status("send_downstream_pending", resp::send_downstream_pending(p), OK);
    c.status("send_downstream_pending_consumes", resp::send_downstream_pending(p), BADF);
    let (r, b) = request("/b");
    req::send_async(r, b, ptr(b"origin"), 6, out(&mut p));
    c.status("send_downstream_pending_after_response_sent", resp::send_downstream_pending(p), INVAL);
    let (mut rr, mut rb) = (0u32, 0u32);
    c.status("send_downstream_pending_refused_leaves_pending", req::pending_req_wait(p, out(&mut rr), out(&mut rb)), OK);
}

fn ptr_u32(hs: &[u32]) -> u32 {
    hs.as_ptr() as usize as u32
}

unsafe fn port_of(name: &[u8]) -> u16 {
    let mut p = 0u16;
    be::get_port(ptr(name), name.len() as u32, out(&mut p));
    p
}
