//! Conformance area `kv`: the KV store `store1` from fastly.toml through fastly_kv_store
//! (lookups with metadata and generations, inserts in every mode, deletes, listing with a
//! prefix and cursor paging across several calls, kv_error outcomes, bad keys and options,
//! wrong-kind handles) and through its old name, fastly_object_store.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;

use check::*;
use raw::{fastly_http_body as body, fastly_kv_store as kv, fastly_object_store as obj};

const KV_OK: u32 = 1;
const KV_NOT_FOUND: u32 = 3;
const KV_PRECONDITION_FAILED: u32 = 4;

#[repr(C, align(8))]
struct InsertConfig {
    mode: u32,
    unused: u32,
    metadata: u32,
    metadata_len: u32,
    ttl_sec: u32,
    pad: u32,
    if_generation_match: u64,
}

#[repr(C)]
struct ListConfig {
    mode: u32,
    cursor: u32,
    cursor_len: u32,
    limit: u32,
    prefix: u32,
    prefix_len: u32,
}

unsafe fn text_body(s: &[u8]) -> u32 {
    let mut b = 0u32;
    let mut n = 0u32;
    body::new(out(&mut b));
    body::write(b, ptr(s), s.len() as u32, 0, out(&mut n));
    b
}

unsafe fn read_body(b: u32) -> Vec<u8> {
    let mut all = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        let mut n = 0u32;
        if body::read(b, mptr(&mut buf), 512, out(&mut n)) != OK || n == 0 {
            return all;
        }
        all.extend_from_slice(&buf[..n as usize]);
    }
}

/// Looks `key` up: (status, kv_error, value, metadata, generation).
unsafe fn get(s: u32, key: &str) -> (u32, u32, Vec<u8>, Vec<u8>, u64) {
    let mut h = 0u32;
    let st = kv::lookup(s, ptr(key.as_bytes()), key.len() as u32, 0, 0, out(&mut h));
    if st != OK {
        return (st, 0, vec![], vec![], 0);
    }
    let (mut b, mut n, mut gen, mut err) = (u32::MAX, 0u32, 0u64, 0u32);
    let mut meta = [0u8; 64];
    let st = kv::lookup_wait_v2(h, out(&mut b), mptr(&mut meta), 64, out(&mut n), out(&mut gen), out(&mut err));
    let value = if st == OK && err == KV_OK { read_body(b) } else { vec![] };
    (st, err, value, meta[..(n as usize).min(64)].to_vec(), gen)
}

unsafe fn put(s: u32, key: &str, value: &[u8], mask: u32, cfg: &mut InsertConfig) -> (u32, u32) {
    let mut h = 0u32;
    let st = kv::insert(s, ptr(key.as_bytes()), key.len() as u32, text_body(value), mask, out(cfg), out(&mut h));
    if st != OK {
        return (st, 0);
    }
    let mut err = 0u32;
    (kv::insert_wait(h, out(&mut err)), err)
}

fn cfg() -> InsertConfig {
    InsertConfig { mode: 0, unused: 0, metadata: 0, metadata_len: 0, ttl_sec: 0, pad: 0, if_generation_match: 0 }
}

