;; Secret stores from fastly.toml (see SecretStoresTest): secrets from data, a file, an environment
;; variable and a JSON file, secrets made from guest bytes, and every error path, checked by the
;; guest itself. Answers 200 "all checks passed", or 500 "check N got S".
;; Configured: store "inline" with api_key (data "s3cr3t"), bin (file with bytes 00 ff 10 80),
;; from_env (env PATH) and env_copy (data: the test's own $PATH); store "from_json" (token = "abc123").
(module
  (import "fastly_secret_store" "open" (func $ss_open (param i32 i32 i32) (result i32)))
  (import "fastly_secret_store" "get" (func $ss_get (param i32 i32 i32 i32) (result i32)))
  (import "fastly_secret_store" "plaintext" (func $plaintext (param i32 i32 i32 i32) (result i32)))
  (import "fastly_secret_store" "from_bytes" (func $from_bytes (param i32 i32 i32) (result i32)))
  (import "fastly_config_store" "get" (func $cs_get (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (global $failed (mut i32) (i32.const 0))
  (global $fail_id (mut i32) (i32.const 0))
  (global $fail_got (mut i32) (i32.const 0))
  (data (i32.const 100) "inline")
  (data (i32.const 110) "api_key")
  (data (i32.const 120) "bin")
  (data (i32.const 124) "from_env")
  (data (i32.const 134) "env_copy")
  (data (i32.const 144) "from_json")
  (data (i32.const 154) "token")
  (data (i32.const 160) "check ")
  (data (i32.const 170) " got ")
  (data (i32.const 180) "all checks passed")
  (data (i32.const 200) "absent")
  (data (i32.const 208) "nope")
  (data (i32.const 212) "\ff\fe")
  (data (i32.const 216) "s3cr3t")
  (data (i32.const 224) "abc123")
  (data (i32.const 232) "\00\ff\10\80")
  (data (i32.const 240) "guest")

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
    (local $st i32) (local $sec i32) (local $env i32) (local $copy i32) (local $js i32) (local $len i32)
    ;; a secret from data
    (call $check (i32.const 1) (call $ss_open (i32.const 100) (i32.const 6) (i32.const 0)) (i32.const 0))
    (local.set $st (i32.load (i32.const 0)))
    (call $check (i32.const 2) (call $ss_get (local.get $st) (i32.const 110) (i32.const 7) (i32.const 8)) (i32.const 0))
    (local.set $sec (i32.load (i32.const 8)))
    (call $check (i32.const 3) (call $plaintext (local.get $sec) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 0))
    (call $check_u32_at (i32.const 4) (i32.const 4) (i32.const 6))
    (call $check (i32.const 5) (call $memeq (i32.const 1024) (i32.const 216) (i32.const 6)) (i32.const 1))
    ;; too small a buffer: buflen with the length needed
    (call $check (i32.const 6) (call $plaintext (local.get $sec) (i32.const 1024) (i32.const 5) (i32.const 4)) (i32.const 4))
    (call $check_u32_at (i32.const 7) (i32.const 4) (i32.const 6))
    ;; absent secrets and stores, and the empty name: none
    (call $check (i32.const 8) (call $ss_get (local.get $st) (i32.const 200) (i32.const 6) (i32.const 8)) (i32.const 10))
    (call $check (i32.const 9) (call $ss_open (i32.const 208) (i32.const 4) (i32.const 12)) (i32.const 10))
    (call $check (i32.const 10) (call $ss_open (i32.const 208) (i32.const 0) (i32.const 12)) (i32.const 10))
    ;; bad UTF-8 and pointers outside memory: inval
    (call $check (i32.const 11) (call $ss_open (i32.const 212) (i32.const 2) (i32.const 12)) (i32.const 2))
    (call $check (i32.const 12) (call $ss_open (i32.const 0xFFFFFFF0) (i32.const 6) (i32.const 12)) (i32.const 2))
    (call $check (i32.const 13) (call $ss_open (i32.const 100) (i32.const 6) (i32.const 0xFFFFFFFE)) (i32.const 2))
    ;; unknown handles and handles of the other kind: badf
    (call $check (i32.const 14) (call $ss_get (i32.const 12345) (i32.const 110) (i32.const 7) (i32.const 12)) (i32.const 3))
    (call $check (i32.const 15) (call $ss_get (local.get $sec) (i32.const 110) (i32.const 7) (i32.const 12)) (i32.const 3))
    (call $check (i32.const 16) (call $ss_get (local.get $st) (i32.const 212) (i32.const 2) (i32.const 12)) (i32.const 2))
    (call $check (i32.const 17) (call $ss_get (local.get $st) (i32.const 110) (i32.const 7) (i32.const 0xFFFFFFFF)) (i32.const 2))
    (call $check (i32.const 18) (call $plaintext (i32.const 12345) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 3))
    (call $check (i32.const 19) (call $plaintext (local.get $st) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 3))
    (call $check (i32.const 20) (call $plaintext (local.get $sec) (i32.const 0xFFFFFF00) (i32.const 64) (i32.const 4)) (i32.const 2))
    (call $check (i32.const 21) (call $plaintext (local.get $sec) (i32.const 1024) (i32.const 64) (i32.const 0xFFFFFFFF)) (i32.const 2))
    ;; a secret from a file: any bytes
    (call $check (i32.const 22) (call $ss_get (local.get $st) (i32.const 120) (i32.const 3) (i32.const 12)) (i32.const 0))
    (call $check (i32.const 23) (call $plaintext (i32.load (i32.const 12)) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 0))
    (call $check_u32_at (i32.const 24) (i32.const 4) (i32.const 4))
    (call $check (i32.const 25) (call $memeq (i32.const 1024) (i32.const 232) (i32.const 4)) (i32.const 1))
    ;; a secret from an environment variable equals the same text given as data
    (call $check (i32.const 26) (call $ss_get (local.get $st) (i32.const 124) (i32.const 8) (i32.const 12)) (i32.const 0))
    (local.set $env (i32.load (i32.const 12)))
    (call $check (i32.const 27) (call $ss_get (local.get $st) (i32.const 134) (i32.const 8) (i32.const 12)) (i32.const 0))
    (local.set $copy (i32.load (i32.const 12)))
    (call $check (i32.const 28) (call $plaintext (local.get $env) (i32.const 8192) (i32.const 0) (i32.const 4)) (i32.const 4))
    (local.set $len (i32.load (i32.const 4)))
    (call $check (i32.const 29) (call $plaintext (local.get $copy) (i32.const 32768) (i32.const 0) (i32.const 20)) (i32.const 4))
    (call $check_u32_at (i32.const 30) (i32.const 20) (local.get $len))
    (call $check (i32.const 31) (call $plaintext (local.get $env) (i32.const 8192) (i32.const 16384) (i32.const 4)) (i32.const 0))
    (call $check (i32.const 32) (call $plaintext (local.get $copy) (i32.const 32768) (i32.const 16384) (i32.const 4)) (i32.const 0))
    (call $check (i32.const 33) (call $memeq (i32.const 8192) (i32.const 32768) (local.get $len)) (i32.const 1))
    ;; a store from a JSON file
    (call $check (i32.const 34) (call $ss_open (i32.const 144) (i32.const 9) (i32.const 0)) (i32.const 0))
    (local.set $js (i32.load (i32.const 0)))
    (call $check (i32.const 35) (call $ss_get (local.get $js) (i32.const 154) (i32.const 5) (i32.const 12)) (i32.const 0))
    (call $check (i32.const 36) (call $plaintext (i32.load (i32.const 12)) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 0))
    (call $check_u32_at (i32.const 37) (i32.const 4) (i32.const 6))
    (call $check (i32.const 38) (call $memeq (i32.const 1024) (i32.const 224) (i32.const 6)) (i32.const 1))
    ;; a secret made from guest bytes
    (call $check (i32.const 39) (call $from_bytes (i32.const 240) (i32.const 5) (i32.const 12)) (i32.const 0))
    (call $check (i32.const 40) (call $plaintext (i32.load (i32.const 12)) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 0))
    (call $check_u32_at (i32.const 41) (i32.const 4) (i32.const 5))
    (call $check (i32.const 42) (call $memeq (i32.const 1024) (i32.const 240) (i32.const 5)) (i32.const 1))
    (call $check (i32.const 43) (call $from_bytes (i32.const 0xFFFFFF00) (i32.const 16) (i32.const 12)) (i32.const 2))
    (call $check (i32.const 44) (call $from_bytes (i32.const 240) (i32.const 5) (i32.const 0xFFFFFFFE)) (i32.const 2))
    (call $check (i32.const 45) (call $from_bytes (i32.const 240) (i32.const 0) (i32.const 12)) (i32.const 0))
    (call $check (i32.const 46) (call $plaintext (i32.load (i32.const 12)) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 0))
    (call $check_u32_at (i32.const 47) (i32.const 4) (i32.const 0))
    ;; a secret store is not a config store
    (call $check (i32.const 48) (call $cs_get (local.get $st) (i32.const 110) (i32.const 7) (i32.const 1024) (i32.const 64) (i32.const 4)) (i32.const 3))
    (call $report)))
