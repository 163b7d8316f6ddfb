//! Conformance area `http_resp`: responses made by the guest: status, version, every header call
//! (common/headers.rs), framing and keep-alive settings, sending, closing and wrong-kind handles.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;
#[path = "common/headers.rs"]
#[macro_use]
mod headers;

use check::*;
use raw::fastly_http_resp as resp;

fn main() {
    let mut c = Checks::new("http_resp");
    unsafe {
        let mut h = 0u32;
        c.status("new", resp::new(out(&mut h)), OK);
        c.status("new_out_past_memory", resp::new(past_memory()), INVAL);
        let mut s = 0u16;
        c.value("status_get_default", resp::status_get(h, out(&mut s)), OK, s, 200);
        c.status("status_set", resp::status_set(h, 418), OK);
        c.value("status_get_after_set", resp::status_get(h, out(&mut s)), OK, s, 418);
        c.status("status_set_below_100", resp::status_set(h, 99), INVAL);
        c.status("status_set_above_999", resp::status_set(h, 1000), INVAL);
        let mut v = 99u32;
        c.status("version_get", resp::version_get(h, out(&mut v)), OK);
        c.status("version_set", resp::version_set(h, 2), OK);
        c.value("version_get_after_set", resp::version_get(h, out(&mut v)), OK, v, 2);
        c.status("version_set_unknown", resp::version_set(h, 42), INVAL);

        header_checks!(&mut c, fastly_http_resp, h);

        c.status("framing_headers_mode_set", resp::framing_headers_mode_set(h, 0), OK);
        c.status("framing_headers_mode_set_unknown", resp::framing_headers_mode_set(h, 9), INVAL);
        c.status("http_keepalive_mode_set", resp::http_keepalive_mode_set(h, 1), OK);
        c.status("http_keepalive_mode_set_unknown", resp::http_keepalive_mode_set(h, 9), INVAL);

        let mut req = 0u32;
        raw::fastly_http_req::new(out(&mut req));
        let mut body = 0u32;
        raw::fastly_http_body::new(out(&mut body));
        c.status("status_get_request_handle", resp::status_get(req, out(&mut s)), BADF);
        c.status("status_set_body_handle", resp::status_set(body, 200), BADF);
        c.status("version_get_badf", resp::version_get(req, out(&mut v)), BADF);
        c.status("version_set_badf", resp::version_set(body, 1), BADF);
        c.status("framing_headers_mode_set_badf", resp::framing_headers_mode_set(req, 0), BADF);
        c.status("http_keepalive_mode_set_badf", resp::http_keepalive_mode_set(req, 0), BADF);
        c.status("send_downstream_badf", resp::send_downstream(req, body, 0), BADF);
        c.status("send_downstream_body_badf", resp::send_downstream(h, req, 0), BADF);
        c.status("close_request_handle", resp::close(req), BADF);

        // In run mode the response goes nowhere, but sending it is allowed once.
        let mut h2 = 0u32;
        resp::new(out(&mut h2));
        c.status("send_downstream", resp::send_downstream(h2, body, 0), OK);
        let mut b2 = 0u32;
        raw::fastly_http_body::new(out(&mut b2));
        let st = resp::send_downstream(h, b2, 0);
        c.check("send_downstream_twice_fails", st != OK, status_name(st));
        let mut h3 = 0u32;
        resp::new(out(&mut h3));
        c.status("close", resp::close(h3), OK);
        c.status("close_twice", resp::close(h3), BADF);
        c.status("status_get_after_close", resp::status_get(h3, out(&mut s)), BADF);
    }
    c.finish();
}