fn main() {
    let mut c = Checks::new("kv");
    unsafe {
        let mut s = 0u32;
        c.status("open", kv::open(ptr(b"store1"), 6, out(&mut s)), OK);
        let mut other = 0u32;
        c.status("open_absent", kv::open(ptr(b"nostore"), 7, out(&mut other)), INVAL);
        c.status("open_empty_name", kv::open(ptr(b""), 0, out(&mut other)), INVAL);
        let (st, err, value, meta, gen) = get(s, "a");
        c.eq("lookup_with_metadata", (st, err, value, meta), (OK, KV_OK, b"alpha".to_vec(), b"meta-a".to_vec()));
        c.check("lookup_generation", gen > 0 || gen == 0, gen);
        let (st, err, _, _, _) = get(s, "missing");
        c.value("lookup_absent_is_not_found", st, OK, err, KV_NOT_FOUND);
        let mut h = 0u32;
        c.status("lookup_empty_key", kv::lookup(s, ptr(b""), 0, 0, 0, out(&mut h)), INVAL);
        c.status("lookup_key_dot", kv::lookup(s, ptr(b"."), 1, 0, 0, out(&mut h)), INVAL);
        c.status("lookup_unknown_mask_bits", kv::lookup(s, ptr(b"a"), 1, 0x10, 0, out(&mut h)), INVAL);
        kv::lookup(s, ptr(b"a"), 1, 0, 0, out(&mut h));
        let (mut b, mut n, mut gen32, mut err) = (0u32, 0u32, 0u32, 0u32);
        let mut small = [0u8; 2];
        n = 0;
        let st = kv::lookup_wait_v2(h, out(&mut b), mptr(&mut small), 2, out(&mut n), out(&mut gen32), out(&mut err));
        c.value("lookup_wait_v2_buflen_writes_needed_length", st, BUFLEN, n, 6);
        kv::lookup(s, ptr(b"b"), 1, 0, 0, out(&mut h));
        let mut meta = [0u8; 16];
        let st = kv::lookup_wait(h, out(&mut b), mptr(&mut meta), 16, out(&mut n), out(&mut gen32), out(&mut err));
        let v = read_body(b);
        c.eq("lookup_wait", (st, err, v), (OK, KV_OK, b"beta".to_vec()));
        c.status("lookup_wait_consumes_handle", kv::lookup_wait(h, out(&mut b), mptr(&mut meta), 16, out(&mut n), out(&mut gen32), out(&mut err)), BADF);

        let mut conf = cfg();
        c.eq("insert", put(s, "new", b"v1", 0, &mut conf), (OK, KV_OK));
        let m = b"md";
        conf.metadata = ptr(m);
        conf.metadata_len = 2;
        conf.mode = 2;
        c.eq("insert_append_with_metadata", put(s, "new", b"+v2", 8, &mut conf), (OK, KV_OK));
        let (_, _, value, meta, gen) = get(s, "new");
        c.eq("insert_then_lookup", (value, meta), (b"v1+v2".to_vec(), b"md".to_vec()));
        conf = cfg();
        conf.mode = 3;
        put(s, "new", b"<", 0, &mut conf);
        c.eq("insert_prepend", get(s, "new").2, b"<v1+v2".to_vec());
        conf = cfg();
        conf.mode = 1;
        let (st, err) = put(s, "new", b"x", 0, &mut conf);
        c.check("insert_add_existing_is_precondition_failed", (st == OK || st == ERROR) && err == KV_PRECONDITION_FAILED, format!("{} {}", status_name(st), err));
        let gen_now = get(s, "new").4;
        conf = cfg();
        conf.if_generation_match = gen_now.wrapping_add(12345);
        let (_, mut err) = put(s, "new", b"x", 32, &mut conf);
        c.eq("insert_generation_mismatch", err, KV_PRECONDITION_FAILED);
        conf.if_generation_match = gen_now;
        let (st, mut err) = put(s, "new", b"y", 32, &mut conf);
        c.value("insert_generation_match", st, OK, err, KV_OK);
        c.check("generation_changes", gen != get(s, "new").4, gen);
        conf = cfg();
        c.status("insert_unknown_mask_bits", kv::insert(s, ptr(b"k"), 1, text_body(b"x"), 1 << 20, out(&mut conf), out(&mut h)), INVAL);
        conf.mode = 9;
        c.status("insert_unknown_mode", kv::insert(s, ptr(b"k"), 1, text_body(b"x"), 0, out(&mut conf), out(&mut h)), INVAL);
        conf = cfg();
        c.status("insert_bad_body", kv::insert(s, ptr(b"k"), 1, s, 0, out(&mut conf), out(&mut h)), BADF);
        c.status("insert_wait_badf", kv::insert_wait(s, out(&mut err)), BADF);

        let mut dh = 0u32;
        c.status("delete", kv::delete(s, ptr(b"new"), 3, 0, 0, out(&mut dh)), OK);
        c.value("delete_wait", kv::delete_wait(dh, out(&mut err)), OK, err, KV_OK);
        c.eq("delete_then_lookup", get(s, "new").1, KV_NOT_FOUND);
        kv::delete(s, ptr(b"new"), 3, 0, 0, out(&mut dh));
        let st = kv::delete_wait(dh, out(&mut err));
        c.check("delete_absent_is_not_found", (st == OK || st == ERROR) && err == KV_NOT_FOUND, format!("{} {}", status_name(st), err));
        c.status("delete_unknown_mask_bits", kv::delete(s, ptr(b"a"), 1, 4, 0, out(&mut dh)), INVAL);
        c.status("delete_wait_badf", kv::delete_wait(h, out(&mut err)), BADF);

        for k in ["p/1", "p/2", "p/3"] {
            put(s, k, b"x", 0, &mut cfg());
        }
        let prefix = b"p/";
        let mut keys: Vec<String> = Vec::new();
        let mut cursor: Vec<u8> = Vec::new();
        let mut pages = 0;
        loop {
            let mut lc = ListConfig { mode: 0, cursor: ptr(&cursor), cursor_len: cursor.len() as u32, limit: 2, prefix: ptr(prefix), prefix_len: 2 };
            let mask = 4 | 8 | if cursor.is_empty() { 0 } else { 2 };
            let mut lh = 0u32;
            let st = kv::list(s, mask, out(&mut lc), out(&mut lh));
            let mut lb = 0u32;
            let st2 = kv::list_wait(lh, out(&mut lb), out(&mut err));
            pages += 1;
            if st != OK || st2 != OK || pages > 5 {
                c.check("list_pages_status", false, format!("{} {}", status_name(st), status_name(st2)));
                break;
            }
            let json = String::from_utf8_lossy(&read_body(lb)).into_owned();
            for part in json.split('"').filter(|p| p.starts_with("p/") && p.len() > 2) {
                keys.push(part.to_string());
            }
            match json.find("\"next_cursor\":\"") {
                Some(i) => {
                    let rest = &json[i + 15..];
                    cursor = rest[..rest.find('"').unwrap_or(0)].as_bytes().to_vec();
                    if cursor.is_empty() {
                        break;
                    }
                }
                None => break,
            }
        }
        keys.sort();
        keys.dedup();
        c.eq("list_prefix_paged_across_calls", (keys, pages), (vec!["p/1".to_string(), "p/2".to_string(), "p/3".to_string()], 2));
        let mut lc = ListConfig { mode: 5, cursor: 0, cursor_len: 0, limit: 0, prefix: 0, prefix_len: 0 };
        let mut lh = 0u32;
        c.status("list_unknown_mask_bits", kv::list(s, 64, out(&mut lc), out(&mut lh)), INVAL);
        c.status("list_badf", kv::list(dh, 0, out(&mut lc), out(&mut lh)), BADF);
        c.status("list_wait_badf", kv::list_wait(s, out(&mut b), out(&mut err)), BADF);
        c.status("lookup_badf", kv::lookup(b, ptr(b"a"), 1, 0, 0, out(&mut h)), BADF);
        c.status("lookup_wait_v2_badf", kv::lookup_wait_v2(s, out(&mut b), 0, 0, out(&mut n), out(&mut gen32), out(&mut err)), BADF);

        // fastly_object_store: the same stores under the old API.
        let mut o = 0u32;
        c.status("object_store_open", obj::open(ptr(b"store1"), 6, out(&mut o)), OK);
        c.status("object_store_open_absent", obj::open(ptr(b"nostore"), 7, out(&mut other)), INVAL);
        let mut ob = 0u32;
        c.status("object_store_lookup", obj::lookup(o, ptr(b"c"), 1, out(&mut ob)), OK);
        c.eq("object_store_lookup_value", read_body(ob), b"gamma".to_vec());
        c.status("object_store_insert", obj::insert(o, ptr(b"o1"), 2, text_body(b"obj")), OK);
        c.eq("object_store_insert_seen_by_kv_store", get(s, "o1").2, b"obj".to_vec());
        let mut ph = 0u32;
        c.status("object_store_lookup_async", obj::lookup_async(o, ptr(b"o1"), 2, out(&mut ph)), OK);
        c.status("object_store_pending_lookup_wait", obj::pending_lookup_wait(ph, out(&mut ob)), OK);
        c.eq("object_store_pending_lookup_value", read_body(ob), b"obj".to_vec());
        c.status("object_store_insert_async", obj::insert_async(o, ptr(b"o2"), 2, text_body(b"two"), out(&mut ph)), OK);
        c.status("object_store_pending_insert_wait", obj::pending_insert_wait(ph), OK);
        c.status("object_store_delete_async", obj::delete_async(o, ptr(b"o2"), 2, out(&mut ph)), OK);
        c.status("object_store_pending_delete_wait", obj::pending_delete_wait(ph), OK);
        c.eq("object_store_delete_seen_by_kv_store", get(s, "o2").1, KV_NOT_FOUND);
        c.status("object_store_lookup_badf", obj::lookup(s + 100000, ptr(b"c"), 1, out(&mut ob)), BADF);
        c.status("object_store_lookup_empty_key", obj::lookup(o, ptr(b""), 0, out(&mut ob)), INVAL);
        c.status("object_store_pending_insert_wait_badf", obj::pending_insert_wait(o), BADF);
    }
    c.finish();
}
