//! Conformance area `downstream`: the client request a run-mode guest asks for (the runtime
//! makes one up: a GET from loopback over plain HTTP): its facts through fastly_http_req's old
//! calls and fastly_http_downstream's, original headers, that it can be taken only once, and
//! request promises for further requests.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;
#[path = "common/downstream.rs"]
mod downstream;

use check::*;
use raw::{fastly_http_downstream as ds, fastly_http_req as req};

#[repr(C, align(8))]
struct NextRequestOptions {
    timeout_ms: u64,
}

fn main() {
    let mut c = Checks::new("downstream");
    unsafe {
        let (mut r, mut b) = (0u32, 0u32);
        c.status("body_downstream_get", req::body_downstream_get(out(&mut r), out(&mut b)), OK);
        let (mut r2, mut b2) = (0u32, 0u32);
        c.status("body_downstream_get_twice_is_error", req::body_downstream_get(out(&mut r2), out(&mut b2)), ERROR);
        downstream::downstream_checks(&mut c, r);
        let mut count = 99u32;
        c.status("original_header_count", req::original_header_count(out(&mut count)), OK);
        let mut count2 = 98u32;
        c.value("downstream_original_header_count", ds::downstream_original_header_count(r, out(&mut count2)), OK, count2, count);
        let (st, names, _) = downstream::original_header_names(None, 512);
        c.value("original_header_names_get_matches_count", st, OK, names.len() as u32, count);
        let (st, names2, _) = downstream::original_header_names(Some(r), 512);
        c.value("downstream_original_header_names_matches", st, OK, names2, names);

        // Request promises: Ledge answers with the next request or none; a runtime that does not
        // reuse sandboxes may refuse with unsupported.
        let mut opts = NextRequestOptions { timeout_ms: 1 };
        let mut p = 0u32;
        let st = ds::next_request(2, out(&mut opts), out(&mut p));
        if c.check("next_request", st == OK || st == UNSUPPORTED, status_name(st)) && st == OK {
            let st = ds::next_request_wait(p, out(&mut r2), out(&mut b2));
            c.status("next_request_wait_in_run_mode_is_none", st, NONE);
            let mut p2 = 0u32;
            ds::next_request(0, 0, out(&mut p2));
            c.status("next_request_abandon", ds::next_request_abandon(p2), OK);
            c.status("next_request_abandon_twice", ds::next_request_abandon(p2), BADF);
            c.status("next_request_wait_badf", ds::next_request_wait(r, out(&mut r2), out(&mut b2)), BADF);
        }
        c.status("next_request_wait_unknown_handle", ds::next_request_wait(0x7fff_0000, out(&mut r2), out(&mut b2)), BADF);
        c.status("next_request_abandon_request_handle", ds::next_request_abandon(r), BADF);
        c.status("next_request_unknown_bits", ds::next_request(0x80, out(&mut opts), out(&mut p)), INVAL);
    }
    c.finish();
}
