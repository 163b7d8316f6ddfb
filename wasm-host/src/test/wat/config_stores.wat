;; Config stores and dictionaries from fastly.toml (see ConfigStoresTest): success paths and every
;; error path, checked by the guest itself. Answers 200 "all checks passed", or 500 "check N got S".
;; Configured: dictionary "animals" (inline-toml: cat = "meow", empty = "") and config store
;; "settings" (json: greeting = "héllo", big = 100 x's).
(module
  (import "fastly_dictionary" "open" (func $dict_open (param i32 i32 i32) (result i32)))
  (import "fastly_dictionary" "get" (func $dict_get (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_config_store" "open" (func $cs_open (param i32 i32 i32) (result i32)))
  (import "fastly_config_store" "get" (func $cs_get (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $failed (mut i32) (i32.const 0))
  (global $fail_id (mut i32) (i32.const 0))
  (global $fail_got (mut i32) (i32.const 0))
  (data (i32.const 100) "animals")
  (data (i32.const 110) "settings")
  (data (i32.const 120) "cat")
  (data (i32.const 124) "absent")
  (data (i32.const 132) "empty")
  (data (i32.const 140) "greeting")
  (data (i32.const 150) "nope")
  (data (i32.const 156) "\ff\fe")
  (data (i32.const 160) "check ")
  (data (i32.const 170) " got ")
  (data (i32.const 180) "all checks passed")
  (data (i32.const 200) "big")
  (data (i32.const 210) "h\c3\a9llo")
  (data (i32.const 220) "meow")

  (func $check (param $id i32) (param $got i32) (param $want i32)
    (if (i32.and (i32.eqz (global.get $failed)) (i32.ne (local.get $got) (local.get $want)))
      (then
        (global.set $failed (i32.const 1))
        (global.set $fail_id (local.get $id))
        (global.set $fail_got (local.get $got)))))

  (func $check_u32_at (param $id i32) (param $addr i32) (param $want i32)
    (call $check (local.get $id) (i32.load (local.get $addr)) (local.get $want)))

  ;; 1 when the len bytes at a and b are equal, else 0.
  (func $memeq (param $a i32) (param $b i32) (param $len i32) (result i32)
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

  ;; Sends 200 "all checks passed" or 500 "check N got S".
  (func $report
    (local $resp i32) (local $body i32) (local $len i32)
    (drop (call $resp_new (i32.const 40)))
    (local.set $resp (i32.load (i32.const 40)))
    (drop (call $body_new (i32.const 44)))
    (local.set $body (i32.load (i32.const 44)))
    (if (global.get $failed)
      (then
        (drop (call $status_set (local.get $resp) (i32.const 500)))
        (local.set $len (call $copy (i32.const 2048) (i32.const 160) (i32.const 6)))
        (local.set $len (i32.add (local.get $len)
          (call $itoa (global.get $fail_id) (i32.add (i32.const 2048) (local.get $len)))))
        (local.set $len (i32.add (local.get $len)
          (call $copy (i32.add (i32.const 2048) (local.get $len)) (i32.const 170) (i32.const 5))))
        (local.set $len (i32.add (local.get $len)
          (call $itoa (global.get $fail_got) (i32.add (i32.const 2048) (local.get $len))))))
      (else
        (local.set $len (call $copy (i32.const 2048) (i32.const 180) (i32.const 17)))))
    (drop (call $body_write (local.get $body) (i32.const 2048) (local.get $len) (i32.const 0) (i32.const 48)))
    (drop (call $send (local.get $resp) (local.get $body) (i32.const 0))))

  (func (export "_start")
    (local $d i32) (local $c i32) (local $body i32)
    ;; a dictionary from inline TOML
    (call $check (i32.const 1) (call $dict_open (i32.const 100) (i32.const 7) (i32.const 0)) (i32.const 0))
    (local.set $d (i32.load (i32.const 0)))
    (call $check (i32.const 2) (call $dict_get (local.get $d) (i32.const 120) (i32.const 3) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 0))
    (call $check_u32_at (i32.const 3) (i32.const 4) (i32.const 4))
    (call $check (i32.const 4) (call $memeq (i32.const 1024) (i32.const 220) (i32.const 4)) (i32.const 1))
    ;; too small a buffer: buflen with the length needed
    (call $check (i32.const 5) (call $dict_get (local.get $d) (i32.const 120) (i32.const 3) (i32.const 1024) (i32.const 3) (i32.const 4)) (i32.const 4))
    (call $check_u32_at (i32.const 6) (i32.const 4) (i32.const 4))
    ;; an absent key: none; an empty value fits a zero-length buffer
    (call $check (i32.const 7) (call $dict_get (local.get $d) (i32.const 124) (i32.const 6) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 10))
    (call $check (i32.const 8) (call $dict_get (local.get $d) (i32.const 132) (i32.const 5) (i32.const 1024) (i32.const 0) (i32.const 4)) (i32.const 0))
    (call $check_u32_at (i32.const 9) (i32.const 4) (i32.const 0))
    ;; unknown and empty names: badf; bad UTF-8 and pointers outside memory: inval
    (call $check (i32.const 10) (call $dict_open (i32.const 150) (i32.const 4) (i32.const 8)) (i32.const 3))
    (call $check (i32.const 11) (call $dict_open (i32.const 150) (i32.const 0) (i32.const 8)) (i32.const 3))
    (call $check (i32.const 12) (call $dict_open (i32.const 156) (i32.const 2) (i32.const 8)) (i32.const 2))
    (call $check (i32.const 13) (call $dict_open (i32.const 0xFFFFFFF0) (i32.const 8) (i32.const 8)) (i32.const 2))
    (call $check (i32.const 14) (call $dict_open (i32.const 100) (i32.const 7) (i32.const 0xFFFFFFFE)) (i32.const 2))
    ;; a config store from a JSON file
    (call $check (i32.const 15) (call $cs_open (i32.const 110) (i32.const 8) (i32.const 8)) (i32.const 0))
    (local.set $c (i32.load (i32.const 8)))
    (call $check (i32.const 16) (call $cs_get (local.get $c) (i32.const 140) (i32.const 8) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 0))
    (call $check_u32_at (i32.const 17) (i32.const 4) (i32.const 6))
    (call $check (i32.const 18) (call $memeq (i32.const 1024) (i32.const 210) (i32.const 6)) (i32.const 1))
    (call $check (i32.const 19) (call $cs_get (local.get $c) (i32.const 140) (i32.const 8) (i32.const 1024) (i32.const 0) (i32.const 4)) (i32.const 4))
    (call $check_u32_at (i32.const 20) (i32.const 4) (i32.const 6))
    (call $check (i32.const 21) (call $cs_get (local.get $c) (i32.const 124) (i32.const 6) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 10))
    ;; one implementation: handles and names work through either API
    (call $check (i32.const 22) (call $cs_get (local.get $d) (i32.const 120) (i32.const 3) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 0))
    (call $check (i32.const 23) (call $dict_get (local.get $c) (i32.const 140) (i32.const 8) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 0))
    (call $check (i32.const 24) (call $cs_open (i32.const 100) (i32.const 7) (i32.const 12)) (i32.const 0))
    (call $check (i32.const 25) (call $dict_open (i32.const 110) (i32.const 8) (i32.const 12)) (i32.const 0))
    ;; unknown handles, the SDKs' invalid handle and a handle of another kind: badf
    (call $check (i32.const 26) (call $cs_get (i32.const 12345) (i32.const 140) (i32.const 8) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 3))
    (call $check (i32.const 27) (call $dict_get (i32.const 0xFFFFFFFE) (i32.const 140) (i32.const 8) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 3))
    (drop (call $body_new (i32.const 16)))
    (local.set $body (i32.load (i32.const 16)))
    (call $check (i32.const 28) (call $cs_get (local.get $body) (i32.const 140) (i32.const 8) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 3))
    ;; bad keys and pointers: inval
    (call $check (i32.const 29) (call $cs_get (local.get $c) (i32.const 156) (i32.const 2) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 2))
    (call $check (i32.const 30) (call $cs_get (local.get $c) (i32.const 0xFFFFFF00) (i32.const 8) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 2))
    (call $check (i32.const 31) (call $cs_get (local.get $c) (i32.const 140) (i32.const 8) (i32.const 0xFFFFFF00) (i32.const 64) (i32.const 4)) (i32.const 2))
    (call $check (i32.const 32) (call $cs_get (local.get $c) (i32.const 140) (i32.const 8) (i32.const 1024) (i32.const 64) (i32.const 0xFFFFFFFF)) (i32.const 2))
    (call $check (i32.const 33) (call $cs_open (i32.const 150) (i32.const 4) (i32.const 8)) (i32.const 3))
    ;; a 100-byte value: buflen says 100, then it fits
    (call $check (i32.const 34) (call $dict_get (local.get $c) (i32.const 200) (i32.const 3) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 4))
    (call $check_u32_at (i32.const 35) (i32.const 4) (i32.const 100))
    (call $check (i32.const 36) (call $dict_get (local.get $c) (i32.const 200) (i32.const 3) (i32.const 1024) (i32.const 100) (i32.const 4)) (i32.const 0))
    (call $check_u32_at (i32.const 37) (i32.const 4) (i32.const 100))
    (call $check (i32.const 38) (i32.load8_u (i32.const 1123)) (i32.const 120))
    ;; only the value's bytes are written, however large the stated capacity
    (call $check (i32.const 39) (call $cs_get (local.get $c) (i32.const 140) (i32.const 8) (i32.const 65530) (i32.const 0xFFFFFFFF) (i32.const 4)) (i32.const 0))
    (call $check (i32.const 40) (call $memeq (i32.const 65530) (i32.const 210) (i32.const 6)) (i32.const 1))
    (call $report)))
