;; A guest that opts into reusable sandboxes: it answers up to three requests in one instance,
;; each with status 200 + the number of requests this instance has served (so 201, 202, 203),
;; promising the next request before it answers the current one. The first request also checks
;; next_request's error paths; a failed check answers 500 "check N got S".
(module
  (import "fastly_http_req" "body_downstream_get" (func $downstream (param i32 i32) (result i32)))
  (import "fastly_http_downstream" "next_request" (func $next (param i32 i32 i32) (result i32)))
  (import "fastly_http_downstream" "next_request_wait" (func $wait (param i32 i32 i32) (result i32)))
  (import "fastly_http_downstream" "next_request_abandon" (func $abandon (param i32) (result i32)))
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $failed (mut i32) (i32.const 0))
  (global $fail_id (mut i32) (i32.const 0))
  (global $fail_got (mut i32) (i32.const 0))
  (global $served (mut i32) (i32.const 0))
  (data (i32.const 190) "check ")
  (data (i32.const 200) " got ")
  (func $check (param $id i32) (param $got i32) (param $want i32)
    (if (i32.and (i32.eqz (global.get $failed)) (i32.ne (local.get $got) (local.get $want)))
      (then
        (global.set $failed (i32.const 1))
        (global.set $fail_id (local.get $id))
        (global.set $fail_got (local.get $got)))))

  (func $check_u32_at (param $id i32) (param $addr i32) (param $want i32)
    (call $check (local.get $id) (i32.load (local.get $addr)) (local.get $want)))

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

  ;; Answers the current request: 200 + served, or 500 with the failed check.
  (func $answer
    (local $len i32)
    (drop (call $resp_new (i32.const 8)))
    (drop (call $body_new (i32.const 12)))
    (if (global.get $failed)
      (then
        (drop (call $status_set (i32.load (i32.const 8)) (i32.const 500)))
        (local.set $len (call $copy (i32.const 2048) (i32.const 190) (i32.const 6)))
        (local.set $len (i32.add (local.get $len)
          (call $itoa (global.get $fail_id) (i32.add (i32.const 2048) (local.get $len)))))
        (local.set $len (i32.add (local.get $len)
          (call $copy (i32.add (i32.const 2048) (local.get $len)) (i32.const 200) (i32.const 5))))
        (local.set $len (i32.add (local.get $len)
          (call $itoa (global.get $fail_got) (i32.add (i32.const 2048) (local.get $len)))))
        (drop (call $body_write (i32.load (i32.const 12)) (i32.const 2048) (local.get $len) (i32.const 0) (i32.const 16))))
      (else
        (drop (call $status_set (i32.load (i32.const 8)) (i32.add (i32.const 200) (global.get $served))))))
    (drop (call $send (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.const 0))))

  (func (export "_start")
    (local $promise i32)
    (drop (call $downstream (i32.const 0) (i32.const 4)))
    ;; error paths, on the first request only
    (i64.store (i32.const 32) (i64.const 0))
    (call $check (i32.const 1) (call $next (i32.const 1) (i32.const 32) (i32.const 24)) (i32.const 2))
    (call $check (i32.const 2) (call $next (i32.const 2) (i32.const 32) (i32.const 24)) (i32.const 2))
    (call $check (i32.const 3) (call $next (i32.const 2) (i32.const 0xFFFFFFF8) (i32.const 24)) (i32.const 2))
    (i64.store (i32.const 32) (i64.const 50))
    (call $check (i32.const 4) (call $next (i32.const 2) (i32.const 32) (i32.const 24)) (i32.const 0))
    (local.set $promise (i32.load (i32.const 24)))
    (call $check (i32.const 5) (call $wait (local.get $promise) (i32.const 40) (i32.const 44)) (i32.const 10))
    (call $check (i32.const 6) (call $abandon (local.get $promise)) (i32.const 3))
    (call $check (i32.const 7) (call $wait (i32.load (i32.const 4)) (i32.const 40) (i32.const 44)) (i32.const 3))
    (call $check (i32.const 8) (call $next (i32.const 0) (i32.const 0) (i32.const 24)) (i32.const 0))
    (call $check (i32.const 9) (call $abandon (i32.load (i32.const 24))) (i32.const 0))
    ;; serve up to three requests in this instance
    (i64.store (i32.const 32) (i64.const 5000))
    (block $done
      (loop $serve
        (global.set $served (i32.add (global.get $served) (i32.const 1)))
        (if (i32.lt_u (global.get $served) (i32.const 3))
          (then
            (drop (call $next (i32.const 2) (i32.const 32) (i32.const 24)))
            (call $answer)
            (br_if $done (call $wait (i32.load (i32.const 24)) (i32.const 0) (i32.const 4)))
            (br $serve))
          (else (call $answer)))))))
