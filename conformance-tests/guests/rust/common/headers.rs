//! Header checks shared by the http_req and http_resp areas (the two modules have the same
//! header calls): insert, append, get with the buflen protocol, cursor paging of names and values
//! across several calls, values_set, remove, invalid names and values, and closed handles.

/// Runs every header check on handle `$h` of import module `$m` (`fastly_http_req` or `fastly_http_resp`).
#[macro_export]
macro_rules! header_checks {
    ($c:expr, $m:ident, $h:expr) => {{
        use crate::check::*;
        use crate::raw::$m as m;
        let c: &mut Checks = $c;
        let h: u32 = $h;
        unsafe {
            let name = b"x-one";
            c.status("header_insert", m::header_insert(h, ptr(name), 5, ptr(b"first"), 5), OK);
            c.status("header_insert_replaces", m::header_insert(h, ptr(name), 5, ptr(b"1"), 1), OK);
            c.status("header_append", m::header_append(h, ptr(b"x-many"), 6, ptr(b"aa"), 2), OK);
            c.status("header_append_second", m::header_append(h, ptr(b"x-many"), 6, ptr(b"bbbb"), 4), OK);
            c.status("header_append_third", m::header_append(h, ptr(b"X-Many"), 6, ptr(b"cccccc"), 6), OK);
            let mut buf = [0u8; 256];
            let mut n = 0u32;
            let st = m::header_value_get(h, ptr(name), 5, mptr(&mut buf), 256, out(&mut n));
            c.value("header_value_get", st, OK, &buf[..n as usize], b"1");
            let st = m::header_value_get(h, ptr(b"X-ONE"), 5, mptr(&mut buf), 256, out(&mut n));
            c.value("header_value_get_case_insensitive", st, OK, &buf[..n as usize], b"1");
            let st = m::header_value_get(h, ptr(b"x-many"), 6, mptr(&mut buf), 256, out(&mut n));
            c.value("header_value_get_first_of_many", st, OK, &buf[..n as usize], b"aa");
            n = 0;
            let st = m::header_value_get(h, ptr(b"x-many"), 6, mptr(&mut buf), 1, out(&mut n));
            c.value("header_value_get_buflen_writes_needed_length", st, BUFLEN, n, 2);
            let st = m::header_value_get(h, ptr(b"x-absent"), 8, mptr(&mut buf), 256, out(&mut n));
            c.check("header_value_get_absent_is_none_or_inval", st == NONE || st == INVAL, status_name(st));
            let st = m::header_value_get(h, ptr(b"bad name"), 8, mptr(&mut buf), 256, out(&mut n));
            c.status("header_value_get_invalid_name", st, INVAL);

            // All values of x-many: one call with room for everything, then one value per call.
            let mut next = 0i64;
            let st = m::header_values_get(h, ptr(b"x-many"), 6, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n));
            c.value("header_values_get_all", st, OK, (&buf[..n as usize], next), (&b"aa\0bbbb\0cccccc\0"[..], -1));
            let mut got: Vec<u8> = Vec::new();
            let mut cursor = 0u32;
            let mut calls = 0;
            loop {
                let st = m::header_values_get(h, ptr(b"x-many"), 6, mptr(&mut buf), 7, cursor, out(&mut next), out(&mut n));
                calls += 1;
                if st != OK || calls > 10 {
                    c.status("header_values_get_paging_status", st, OK);
                    break;
                }
                got.extend_from_slice(&buf[..n as usize]);
                if next < 0 {
                    break;
                }
                cursor = next as u32;
            }
            c.value("header_values_get_pages_across_calls", 0, 0, (got.as_slice(), calls), (&b"aa\0bbbb\0cccccc\0"[..], 3));
            n = 0;
            let st = m::header_values_get(h, ptr(b"x-many"), 6, mptr(&mut buf), 256, 2, out(&mut next), out(&mut n));
            c.value("header_values_get_from_cursor", st, OK, (&buf[..n as usize], next), (&b"cccccc\0"[..], -1));
            n = 0;
            let st = m::header_values_get(h, ptr(b"x-many"), 6, mptr(&mut buf), 3, 1, out(&mut next), out(&mut n));
            c.value("header_values_get_buflen_writes_needed_length", st, BUFLEN, n, 5);
            let st = m::header_values_get(h, ptr(b"x-many"), 6, mptr(&mut buf), 256, 3, out(&mut next), out(&mut n));
            c.value("header_values_get_past_end", st, OK, (n, next), (0, -1));

            // Names: every one once, lower-cased, paged with a buffer that holds one name.
            let mut names: Vec<String> = Vec::new();
            cursor = 0;
            calls = 0;
            loop {
                let st = m::header_names_get(h, mptr(&mut buf), 7, cursor, out(&mut next), out(&mut n));
                calls += 1;
                if st != OK || calls > 20 {
                    c.status("header_names_get_paging_status", st, OK);
                    break;
                }
                for part in buf[..n as usize].split(|b| *b == 0).filter(|p| !p.is_empty()) {
                    names.push(String::from_utf8_lossy(part).into_owned());
                }
                if next < 0 {
                    break;
                }
                cursor = next as u32;
            }
            c.check("header_names_get_pages_across_calls",
                names.iter().filter(|x| *x == "x-one").count() == 1 && names.iter().filter(|x| *x == "x-many").count() == 1 && calls >= 2,
                format!("{:?} in {} calls", names, calls));
            n = 0;
            let st = m::header_names_get(h, mptr(&mut buf), 2, 0, out(&mut next), out(&mut n));
            c.check("header_names_get_buflen_writes_needed_length", st == BUFLEN && n >= 2,
                format!("{} n={}", status_name(st), n));

            c.status("header_values_set", m::header_values_set(h, ptr(b"x-set"), 5, ptr(b"p\0q\0"), 4), OK);
            let st = m::header_values_get(h, ptr(b"x-set"), 5, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n));
            c.value("header_values_set_then_get", st, OK, &buf[..n as usize], b"p\0q\0");
            c.status("header_remove", m::header_remove(h, ptr(b"x-set"), 5), OK);
            let st = m::header_remove(h, ptr(b"x-set"), 5);
            c.check("header_remove_absent_is_none_or_inval", st == NONE || st == INVAL, status_name(st));
            c.status("header_insert_invalid_name", m::header_insert(h, ptr(b"bad name"), 8, ptr(b"v"), 1), INVAL);
            c.status("header_insert_invalid_value", m::header_insert(h, ptr(b"x-ok"), 4, ptr(b"a\nb"), 3), INVAL);
            c.status("header_append_invalid_name", m::header_append(h, ptr(b""), 0, ptr(b"v"), 1), INVAL);
            c.status("header_insert_name_past_memory", m::header_insert(h, past_memory(), 100, ptr(b"v"), 1), INVAL);
            c.status("header_insert_value_straddling_end", m::header_insert(h, ptr(name), 5, straddling_end(64), 64), INVAL);
            c.status("header_value_get_out_past_memory", m::header_value_get(h, ptr(name), 5, past_memory(), 100, out(&mut n)), INVAL);

            let bad = 0x7fff_0000u32;
            c.status("header_insert_badf", m::header_insert(bad, ptr(name), 5, ptr(b"v"), 1), BADF);
            c.status("header_append_badf", m::header_append(bad, ptr(name), 5, ptr(b"v"), 1), BADF);
            c.status("header_value_get_badf", m::header_value_get(bad, ptr(name), 5, mptr(&mut buf), 256, out(&mut n)), BADF);
            c.status("header_values_get_badf", m::header_values_get(bad, ptr(name), 5, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n)), BADF);
            c.status("header_names_get_badf", m::header_names_get(bad, mptr(&mut buf), 256, 0, out(&mut next), out(&mut n)), BADF);
            c.status("header_values_set_badf", m::header_values_set(bad, ptr(name), 5, ptr(b"v\0"), 2), BADF);
            c.status("header_remove_badf", m::header_remove(bad, ptr(name), 5), BADF);
        }
    }};
}
