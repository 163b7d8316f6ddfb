//! Conformance area `edge_data`: the smaller lookup modules: fastly_log (endpoints and writes),
//! fastly_geo (an address from fastly.toml), fastly_device_detection, fastly_uap,
//! fastly_compute_runtime and fastly_purge, each with its buflen, inval and none paths.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;

use check::*;
use raw::*;

#[repr(C)]
struct PurgeOptions {
    ret_buf_ptr: u32,
    ret_buf_len: u32,
    ret_buf_nwritten_out: u32,
}

fn main() {
    let mut c = Checks::new("edge_data");
    let mut buf = [0u8; 512];
    let mut n = 0u32;
    unsafe {
        let mut ep = 0u32;
        c.status("log_endpoint_get", fastly_log::endpoint_get(ptr(b"conformance"), 11, out(&mut ep)), OK);
        c.value("log_write", fastly_log::write(ep, ptr(b"a log line"), 10, out(&mut n)), OK, n, 10);
        c.status("log_endpoint_get_empty_name", fastly_log::endpoint_get(ptr(b""), 0, out(&mut ep)), INVAL);
        c.status("log_endpoint_get_not_utf8", fastly_log::endpoint_get(ptr(b"\xff"), 1, out(&mut ep)), INVAL);
        c.status("log_write_past_memory", fastly_log::write(ep, past_memory(), 10, out(&mut n)), INVAL);
        let mut body = 0u32;
        fastly_http_body::new(out(&mut body));
        c.status("log_write_body_handle", fastly_log::write(body, ptr(b"x"), 1, out(&mut n)), BADF);

        let addr = [192u8, 0, 2, 1];
        let st = fastly_geo::lookup(ptr(&addr), 4, mptr(&mut buf), 512, out(&mut n));
        let json = String::from_utf8_lossy(&buf[..n as usize]).into_owned();
        c.check("geo_lookup_configured_address", st == OK && json.contains("\"city\":\"Testville\"") && json.contains("64500"),
            format!("{} {}", status_name(st), json));
        let full = n;
        n = 0;
        c.value("geo_lookup_buflen_writes_needed_length", fastly_geo::lookup(ptr(&addr), 4, mptr(&mut buf), 5, out(&mut n)), BUFLEN, n, full);
        c.status("geo_lookup_needed_length_fits", fastly_geo::lookup(ptr(&addr), 4, mptr(&mut buf), full, out(&mut n)), OK);
        c.status("geo_lookup_bad_address_length", fastly_geo::lookup(ptr(&addr), 5, mptr(&mut buf), 512, out(&mut n)), INVAL);
        c.status("geo_lookup_address_past_memory", fastly_geo::lookup(past_memory(), 4, mptr(&mut buf), 512, out(&mut n)), INVAL);
        let v6 = [0x20u8, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9];
        let st = fastly_geo::lookup(ptr(&v6), 16, mptr(&mut buf), 512, out(&mut n));
        c.check("geo_lookup_ipv6_answers", st == OK || st == NONE, status_name(st));

        let ua = b"test-agent/1.0 (Phone)";
        let st = fastly_device_detection::lookup(ptr(ua), ua.len() as u32, mptr(&mut buf), 512, out(&mut n));
        let json = String::from_utf8_lossy(&buf[..n as usize]).into_owned();
        c.check("device_detection_lookup", st == OK && json.contains("\"name\":\"Phone\""), format!("{} {}", status_name(st), json));
        let full = n;
        n = 0;
        c.value("device_detection_buflen_writes_needed_length",
            fastly_device_detection::lookup(ptr(ua), ua.len() as u32, mptr(&mut buf), 3, out(&mut n)), BUFLEN, n, full);
        c.status("device_detection_unknown_agent", fastly_device_detection::lookup(ptr(b"nobody"), 6, mptr(&mut buf), 512, out(&mut n)), NONE);
        c.status("device_detection_not_utf8", fastly_device_detection::lookup(ptr(b"\xff\xff"), 2, mptr(&mut buf), 512, out(&mut n)), INVAL);

        let chrome = b"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36";
        let (mut f, mut ma, mut mi, mut pa) = ([0u8; 32], [0u8; 8], [0u8; 8], [0u8; 8]);
        let (mut fn_, mut man, mut min, mut pan) = (0u32, 0u32, 0u32, 0u32);
        let st = fastly_uap::parse(ptr(chrome), chrome.len() as u32, mptr(&mut f), 32, out(&mut fn_), mptr(&mut ma), 8, out(&mut man),
            mptr(&mut mi), 8, out(&mut min), mptr(&mut pa), 8, out(&mut pan));
        c.value("uap_parse", st, OK, (&f[..fn_ as usize], &ma[..man as usize], &mi[..min as usize]), (&b"Chrome"[..], &b"120"[..], &b"0"[..]));
        fn_ = 0;
        let st = fastly_uap::parse(ptr(chrome), chrome.len() as u32, mptr(&mut f), 2, out(&mut fn_), mptr(&mut ma), 8, out(&mut man),
            mptr(&mut mi), 8, out(&mut min), mptr(&mut pa), 8, out(&mut pan));
        c.value("uap_parse_buflen_writes_needed_length", st, BUFLEN, fn_, 6);
        let st = fastly_uap::parse(ptr(b"\xff"), 1, mptr(&mut f), 32, out(&mut fn_), mptr(&mut ma), 8, out(&mut man),
            mptr(&mut mi), 8, out(&mut min), mptr(&mut pa), 8, out(&mut pan));
        c.status("uap_parse_not_utf8", st, INVAL);

        let (mut ms, mut mib) = (0u64, 0u32);
        c.status("compute_runtime_get_vcpu_ms", fastly_compute_runtime::get_vcpu_ms(out(&mut ms)), OK);
        c.status("compute_runtime_get_heap_mib", fastly_compute_runtime::get_heap_mib(out(&mut mib)), OK);
        c.check("compute_runtime_heap_counts_linear_memory", mib >= 1, mib);
        c.status("compute_runtime_get_vcpu_ms_past_memory", fastly_compute_runtime::get_vcpu_ms(past_memory()), INVAL);
        c.status("compute_runtime_get_heap_mib_past_memory", fastly_compute_runtime::get_heap_mib(past_memory()), INVAL);

        c.status("purge_surrogate_key", fastly_purge::purge_surrogate_key(ptr(b"product-1"), 9, 0, 0), OK);
        c.status("purge_surrogate_key_soft", fastly_purge::purge_surrogate_key(ptr(b"product-1"), 9, 1, 0), OK);
        let mut reply_len = 0u32;
        let mut opts = PurgeOptions { ret_buf_ptr: mptr(&mut buf), ret_buf_len: 512, ret_buf_nwritten_out: out(&mut reply_len) };
        let st = fastly_purge::purge_surrogate_key(ptr(b"product-2"), 9, 2, out(&mut opts));
        let reply = String::from_utf8_lossy(&buf[..reply_len as usize]).into_owned();
        c.check("purge_surrogate_key_json_reply", st == OK && reply.starts_with('{'), format!("{} {:?}", status_name(st), reply));
        let full = reply_len;
        opts.ret_buf_len = 1;
        reply_len = 0;
        let st = fastly_purge::purge_surrogate_key(ptr(b"product-2"), 9, 2, out(&mut opts));
        c.value("purge_surrogate_key_buflen_writes_needed_length", st, BUFLEN, reply_len, full);
        c.status("purge_surrogate_key_unknown_bits", fastly_purge::purge_surrogate_key(ptr(b"k"), 1, 0x40, 0), INVAL);
        c.status("purge_surrogate_key_empty", fastly_purge::purge_surrogate_key(ptr(b""), 0, 0, 0), INVAL);
        c.status("purge_surrogate_key_past_memory", fastly_purge::purge_surrogate_key(past_memory(), 4, 0, 0), INVAL);
    }
    c.finish();
}
