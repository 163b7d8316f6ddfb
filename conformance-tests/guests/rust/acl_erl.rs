//! Conformance area `acl_erl`: ACLs from fastly.toml (`blocklist`: longest-prefix matches over
//! IPv4 and IPv6, no_content when nothing matches) and edge rate limiting (rate counters,
//! penalty boxes, check_rate), with their error paths.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;

use check::*;
use raw::{fastly_acl as acl, fastly_erl as erl, fastly_http_body as body};

const ACL_OK: u32 = 1;
const ACL_NO_CONTENT: u32 = 2;

unsafe fn read_body(b: u32) -> String {
    let mut all = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        let mut n = 0u32;
        if body::read(b, mptr(&mut buf), 256, out(&mut n)) != OK || n == 0 {
            return String::from_utf8_lossy(&all).into_owned();
        }
        all.extend_from_slice(&buf[..n as usize]);
    }
}

fn main() {
    let mut c = Checks::new("acl_erl");
    unsafe {
        let mut a = 0u32;
        c.status("acl_open", acl::open(ptr(b"blocklist"), 9, out(&mut a)), OK);
        let mut other = 0u32;
        c.status("acl_open_absent", acl::open(ptr(b"allowlist"), 9, out(&mut other)), NONE);
        c.status("acl_open_not_utf8", acl::open(ptr(b"\xff"), 1, out(&mut other)), INVAL);
        let (mut b, mut err) = (u32::MAX, 0u32);
        let st = acl::lookup(a, ptr(&[192u8, 0, 2, 5]), 4, out(&mut b), out(&mut err));
        let json = if st == OK && err == ACL_OK { read_body(b) } else { String::new() };
        c.check("acl_lookup_ipv4_match", st == OK && err == ACL_OK && json.contains("BLOCK") && json.contains("192.0.2.0/24"),
            format!("{} {} {}", status_name(st), err, json));
        let st = acl::lookup(a, ptr(&[192u8, 0, 2, 200]), 4, out(&mut b), out(&mut err));
        let json = if st == OK && err == ACL_OK { read_body(b) } else { String::new() };
        c.check("acl_lookup_longest_prefix_wins", st == OK && json.contains("ALLOW") && json.contains("192.0.2.128/25"),
            format!("{} {} {}", status_name(st), err, json));
        let v6 = [0x20u8, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        let st = acl::lookup(a, ptr(&v6), 16, out(&mut b), out(&mut err));
        let json = if st == OK && err == ACL_OK { read_body(b) } else { String::new() };
        c.check("acl_lookup_ipv6_match", st == OK && json.contains("BLOCK"), format!("{} {} {}", status_name(st), err, json));
        let st = acl::lookup(a, ptr(&[10u8, 0, 0, 1]), 4, out(&mut b), out(&mut err));
        c.value("acl_lookup_no_match_is_no_content", st, OK, err, ACL_NO_CONTENT);
        c.status("acl_lookup_bad_length", acl::lookup(a, ptr(&[10u8, 0, 0, 1]), 5, out(&mut b), out(&mut err)), INVAL);
        c.status("acl_lookup_past_memory", acl::lookup(a, past_memory(), 4, out(&mut b), out(&mut err)), INVAL);
        let mut bh = 0u32;
        body::new(out(&mut bh));
        c.status("acl_lookup_body_handle", acl::lookup(bh, ptr(&[10u8, 0, 0, 1]), 4, out(&mut b), out(&mut err)), BADF);

        let (rc, entry, pb) = (b"rc1", b"client-1", b"pb1");
        c.status("ratecounter_increment", erl::ratecounter_increment(ptr(rc), 3, ptr(entry), 8, 5), OK);
        let mut count = 0u32;
        let st = erl::ratecounter_lookup_count(ptr(rc), 3, ptr(entry), 8, 60, out(&mut count));
        c.value("ratecounter_lookup_count", st, OK, count, 5);
        let mut rate = 0u32;
        c.status("ratecounter_lookup_rate", erl::ratecounter_lookup_rate(ptr(rc), 3, ptr(entry), 8, 10, out(&mut rate)), OK);
        c.status("ratecounter_lookup_rate_bad_window", erl::ratecounter_lookup_rate(ptr(rc), 3, ptr(entry), 8, 7, out(&mut rate)), INVAL);
        c.status("ratecounter_lookup_count_bad_duration", erl::ratecounter_lookup_count(ptr(rc), 3, ptr(entry), 8, 15, out(&mut count)), INVAL);
        let long = [b'e'; 300];
        c.status("ratecounter_increment_entry_too_long", erl::ratecounter_increment(ptr(rc), 3, ptr(&long), 300, 1), INVAL);
        c.status("ratecounter_increment_not_utf8", erl::ratecounter_increment(ptr(b"\xff"), 1, ptr(entry), 8, 1), INVAL);

        let mut has = 9u32;
        c.value("penaltybox_has_absent", erl::penaltybox_has(ptr(pb), 3, ptr(entry), 8, out(&mut has)), OK, has, 0);
        c.status("penaltybox_add", erl::penaltybox_add(ptr(pb), 3, ptr(entry), 8, 120), OK);
        c.value("penaltybox_has_after_add", erl::penaltybox_has(ptr(pb), 3, ptr(entry), 8, out(&mut has)), OK, has, 1);
        c.status("penaltybox_add_ttl_too_short", erl::penaltybox_add(ptr(pb), 3, ptr(entry), 8, 10), INVAL);
        c.status("penaltybox_has_past_memory", erl::penaltybox_has(ptr(pb), 3, ptr(entry), 8, past_memory()), INVAL);

        let mut blocked = 9u32;
        let st = erl::check_rate(ptr(b"rc2"), 3, ptr(b"x"), 1, 1, 1, 1000, ptr(b"pb2"), 3, 60, out(&mut blocked));
        c.value("check_rate_under_limit", st, OK, blocked, 0);
        let mut blocked_at = 0;
        for i in 0..5 {
            erl::check_rate(ptr(b"rc2"), 3, ptr(b"y"), 1, 100, 1, 150, ptr(b"pb2"), 3, 60, out(&mut blocked));
            if blocked == 1 {
                blocked_at = i + 1;
                break;
            }
        }
        c.check("check_rate_blocks_over_limit", blocked == 1 && blocked_at == 2, format!("blocked={} at call {}", blocked, blocked_at));
        c.value("check_rate_puts_entry_in_penalty_box", erl::penaltybox_has(ptr(b"pb2"), 3, ptr(b"y"), 1, out(&mut has)), OK, has, 1);
        c.status("check_rate_bad_window", erl::check_rate(ptr(b"rc2"), 3, ptr(b"x"), 1, 1, 5, 10, ptr(b"pb2"), 3, 60, out(&mut blocked)), INVAL);
        c.status("check_rate_bad_ttl", erl::check_rate(ptr(b"rc2"), 3, ptr(b"x"), 1, 1, 1, 10, ptr(b"pb2"), 3, 5, out(&mut blocked)), INVAL);
    }
    c.finish();
}
