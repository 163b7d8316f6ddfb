//! Conformance area `stores`: the read-only stores from fastly.toml: dictionaries
//! (`animals`), config stores (`settings`) and secret stores (`keys`): lookups, the buflen
//! protocol, absent keys and stores, invalid names, and handles of the wrong kind.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;

use check::*;
use raw::{fastly_config_store as cs, fastly_dictionary as dict, fastly_secret_store as sec};

fn main() {
    let mut c = Checks::new("stores");
    let mut buf = [0u8; 128];
    let mut n = 0u32;
    unsafe {
        let mut d = 0u32;
        c.status("dictionary_open", dict::open(ptr(b"animals"), 7, out(&mut d)), OK);
        let st = dict::get(d, ptr(b"cat"), 3, mptr(&mut buf), 128, out(&mut n));
        c.value("dictionary_get", st, OK, &buf[..n as usize], b"meow");
        let st = dict::get(d, ptr(b"empty"), 5, mptr(&mut buf), 128, out(&mut n));
        c.value("dictionary_get_empty_value", st, OK, n, 0);
        n = 0;
        c.value("dictionary_get_buflen_writes_needed_length", dict::get(d, ptr(b"cat"), 3, mptr(&mut buf), 2, out(&mut n)), BUFLEN, n, 4);
        c.status("dictionary_get_absent", dict::get(d, ptr(b"dog"), 3, mptr(&mut buf), 128, out(&mut n)), NONE);
        c.status("dictionary_get_key_not_utf8", dict::get(d, ptr(b"\xff\xfe"), 2, mptr(&mut buf), 128, out(&mut n)), INVAL);
        c.status("dictionary_get_key_past_memory", dict::get(d, past_memory(), 3, mptr(&mut buf), 128, out(&mut n)), INVAL);
        c.status("dictionary_open_absent", dict::open(ptr(b"plants"), 6, out(&mut d)), BADF);
        c.status("dictionary_open_not_utf8", dict::open(ptr(b"\xff"), 1, out(&mut d)), INVAL);

        let mut s = 0u32;
        c.status("config_store_open", cs::open(ptr(b"settings"), 8, out(&mut s)), OK);
        let st = cs::get(s, ptr(b"greeting"), 8, mptr(&mut buf), 128, out(&mut n));
        c.value("config_store_get", st, OK, &buf[..n as usize], b"hello");
        n = 0;
        c.value("config_store_get_buflen_writes_needed_length", cs::get(s, ptr(b"long"), 4, mptr(&mut buf), 10, out(&mut n)), BUFLEN, n, 36);
        let st = cs::get(s, ptr(b"long"), 4, mptr(&mut buf), n, out(&mut n));
        c.value("config_store_get_needed_length_fits", st, OK, n, 36);
        c.status("config_store_get_absent", cs::get(s, ptr(b"nope"), 4, mptr(&mut buf), 128, out(&mut n)), NONE);
        c.status("config_store_get_out_past_memory", cs::get(s, ptr(b"greeting"), 8, past_memory(), 128, out(&mut n)), INVAL);
        let st = cs::open(ptr(b"nothing"), 7, out(&mut s));
        c.check("config_store_open_absent_is_badf_or_inval", st == BADF || st == INVAL, status_name(st));

        let mut ss = 0u32;
        c.status("secret_store_open", sec::open(ptr(b"keys"), 4, out(&mut ss)), OK);
        let mut secret = 0u32;
        c.status("secret_store_get", sec::get(ss, ptr(b"signing"), 7, out(&mut secret)), OK);
        let st = sec::plaintext(secret, mptr(&mut buf), 128, out(&mut n));
        c.value("secret_plaintext", st, OK, &buf[..n as usize], b"s3cr3t");
        n = 0;
        c.value("secret_plaintext_buflen_writes_needed_length", sec::plaintext(secret, mptr(&mut buf), 3, out(&mut n)), BUFLEN, n, 6);
        c.status("secret_store_get_absent", sec::get(ss, ptr(b"other"), 5, out(&mut secret)), NONE);
        c.status("secret_store_open_absent", sec::open(ptr(b"vault"), 5, out(&mut ss)), NONE);
        c.status("secret_store_open_empty_name", sec::open(ptr(b""), 0, out(&mut ss)), NONE);
        c.status("secret_store_open_not_utf8", sec::open(ptr(b"\xc3"), 1, out(&mut ss)), INVAL);
        let mut made = 0u32;
        c.status("secret_from_bytes", sec::from_bytes(ptr(b"made-up"), 7, out(&mut made)), OK);
        let st = sec::plaintext(made, mptr(&mut buf), 128, out(&mut n));
        c.value("secret_from_bytes_plaintext", st, OK, &buf[..n as usize], b"made-up");
        c.status("secret_from_bytes_past_memory", sec::from_bytes(past_memory(), 7, out(&mut made)), INVAL);
        c.status("secret_plaintext_store_handle", sec::plaintext(ss, mptr(&mut buf), 128, out(&mut n)), BADF);
        c.status("secret_store_get_secret_handle", sec::get(secret, ptr(b"signing"), 7, out(&mut made)), BADF);
        c.status("secret_plaintext_dictionary_handle", sec::plaintext(d, mptr(&mut buf), 128, out(&mut n)), BADF);
        c.status("dictionary_get_secret_store_handle", dict::get(ss, ptr(b"cat"), 3, mptr(&mut buf), 128, out(&mut n)), BADF);
        c.status("dictionary_get_badf", dict::get(0x7fff_0000, ptr(b"cat"), 3, mptr(&mut buf), 128, out(&mut n)), BADF);
        c.status("config_store_get_badf", cs::get(secret, ptr(b"greeting"), 8, mptr(&mut buf), 128, out(&mut n)), BADF);
    }
    c.finish();
}
