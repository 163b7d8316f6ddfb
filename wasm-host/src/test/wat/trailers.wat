;; Reads the trailers of a backend response and adds trailers to its own response. Sends GET /t
;; to backend "origin" (cache override pass), asks for trailer x-checksum before the body is read
;; (again), reads the body to its end, then asks again, lists the trailer names, and answers
;; "early:<s> value:<s>:<value> names:<s>:<names with NUL as ','> bad:<s>" with trailer
;; x-guest: yes on its own body; "bad" is trailer_append with an invalid name.
(module
  (import "fastly_http_req" "new" (func $req_new (param i32) (result i32)))
  (import "fastly_http_req" "uri_set" (func $uri_set (param i32 i32 i32) (result i32)))
  (import "fastly_http_req" "cache_override_set" (func $cache_override (param i32 i32 i32 i32) (result i32)))
  (import "fastly_http_req" "send_v2" (func $send_v2 (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send_downstream (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (import "fastly_http_body" "read" (func $body_read (param i32 i32 i32 i32) (result i32)))
  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_body" "trailer_append" (func $t_append (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_body" "trailer_value_get" (func $t_value (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_body" "trailer_names_get" (func $t_names (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "origin")
  (data (i32.const 108) "http://o.test/t")
  (data (i32.const 124) "x-checksum")
  (data (i32.const 136) "x-guest")
  (data (i32.const 144) "yes")
  (data (i32.const 148) "bad name")
  (data (i32.const 160) "early: value:: names:: bad:,")
  (global $len (mut i32) (i32.const 0))
  (func $emit (param $src i32) (param $n i32)
    (memory.copy (i32.add (i32.const 2048) (global.get $len)) (local.get $src) (local.get $n))
    (global.set $len (i32.add (global.get $len) (local.get $n))))
  (func $num (param $v i32)
    (local $d i32) (local $div i32)
    (local.set $div (i32.const 100))
    (loop $l
      (local.set $d (i32.rem_u (i32.div_u (local.get $v) (local.get $div)) (i32.const 10)))
      (i32.store8 (i32.add (i32.const 2048) (global.get $len)) (i32.add (i32.const 48) (local.get $d)))
      (global.set $len (i32.add (global.get $len) (i32.const 1)))
      (local.set $div (i32.div_u (local.get $div) (i32.const 10)))
      (br_if $l (i32.gt_u (local.get $div) (i32.const 0)))))
  (func (export "_start")
    (local $body i32) (local $i i32) (local $n i32)
    (drop (call $req_new (i32.const 0)))
    (drop (call $uri_set (i32.load (i32.const 0)) (i32.const 108) (i32.const 15)))
    (drop (call $cache_override (i32.load (i32.const 0)) (i32.const 1) (i32.const 0) (i32.const 0)))
    (drop (call $body_new (i32.const 4)))
    (drop (call $send_v2 (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 100) (i32.const 6) (i32.const 40) (i32.const 8) (i32.const 12)))
    (local.set $body (i32.load (i32.const 12)))
    ;; "early:" + status before the body is read
    (call $emit (i32.const 160) (i32.const 6))
    (call $num (call $t_value (local.get $body) (i32.const 124) (i32.const 10) (i32.const 512) (i32.const 64) (i32.const 16)))
    ;; read to the end
    (block $done
      (loop $more
        (drop (call $body_read (local.get $body) (i32.const 4096) (i32.const 4096) (i32.const 20)))
        (br_if $done (i32.eqz (i32.load (i32.const 20))))
        (br $more)))
    ;; " value:" + status + ":" + value
    (call $emit (i32.const 166) (i32.const 7))
    (call $num (call $t_value (local.get $body) (i32.const 124) (i32.const 10) (i32.const 512) (i32.const 64) (i32.const 16)))
    (call $emit (i32.const 172) (i32.const 1))
    (call $emit (i32.const 512) (i32.load (i32.const 16)))
    ;; " names:" + status + ":" + names
    (call $emit (i32.const 174) (i32.const 7))
    (call $num (call $t_names (local.get $body) (i32.const 600) (i32.const 256) (i32.const 0) (i32.const 24) (i32.const 16)))
    (call $emit (i32.const 180) (i32.const 1))
    (local.set $n (i32.load (i32.const 16)))
    (loop $copy
      (if (i32.lt_u (local.get $i) (local.get $n))
        (then
          (if (i32.eqz (i32.load8_u (i32.add (i32.const 600) (local.get $i))))
            (then (call $emit (i32.const 187) (i32.const 1)))
            (else (call $emit (i32.add (i32.const 600) (local.get $i)) (i32.const 1))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $copy))))
    ;; our own body with a trailer
    (drop (call $body_new (i32.const 28)))
    (call $emit (i32.const 182) (i32.const 5))
    (call $num (call $t_append (i32.load (i32.const 28)) (i32.const 148) (i32.const 8) (i32.const 144) (i32.const 3)))
    (drop (call $t_append (i32.load (i32.const 28)) (i32.const 136) (i32.const 7) (i32.const 144) (i32.const 3)))
    (drop (call $resp_new (i32.const 32)))
    (drop (call $body_write (i32.load (i32.const 28)) (i32.const 2048) (global.get $len) (i32.const 0) (i32.const 36)))
    (drop (call $send_downstream (i32.load (i32.const 32)) (i32.load (i32.const 28)) (i32.const 0)))))
