//! Conformance area `http_body`: bodies made by the guest: writes at the back and the front,
//! reads in pieces until the end, append (which consumes its source), known lengths, close,
//! abandon, bad pointers, and handles of the wrong kind.

#[path = "common/check.rs"]
mod check;
#[path = "common/raw.rs"]
mod raw;

use check::*;
use raw::fastly_http_body as body;

/// Reads `h` to its end in reads of at most `chunk` bytes; the status of the first failing read.
unsafe fn read_all(h: u32, chunk: u32) -> (u32, Vec<u8>, u32) {
    let mut all = Vec::new();
    let mut buf = [0u8; 64];
    let mut reads = 0;
    loop {
        let mut n = 0u32;
        let st = body::read(h, mptr(&mut buf), chunk, out(&mut n));
        reads += 1;
        if st != OK || n == 0 || reads > 100 {
            return (st, all, reads);
        }
        all.extend_from_slice(&buf[..n as usize]);
    }
}

fn main() {
    let mut c = Checks::new("http_body");
    unsafe {
        let mut b = 0u32;
        c.status("new", body::new(out(&mut b)), OK);
        c.status("new_out_past_memory", body::new(past_memory()), INVAL);
        let mut n = 0u32;
        c.value("write_back", body::write(b, ptr(b"world"), 5, 0, out(&mut n)), OK, n, 5);
        c.value("write_front", body::write(b, ptr(b"hello "), 6, 1, out(&mut n)), OK, n, 6);
        c.value("write_empty", body::write(b, ptr(b""), 0, 0, out(&mut n)), OK, n, 0);
        c.status("write_bad_end", body::write(b, ptr(b"x"), 1, 7, out(&mut n)), INVAL);
        c.status("write_past_memory", body::write(b, past_memory(), 10, 0, out(&mut n)), INVAL);
        c.status("write_straddling_end", body::write(b, straddling_end(32), 32, 0, out(&mut n)), INVAL);
        let mut len = 0u64;
        let st = body::known_length(b, out(&mut len));
        c.check("known_length_of_a_written_body", (st == OK && len == 11) || st == NONE, format!("{} {}", status_name(st), len));
        let (st, all, reads) = read_all(b, 4);
        c.value("read_in_pieces_to_the_end", st, OK, (all.as_slice(), reads), (&b"hello world"[..], 4));
        let mut buf = [0u8; 8];
        c.value("read_after_end_gives_zero", body::read(b, mptr(&mut buf), 8, out(&mut n)), OK, n, 0);
        c.status("read_past_memory", body::read(b, past_memory(), 8, out(&mut n)), INVAL);
        c.status("read_nread_past_memory", body::read(b, mptr(&mut buf), 8, past_memory()), INVAL);

        let (mut d, mut s) = (0u32, 0u32);
        body::new(out(&mut d));
        body::new(out(&mut s));
        body::write(d, ptr(b"abc"), 3, 0, out(&mut n));
        body::write(s, ptr(b"def"), 3, 0, out(&mut n));
        c.status("append", body::append(d, s), OK);
        c.status("append_consumes_source", body::read(s, mptr(&mut buf), 8, out(&mut n)), BADF);
        let (st, all, _) = read_all(d, 64);
        c.value("append_then_read", st, OK, all.as_slice(), b"abcdef");
        c.status("append_to_itself", body::append(d, d), INVAL);
        c.status("append_badf_dest", body::append(0x7fff_0000, d), BADF);
        c.status("append_badf_src", body::append(d, 0x7fff_0000), BADF);

        let mut req = 0u32;
        raw::fastly_http_req::new(out(&mut req));
        c.status("read_request_handle", body::read(req, mptr(&mut buf), 8, out(&mut n)), BADF);
        c.status("write_request_handle", body::write(req, ptr(b"x"), 1, 0, out(&mut n)), BADF);
        c.status("known_length_badf", body::known_length(req, out(&mut len)), BADF);
        c.status("known_length_out_past_memory", body::known_length(d, past_memory()), INVAL);
        c.status("close", body::close(d), OK);
        c.status("close_twice", body::close(d), BADF);
        c.status("write_after_close", body::write(d, ptr(b"x"), 1, 0, out(&mut n)), BADF);
        let mut e = 0u32;
        body::new(out(&mut e));
        c.status("abandon", body::abandon(e), OK);
        c.status("abandon_twice", body::abandon(e), BADF);
        c.status("close_request_handle", body::close(req), BADF);
    }
    c.finish();
}
