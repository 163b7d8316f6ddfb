//! Conformance area `cache` (run mode): the core cache as one run sees it: a miss, an insert
//! with user metadata and a max age, the hit with its body, length, ages and hit count, the same
//! facts through a replace operation, and wrong-kind and closed handles (including the HTTP
//! cache's update calls). wasm-host's cache_core fixture covers the rest over HTTP.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;

use check::*;
use raw::{fastly_cache as cache, fastly_http_body as body, fastly_http_cache as hc};

const FOUND: u32 = 1;

#[repr(C, align(8))]
#[derive(Default)]
struct WriteOptions {
    max_age_ns: u64,
    request_headers: u32,
    vary_rule_ptr: u32,
    vary_rule_len: u32,
    pad0: u32,
    initial_age_ns: u64,
    stale_while_revalidate_ns: u64,
    surrogate_keys_ptr: u32,
    surrogate_keys_len: u32,
    length: u64,
    user_metadata_ptr: u32,
    user_metadata_len: u32,
    edge_max_age_ns: u64,
    service_id: u32,
    service_id_len: u32,
}

unsafe fn read_all(b: u32) -> Vec<u8> {
    let mut all = Vec::new();
    let mut buf = [0u8; 64];
    loop {
        let mut n = 0u32;
        if body::read(b, mptr(&mut buf), 64, out(&mut n)) != OK || n == 0 {
            return all;
        }
        all.extend_from_slice(&buf[..n as usize]);
    }
}

fn main() {
    let mut c = Checks::new("cache");
    let key = b"conformance-key";
    let klen = key.len() as u32;
    let zero = [0u8; 32];
    unsafe {
        let mut h = 0u32;
        c.status("lookup_miss", cache::lookup(ptr(key), klen, 0, ptr(&zero), out(&mut h)), OK);
        let mut state = 0u32;
        c.status("get_state_miss", cache::get_state(h, out(&mut state)), OK);
        c.check("miss_is_not_found", state & FOUND == 0, state);
        let mut b = 0u32;
        c.status("get_body_miss_is_none", cache::get_body(h, 0, ptr(&zero), out(&mut b)), NONE);
        c.status("close", cache::close(h), OK);
        c.status("close_twice", cache::close(h), BADF);

        let meta = b"meta-1";
        let mut opts = WriteOptions { max_age_ns: 60_000_000_000, user_metadata_ptr: ptr(meta), user_metadata_len: 6, ..Default::default() };
        let mut wb = 0u32;
        c.status("insert", cache::insert(ptr(key), klen, 128, out(&mut opts), out(&mut wb)), OK);
        let mut n = 0u32;
        body::write(wb, ptr(b"cached bytes"), 12, 0, out(&mut n));
        c.status("insert_body_close", body::close(wb), OK);

        c.status("lookup_hit", cache::lookup(ptr(key), klen, 0, ptr(&zero), out(&mut h)), OK);
        cache::get_state(h, out(&mut state));
        c.check("hit_is_found", state & FOUND != 0, state);
        c.status("get_body", cache::get_body(h, 0, ptr(&zero), out(&mut b)), OK);
        c.eq("get_body_bytes", read_all(b), b"cached bytes".to_vec());
        let mut len = 0u64;
        c.value("get_length", cache::get_length(h, out(&mut len)), OK, len, 12);
        let mut v = 0u64;
        c.value("get_max_age_ns", cache::get_max_age_ns(h, out(&mut v)), OK, v, 60_000_000_000);
        c.status("get_age_ns", cache::get_age_ns(h, out(&mut v)), OK);
        c.status("get_stale_while_revalidate_ns", cache::get_stale_while_revalidate_ns(h, out(&mut v)), OK);
        c.status("get_hits", cache::get_hits(h, out(&mut v)), OK);
        let mut mbuf = [0u8; 16];
        c.value("get_user_metadata", cache::get_user_metadata(h, mptr(&mut mbuf), 16, out(&mut n)), OK, &mbuf[..n as usize], &meta[..]);
        n = 0;
        c.value("get_user_metadata_buflen_writes_needed_length", cache::get_user_metadata(h, mptr(&mut mbuf), 2, out(&mut n)), BUFLEN, n, 6);
        c.status("get_length_out_past_memory", cache::get_length(h, past_memory()), INVAL);

        let mut r = 0u32;
        c.status("replace", cache::replace(ptr(key), klen, 0, ptr(&zero), out(&mut r)), OK);
        c.status("replace_get_state", cache::replace_get_state(r, out(&mut state)), OK);
        c.check("replace_sees_the_object", state & FOUND != 0, state);
        c.value("replace_get_length", cache::replace_get_length(r, out(&mut len)), OK, len, 12);
        c.value("replace_get_max_age_ns", cache::replace_get_max_age_ns(r, out(&mut v)), OK, v, 60_000_000_000);
        c.status("replace_get_age_ns", cache::replace_get_age_ns(r, out(&mut v)), OK);
        c.status("replace_get_hits", cache::replace_get_hits(r, out(&mut v)), OK);
        c.status("replace_get_stale_while_revalidate_ns", cache::replace_get_stale_while_revalidate_ns(r, out(&mut v)), OK);
        c.value("replace_get_user_metadata", cache::replace_get_user_metadata(r, mptr(&mut mbuf), 16, out(&mut n)), OK, &mbuf[..n as usize], &meta[..]);
        c.status("replace_get_body", cache::replace_get_body(r, 0, ptr(&zero), out(&mut b)), OK);
        c.eq("replace_get_body_bytes", read_all(b), b"cached bytes".to_vec());
        let mut opts2 = WriteOptions { max_age_ns: 30_000_000_000, ..Default::default() };
        c.status("replace_insert", cache::replace_insert(r, 0, out(&mut opts2), out(&mut wb)), OK);
        body::write(wb, ptr(b"replaced"), 8, 0, out(&mut n));
        body::close(wb);
        cache::lookup(ptr(key), klen, 0, ptr(&zero), out(&mut h));
        cache::get_body(h, 0, ptr(&zero), out(&mut b));
        c.eq("replace_insert_then_lookup", read_all(b), b"replaced".to_vec());

        // Wrong-kind and unknown handles.
        c.status("replace_get_age_ns_cache_handle", cache::replace_get_age_ns(h, out(&mut v)), BADF);
        c.status("replace_get_hits_badf", cache::replace_get_hits(0x7fff_0000, out(&mut v)), BADF);
        c.status("replace_get_max_age_ns_badf", cache::replace_get_max_age_ns(b, out(&mut v)), BADF);
        c.status("replace_get_stale_while_revalidate_ns_badf", cache::replace_get_stale_while_revalidate_ns(b, out(&mut v)), BADF);
        c.status("get_hits_replace_handle", cache::get_hits(r, out(&mut v)), BADF);
        let mut resp = 0u32;
        raw::fastly_http_resp::new(out(&mut resp));
        let mut h2 = 0u32;
        c.status("http_cache_transaction_update_cache_handle", hc::transaction_update(h, resp, 0, ptr(&zero)), BADF);
        c.status("http_cache_transaction_update_and_return_fresh_badf",
            hc::transaction_update_and_return_fresh(0x7fff_0000, resp, 0, ptr(&zero), out(&mut h2)), BADF);
        c.status("lookup_key_past_memory", cache::lookup(past_memory(), 8, 0, ptr(&zero), out(&mut h)), INVAL);
        c.status("lookup_unknown_option_bits", cache::lookup(ptr(key), klen, 1 << 20, ptr(&zero), out(&mut h)), INVAL);
    }
    c.finish();
}
