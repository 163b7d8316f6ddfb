;; Edge rate limiting from a real guest: rate counters, penalty boxes and check_rate, their error
;; paths (bad windows, durations, TTLs, names and pointers), and the counter all requests share.
;; The first request runs every check; each request answers 200 "all checks passed" (or 500
;; "check N got S") with x-visits: how many requests the shared counter has seen.
(module
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "header_insert" (func $resp_header_insert (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (import "fastly_http_body" "read" (func $body_read (param i32 i32 i32 i32) (result i32)))
  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_body" "close" (func $body_close (param i32) (result i32)))
  (import "fastly_erl" "check_rate" (func $check_rate (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_erl" "ratecounter_increment" (func $increment (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_erl" "ratecounter_lookup_rate" (func $lookup_rate (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_erl" "ratecounter_lookup_count" (func $lookup_count (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_erl" "penaltybox_add" (func $pb_add (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_erl" "penaltybox_has" (func $pb_has (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $failed (mut i32) (i32.const 0))
  (global $fail_id (mut i32) (i32.const 0))
  (global $fail_got (mut i32) (i32.const 0))
  (data (i32.const 900) "check ")
  (data (i32.const 910) " got ")
  (data (i32.const 920) "all checks passed")

  ;; Remembers the first check whose status or value is not the one wanted.
  (func $check (param $id i32) (param $got i32) (param $want i32)
    (if (i32.and (i32.eqz (global.get $failed)) (i32.ne (local.get $got) (local.get $want)))
      (then
        (global.set $failed (i32.const 1))
        (global.set $fail_id (local.get $id))
        (global.set $fail_got (local.get $got)))))

  (func $check_u32_at (param $id i32) (param $addr i32) (param $want i32)
    (call $check (local.get $id) (i32.load (local.get $addr)) (local.get $want)))

  ;; 1 when the len bytes at a and b are equal.
  (func $eq (param $a i32) (param $b i32) (param $len i32) (result i32)
    (local $i i32)
    (block $differ
      (loop $next
        (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const 1))))
        (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i)))
                               (i32.load8_u (i32.add (local.get $b) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  ;; Writes v in decimal at p; returns the number of digits.
  (func $itoa (param $v i32) (param $p i32) (result i32)
    (local $n i32) (local $tmp i32) (local $i i32)
    (local.set $tmp (local.get $v))
    (local.set $n (i32.const 1))
    (block $done
      (loop $count
        (br_if $done (i32.lt_u (local.get $tmp) (i32.const 10)))
        (local.set $tmp (i32.div_u (local.get $tmp) (i32.const 10)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $count)))
    (local.set $i (local.get $n))
    (local.set $tmp (local.get $v))
    (loop $write
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.add (i32.const 48) (i32.rem_u (local.get $tmp) (i32.const 10))))
      (local.set $tmp (i32.div_u (local.get $tmp) (i32.const 10)))
      (br_if $write (i32.gt_u (local.get $i) (i32.const 0))))
    (local.get $n))

  (func $copy (param $dst i32) (param $src i32) (param $len i32) (result i32)
    (memory.copy (local.get $dst) (local.get $src) (local.get $len))
    (local.get $len))

  ;; Sends 200 "all checks passed", or 500 "check N got S" for the first failed check.
  ;; A header name/value (lengths > 0) is added to the response when given.
  (func $report (param $hname i32) (param $hname_len i32) (param $hvalue i32) (param $hvalue_len i32)
    (local $resp i32) (local $body i32) (local $len i32)
    (drop (call $resp_new (i32.const 800)))
    (local.set $resp (i32.load (i32.const 800)))
    (drop (call $body_new (i32.const 804)))
    (local.set $body (i32.load (i32.const 804)))
    (if (local.get $hname_len)
      (then (drop (call $resp_header_insert (local.get $resp) (local.get $hname) (local.get $hname_len)
                                            (local.get $hvalue) (local.get $hvalue_len)))))
    (if (global.get $failed)
      (then
        (drop (call $status_set (local.get $resp) (i32.const 500)))
        (local.set $len (call $copy (i32.const 60000) (i32.const 900) (i32.const 6)))
        (local.set $len (i32.add (local.get $len)
          (call $itoa (global.get $fail_id) (i32.add (i32.const 60000) (local.get $len)))))
        (local.set $len (i32.add (local.get $len)
          (call $copy (i32.add (i32.const 60000) (local.get $len)) (i32.const 910) (i32.const 5))))
        (local.set $len (i32.add (local.get $len)
          (call $itoa (global.get $fail_got) (i32.add (i32.const 60000) (local.get $len))))))
      (else
        (local.set $len (call $copy (i32.const 60000) (i32.const 920) (i32.const 17)))))
    (drop (call $body_write (local.get $body) (i32.const 60000) (local.get $len) (i32.const 0) (i32.const 808)))
    (drop (call $send (local.get $resp) (local.get $body) (i32.const 0))))
  (data (i32.const 1000) "rc")
  (data (i32.const 1010) "pb")
  (data (i32.const 1020) "client-1")
  (data (i32.const 1030) "client-2")
  (data (i32.const 1040) "\ff\fe")
  (data (i32.const 1050) "client-3")
  (data (i32.const 1060) "visits")
  (data (i32.const 1070) "x-visits")

  (func $all_checks
    ;; counting: 10 now is a count of 10 and a rate of 1/s over 10 s
    (call $check (i32.const 1) (call $increment (i32.const 1000) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 10)) (i32.const 0))
    (call $check (i32.const 2) (call $lookup_count (i32.const 1000) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 10) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 3) (i32.const 16) (i32.const 10))
    (call $check (i32.const 4) (call $lookup_rate (i32.const 1000) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 10) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 5) (i32.const 16) (i32.const 1))
    ;; windows other than 1, 10, 60 and durations other than 10..60 in tens: inval
    (call $check (i32.const 6) (call $lookup_rate (i32.const 1000) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 5) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 7) (call $lookup_rate (i32.const 1000) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 0) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 8) (call $lookup_count (i32.const 1000) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 15) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 9) (call $lookup_count (i32.const 1000) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 70) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 10) (call $lookup_count (i32.const 1000) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 0) (i32.const 16)) (i32.const 2))
    ;; an entry never counted has a count of 0
    (call $check (i32.const 11) (call $lookup_count (i32.const 1000) (i32.const 2) (i32.const 1030) (i32.const 8) (i32.const 60) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 12) (i32.const 16) (i32.const 0))
    ;; bad UTF-8 names, pointers outside memory, entries longer than 256 bytes: inval
    (call $check (i32.const 13) (call $increment (i32.const 1040) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 1)) (i32.const 2))
    (call $check (i32.const 14) (call $increment (i32.const 1000) (i32.const 2) (i32.const 1040) (i32.const 2) (i32.const 1)) (i32.const 2))
    (call $check (i32.const 15) (call $lookup_rate (i32.const 1000) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 1) (i32.const 0xFFFFFFF0)) (i32.const 2))
    (call $check (i32.const 16) (call $increment (i32.const 5000) (i32.const 257) (i32.const 1020) (i32.const 8) (i32.const 1)) (i32.const 0))
    (call $check (i32.const 17) (call $increment (i32.const 1000) (i32.const 2) (i32.const 5000) (i32.const 257) (i32.const 1)) (i32.const 2))
    (call $check (i32.const 18) (call $increment (i32.const 1000) (i32.const 2) (i32.const 5000) (i32.const 256) (i32.const 1)) (i32.const 0))
    (call $check (i32.const 19) (call $increment (i32.const 0xFFFFFF00) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 1)) (i32.const 2))
    ;; penalty boxes: TTLs of 1 min .. 1 h; the entry is in until it expires
    (call $check (i32.const 20) (call $pb_has (i32.const 1010) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 21) (i32.const 16) (i32.const 0))
    (call $check (i32.const 22) (call $pb_add (i32.const 1010) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 59)) (i32.const 2))
    (call $check (i32.const 23) (call $pb_add (i32.const 1010) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 3660)) (i32.const 2))
    (call $check (i32.const 24) (call $pb_has (i32.const 1010) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 25) (i32.const 16) (i32.const 0))
    (call $check (i32.const 26) (call $pb_add (i32.const 1010) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 120)) (i32.const 0))
    (call $check (i32.const 27) (call $pb_has (i32.const 1010) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 28) (i32.const 16) (i32.const 1))
    (call $check (i32.const 29) (call $pb_has (i32.const 1010) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 65534)) (i32.const 2))
    (call $check (i32.const 30) (call $pb_has (i32.const 1040) (i32.const 2) (i32.const 1020) (i32.const 8) (i32.const 16)) (i32.const 2))
    ;; check_rate: 10 in 10 s is 1/s, not above 5; 100 more makes 11/s: blocked and in the box
    (call $check (i32.const 31) (call $check_rate (i32.const 1000) (i32.const 2) (i32.const 1030) (i32.const 8) (i32.const 10) (i32.const 10) (i32.const 5)
                                                  (i32.const 1010) (i32.const 2) (i32.const 60) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 32) (i32.const 16) (i32.const 0))
    (call $check (i32.const 33) (call $check_rate (i32.const 1000) (i32.const 2) (i32.const 1030) (i32.const 8) (i32.const 100) (i32.const 10) (i32.const 5)
                                                  (i32.const 1010) (i32.const 2) (i32.const 60) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 34) (i32.const 16) (i32.const 1))
    (call $check (i32.const 35) (call $pb_has (i32.const 1010) (i32.const 2) (i32.const 1030) (i32.const 8) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 36) (i32.const 16) (i32.const 1))
    ;; check_rate with a bad window, TTL or out pointer: inval, and nothing is counted
    (call $check (i32.const 37) (call $check_rate (i32.const 1000) (i32.const 2) (i32.const 1050) (i32.const 8) (i32.const 1) (i32.const 2) (i32.const 5)
                                                  (i32.const 1010) (i32.const 2) (i32.const 60) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 38) (call $check_rate (i32.const 1000) (i32.const 2) (i32.const 1050) (i32.const 8) (i32.const 1) (i32.const 10) (i32.const 5)
                                                  (i32.const 1010) (i32.const 2) (i32.const 0) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 39) (call $check_rate (i32.const 1000) (i32.const 2) (i32.const 1050) (i32.const 8) (i32.const 1) (i32.const 10) (i32.const 5)
                                                  (i32.const 1010) (i32.const 2) (i32.const 60) (i32.const 65533)) (i32.const 2))
    (call $check (i32.const 40) (call $check_rate (i32.const 1000) (i32.const 2) (i32.const 1050) (i32.const 8) (i32.const 1) (i32.const 10) (i32.const 5)
                                                  (i32.const 1040) (i32.const 2) (i32.const 60) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 41) (call $lookup_count (i32.const 1000) (i32.const 2) (i32.const 1050) (i32.const 8) (i32.const 60) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 42) (i32.const 16) (i32.const 0))
    ;; counts above u32 saturate
    (drop (call $increment (i32.const 1000) (i32.const 2) (i32.const 1050) (i32.const 8) (i32.const 0xFFFFFFFF)))
    (drop (call $increment (i32.const 1000) (i32.const 2) (i32.const 1050) (i32.const 8) (i32.const 0xFFFFFFFF)))
    (call $check (i32.const 43) (call $lookup_count (i32.const 1000) (i32.const 2) (i32.const 1050) (i32.const 8) (i32.const 60) (i32.const 16)) (i32.const 0))
    (call $check_u32_at (i32.const 44) (i32.const 16) (i32.const 0xFFFFFFFF)))

  (func (export "_start")
    (local $visits i32) (local $len i32)
    ;; every request counts itself in a counter all requests of the service share
    (call $check (i32.const 100) (call $increment (i32.const 1000) (i32.const 2) (i32.const 1060) (i32.const 6) (i32.const 1)) (i32.const 0))
    (call $check (i32.const 101) (call $lookup_count (i32.const 1000) (i32.const 2) (i32.const 1060) (i32.const 6) (i32.const 60) (i32.const 16)) (i32.const 0))
    (local.set $visits (i32.load (i32.const 16)))
    (if (i32.eq (local.get $visits) (i32.const 1)) (then (call $all_checks)))
    (local.set $len (call $itoa (local.get $visits) (i32.const 1100)))
    (call $report (i32.const 1070) (i32.const 8) (i32.const 1100) (local.get $len)))
)
