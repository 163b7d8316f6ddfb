//! Conformance area `http_req`: requests made by the guest (fastly_http_req without sending):
//! method, URI and version with the buflen protocol, every header call (common/headers.rs),
//! cache overrides, decompression and framing settings, closing, and handles of the wrong kind.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;
#[path = "common/headers.rs"]
#[macro_use]
mod headers;

use check::*;
use raw::fastly_http_req as req;

fn main() {
    let mut c = Checks::new("http_req");
    unsafe {
        let mut h = 0u32;
        c.status("new", req::new(out(&mut h)), OK);
        c.status("new_out_past_memory", req::new(past_memory()), INVAL);
        let mut buf = [0u8; 128];
        let mut n = 0u32;
        let st = req::method_get(h, mptr(&mut buf), 128, out(&mut n));
        c.value("method_get_default", st, OK, &buf[..n as usize], b"GET");
        c.status("method_set", req::method_set(h, ptr(b"PATCH"), 5), OK);
        n = 0;
        c.value("method_get_buflen_writes_needed_length", req::method_get(h, mptr(&mut buf), 3, out(&mut n)), BUFLEN, n, 5);
        let st = req::method_get(h, mptr(&mut buf), 5, out(&mut n));
        c.value("method_get_exact_fit", st, OK, &buf[..n as usize], b"PATCH");
        c.status("method_set_invalid", req::method_set(h, ptr(b"GE T"), 4), INVAL);
        c.status("method_set_empty", req::method_set(h, ptr(b""), 0), INVAL);

        let uri = b"https://example.com/path?q=1";
        c.status("uri_set", req::uri_set(h, ptr(uri), uri.len() as u32), OK);
        let st = req::uri_get(h, mptr(&mut buf), 128, out(&mut n));
        c.value("uri_get", st, OK, &buf[..n as usize], &uri[..]);
        n = 0;
        c.value("uri_get_buflen_writes_needed_length", req::uri_get(h, mptr(&mut buf), 4, out(&mut n)), BUFLEN, n, uri.len() as u32);
        c.status("uri_set_invalid", req::uri_set(h, ptr(b"not a uri"), 9), INVAL);
        c.status("uri_set_past_memory", req::uri_set(h, past_memory(), 64), INVAL);
        c.status("uri_get_out_past_memory", req::uri_get(h, past_memory(), 64, out(&mut n)), INVAL);

        let mut v = 99u32;
        c.status("version_get", req::version_get(h, out(&mut v)), OK);
        c.check("version_get_is_http_version", v <= 4, v);
        c.status("version_set_http2", req::version_set(h, 3), OK);
        c.value("version_get_after_set", req::version_get(h, out(&mut v)), OK, v, 3);
        c.status("version_set_unknown", req::version_set(h, 17), INVAL);

        header_checks!(&mut c, fastly_http_req, h);

        c.status("cache_override_set", req::cache_override_set(h, 2, 60, 10), OK);
        c.status("cache_override_set_unknown_bits", req::cache_override_set(h, 0x100, 60, 10), INVAL);
        c.status("cache_override_v2_set", req::cache_override_v2_set(h, 4 | 8, 60, 10, ptr(b"key1 key2"), 9), OK);
        c.status("cache_override_v2_set_bad_key", req::cache_override_v2_set(h, 4, 60, 10, ptr(b"a\nb"), 3), INVAL);
        c.status("auto_decompress_response_set", req::auto_decompress_response_set(h, 1), OK);
        c.status("auto_decompress_response_set_unknown_bits", req::auto_decompress_response_set(h, 0x80), INVAL);
        c.status("framing_headers_mode_set", req::framing_headers_mode_set(h, 1), OK);
        c.status("framing_headers_mode_set_unknown", req::framing_headers_mode_set(h, 7), INVAL);

        // Handles of the wrong kind are badf, like unknown ones.
        let mut resp = 0u32;
        raw::fastly_http_resp::new(out(&mut resp));
        let mut body = 0u32;
        raw::fastly_http_body::new(out(&mut body));
        c.status("method_get_response_handle", req::method_get(resp, mptr(&mut buf), 128, out(&mut n)), BADF);
        c.status("uri_set_body_handle", req::uri_set(body, ptr(uri), uri.len() as u32), BADF);
        c.status("version_get_badf", req::version_get(0x7fff_0000, out(&mut v)), BADF);
        c.status("version_set_badf", req::version_set(body, 1), BADF);
        c.status("method_set_badf", req::method_set(resp, ptr(b"GET"), 3), BADF);
        c.status("uri_get_badf", req::uri_get(0x7fff_0000, mptr(&mut buf), 128, out(&mut n)), BADF);
        c.status("cache_override_set_badf", req::cache_override_set(resp, 0, 0, 0), BADF);
        c.status("cache_override_v2_set_badf", req::cache_override_v2_set(resp, 0, 0, 0, 0, 0), BADF);
        c.status("auto_decompress_response_set_badf", req::auto_decompress_response_set(body, 1), BADF);
        c.status("framing_headers_mode_set_badf", req::framing_headers_mode_set(body, 0), BADF);
        c.status("close_response_handle", req::close(resp), BADF);
        c.status("close", req::close(h), OK);
        c.status("close_twice", req::close(h), BADF);
        c.status("method_get_after_close", req::method_get(h, mptr(&mut buf), 128, out(&mut n)), BADF);
    }
    c.finish();
}
