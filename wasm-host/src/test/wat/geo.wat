;; fastly_geo from a real guest: the request body is the address (4 or 16 octets); the guest
;; checks inval for other lengths and bad pointers, the buflen protocol (buflen with the length
;; needed, then exactly that length fits), and answers 200 with the JSON as the body (empty when
;; nothing is known about the address), or 500 "check N got S".
(module
  (import "fastly_http_req" "body_downstream_get" (func $req_downstream (param i32 i32) (result i32)))
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "header_insert" (func $resp_header_insert (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (import "fastly_http_body" "read" (func $body_read (param i32 i32 i32 i32) (result i32)))
  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_body" "close" (func $body_close (param i32) (result i32)))
  (import "fastly_geo" "lookup" (func $geo_lookup (param i32 i32 i32 i32 i32) (result i32)))
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

  ;; Reads the whole request body (at most 64 bytes) to 100; returns its length.
  (func $read_address (result i32)
    (local $len i32)
    (drop (call $req_downstream (i32.const 40) (i32.const 44)))
    (block $done
      (loop $more
        (drop (call $body_read (i32.load (i32.const 44)) (i32.add (i32.const 100) (local.get $len))
                               (i32.sub (i32.const 64) (local.get $len)) (i32.const 48)))
        (br_if $done (i32.eqz (i32.load (i32.const 48))))
        (local.set $len (i32.add (local.get $len) (i32.load (i32.const 48))))
        (br_if $more (i32.lt_u (local.get $len) (i32.const 64)))))
    (local.get $len))

  (func (export "_start")
    (local $alen i32) (local $need i32) (local $status i32) (local $resp i32) (local $body i32)
    (local.set $alen (call $read_address))
    ;; lengths other than 4 and 16: inval, nwritten untouched
    (i32.store (i32.const 16) (i32.const 77))
    (call $check (i32.const 1) (call $geo_lookup (i32.const 100) (i32.const 5) (i32.const 2000) (i32.const 4096) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 2) (call $geo_lookup (i32.const 100) (i32.const 0) (i32.const 2000) (i32.const 4096) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 3) (call $geo_lookup (i32.const 100) (i32.const 15) (i32.const 2000) (i32.const 4096) (i32.const 16)) (i32.const 2))
    (call $check_u32_at (i32.const 4) (i32.const 16) (i32.const 77))
    ;; pointers outside memory: inval
    (call $check (i32.const 5) (call $geo_lookup (i32.const 65534) (i32.const 4) (i32.const 2000) (i32.const 4096) (i32.const 16)) (i32.const 2))
    (call $check (i32.const 6) (call $geo_lookup (i32.const 100) (local.get $alen) (i32.const 2000) (i32.const 4096) (i32.const 65534)) (i32.const 2))
    ;; a zero-length buffer: buflen with the length needed, or ok with 0 for an unknown address
    (local.set $status (call $geo_lookup (i32.const 100) (local.get $alen) (i32.const 2000) (i32.const 0) (i32.const 16)))
    (local.set $need (i32.load (i32.const 16)))
    (if (local.get $need)
      (then (call $check (i32.const 7) (local.get $status) (i32.const 4)))
      (else (call $check (i32.const 7) (local.get $status) (i32.const 0))))
    ;; exactly the length needed fits
    (call $check (i32.const 8) (call $geo_lookup (i32.const 100) (local.get $alen) (i32.const 3000) (local.get $need) (i32.const 20)) (i32.const 0))
    (call $check_u32_at (i32.const 9) (i32.const 20) (local.get $need))
    (if (i32.and (i32.gt_u (local.get $need) (i32.const 0)) (i32.eqz (global.get $failed)))
      (then
        ;; one byte less: buflen
        (call $check (i32.const 10) (call $geo_lookup (i32.const 100) (local.get $alen) (i32.const 3000) (i32.sub (local.get $need) (i32.const 1)) (i32.const 24)) (i32.const 4))
        (call $check_u32_at (i32.const 11) (i32.const 24) (local.get $need))))
    (if (global.get $failed)
      (then (call $report (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)) (return)))
    (drop (call $resp_new (i32.const 800)))
    (local.set $resp (i32.load (i32.const 800)))
    (drop (call $body_new (i32.const 804)))
    (local.set $body (i32.load (i32.const 804)))
    (drop (call $body_write (local.get $body) (i32.const 3000) (local.get $need) (i32.const 0) (i32.const 808)))
    (drop (call $send (local.get $resp) (local.get $body) (i32.const 0))))
)
