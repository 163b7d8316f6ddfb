//! Conformance guest `http_downstream` (HTTP mode): checks the real client request the suite
//! sends (`POST /conformance?x=1` with headers `x-conformance: yes`, `x-multi: a`,
//! `x-multi: b` and the body `ping-body`) and answers with its check lines as a streamed body:
//! status 200 when every check passed, 500 otherwise, and `x-conformance-checks: N`.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;
#[path = "common/downstream.rs"]
mod downstream;

use check::*;
use raw::{fastly_http_body as body, fastly_http_req as req, fastly_http_resp as resp};

fn main() {
    let mut c = Checks::new("http_downstream");
    let mut buf = [0u8; 512];
    let mut n = 0u32;
    unsafe {
        let (mut r, mut b) = (0u32, 0u32);
        c.status("body_downstream_get", req::body_downstream_get(out(&mut r), out(&mut b)), OK);
        let st = req::method_get(r, mptr(&mut buf), 512, out(&mut n));
        c.value("method", st, OK, &buf[..n as usize], b"POST");
        let st = req::uri_get(r, mptr(&mut buf), 512, out(&mut n));
        let uri = String::from_utf8_lossy(&buf[..n as usize]).into_owned();
        c.check("uri_has_path_and_query", st == OK && uri.starts_with("http") && uri.ends_with("/conformance?x=1"), &uri);
        let st = req::header_value_get(r, ptr(b"x-conformance"), 13, mptr(&mut buf), 512, out(&mut n));
        c.value("header_value", st, OK, &buf[..n as usize], b"yes");
        let mut next = 0i64;
        let st = req::header_values_get(r, ptr(b"x-multi"), 7, mptr(&mut buf), 512, 0, out(&mut next), out(&mut n));
        c.value("repeated_header_values_in_order", st, OK, &buf[..n as usize], b"a\0b\0");
        let mut count = 0u32;
        c.status("original_header_count", req::original_header_count(out(&mut count)), OK);
        let (st, names, _) = downstream::original_header_names(None, 512);
        c.check("original_header_names_get", st == OK && names.iter().any(|x| x.eq_ignore_ascii_case("x-conformance"))
            && names.len() as u32 == count, format!("{} {:?} count {}", status_name(st), names, count));
        let (st, paged, calls) = downstream::original_header_names(Some(r), 16);
        c.check("downstream_original_header_names_paged_across_calls", st == OK && paged == names && calls > 1,
            format!("{} {:?} in {} calls", status_name(st), paged, calls));
        let mut len = 0u64;
        c.value("downstream_body_known_length", body::known_length(b, out(&mut len)), OK, len, 9);
        let mut all = Vec::new();
        loop {
            let st = body::read(b, mptr(&mut buf), 4, out(&mut n));
            if st != OK || n == 0 {
                c.status("downstream_body_read", st, OK);
                break;
            }
            all.extend_from_slice(&buf[..n as usize]);
        }
        c.eq("downstream_body", String::from_utf8_lossy(&all).into_owned(), "ping-body".to_string());
        downstream::downstream_checks(&mut c, r);
        // This request counts as a visit of this client, to this service and to the POP (the process).
        let (mut service, mut pop) = (0u32, 0u32);
        let st = raw::fastly_http_downstream::downstream_visits_this_service(out(&mut service));
        c.check("downstream_visits_this_service", st == OK && service >= 1, format!("{} {}", status_name(st), service));
        let st = raw::fastly_http_downstream::downstream_visits_this_pop(out(&mut pop));
        c.check("downstream_visits_this_pop_at_least_this_service", st == OK && pop >= service, format!("{} {} vs {}", status_name(st), pop, service));
        c.status("downstream_visits_this_service_past_memory", raw::fastly_http_downstream::downstream_visits_this_service(past_memory()), INVAL);
        c.status("downstream_visits_this_pop_past_memory", raw::fastly_http_downstream::downstream_visits_this_pop(past_memory()), INVAL);

        // The answer: status and header first, then the report streamed into the body.
        let (mut h, mut rb) = (0u32, 0u32);
        c.status("resp_new", resp::new(out(&mut h)), OK);
        c.status("body_new", body::new(out(&mut rb)), OK);
        let status = if c.all_passed() { 200 } else { 500 };
        resp::status_set(h, status);
        let count = format!("{}", c.lines.len() + 1);
        resp::header_insert(h, ptr(b"x-conformance-checks"), 20, ptr(count.as_bytes()), count.len() as u32);
        let ok = resp::send_downstream(h, rb, 1) == OK;
        c.check("send_downstream_streaming", ok, "send_downstream(streaming) failed");
        let text = c.report();
        let mut off = 0;
        while off < text.len() {
            let end = (off + 100).min(text.len());
            if body::write(rb, ptr(&text.as_bytes()[off..end]), (end - off) as u32, 0, out(&mut n)) != OK || n == 0 {
                break;
            }
            off += n as usize;
        }
        body::close(rb);
    }
}
