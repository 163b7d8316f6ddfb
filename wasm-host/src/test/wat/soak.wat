;; A guest that behaves as its path says, for the soak run and the CPU isolation test:
;;   /ok...    reads its request, does a little arithmetic, answers 200 "ok" with a header
;;   /trap...  opens a response and a body, then traps
;;   /loop...  opens a response and a body, then loops until the watchdog stops it
;;   /grow...  grows memory 16 pages at a time (touching each step) until memory.grow fails,
;;             then a page at a time until that fails too, and answers 200 with the page count
;;             reached in x-pages (the cap)
;;   anything else: 404
(module
  (import "fastly_http_req" "body_downstream_get" (func $req_get (param i32 i32) (result i32)))
  (import "fastly_http_req" "uri_get" (func $uri_get (param i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "header_append" (func $header_append (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0 request, 4 request body, 8 response, 12 response body, 16 nwritten, 20 scratch
  (data (i32.const 64) "ok\n")
  (data (i32.const 80) "x-soak")
  (data (i32.const 96) "x-pages")
  (global $acc (mut i32) (i32.const 0))

  (func $ok (param i32)
    (if (local.get 0) (then unreachable)))

  ;; The first character of the path: the one after the third '/' of the absolute URI.
  (func $behaviour (result i32)
    (local $i i32) (local $n i32) (local $slashes i32)
    (call $ok (call $req_get (i32.const 0) (i32.const 4)))
    (call $ok (call $uri_get (i32.load (i32.const 0)) (i32.const 1024) (i32.const 2048) (i32.const 16)))
    (local.set $n (i32.load (i32.const 16)))
    (block $done
      (loop $scan
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eq (i32.load8_u (i32.add (i32.const 1024) (local.get $i))) (i32.const 47))
          (then (local.set $slashes (i32.add (local.get $slashes) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $done (i32.eq (local.get $slashes) (i32.const 3)))
        (br $scan)))
    (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
      (then (i32.load8_u (i32.add (i32.const 1024) (local.get $i))))
      (else (i32.const 0))))

  (func $respond (param $status i32) (param $name i32) (param $name_len i32) (param $value i32) (param $value_len i32)
    (call $ok (call $resp_new (i32.const 8)))
    (call $ok (call $status_set (i32.load (i32.const 8)) (local.get $status)))
    (call $ok (call $header_append (i32.load (i32.const 8)) (local.get $name) (local.get $name_len) (local.get $value) (local.get $value_len)))
    (call $ok (call $body_new (i32.const 12)))
    (call $ok (call $body_write (i32.load (i32.const 12)) (i32.const 64) (i32.const 3) (i32.const 0) (i32.const 16)))
    (call $ok (call $send (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.const 0))))

  (func $work
    (local $i i32)
    (loop $again
      (global.set $acc (i32.add (i32.mul (global.get $acc) (i32.const 31)) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 20000)))))

  (func $grow (result i32)
    (local $pages i32)
    (block $full
      (loop $more
        (br_if $full (i32.eq (memory.grow (i32.const 16)) (i32.const -1)))
        (local.set $pages (memory.size))
        ;; touch the last word of the new memory
        (i32.store (i32.sub (i32.mul (local.get $pages) (i32.const 65536)) (i32.const 4)) (local.get $pages))
        (br $more)))
    (block $capped
      (loop $one
        (br_if $capped (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $one)))
    (memory.size))

  ;; Writes the decimal digits of $v at 20.. and returns how many.
  (func $digits (param $v i32) (result i32)
    (local $n i32) (local $t i32)
    (local.set $t (local.get $v))
    (loop $count
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $t (i32.div_u (local.get $t) (i32.const 10)))
      (br_if $count (local.get $t)))
    (local.set $t (local.get $n))
    (loop $write
      (local.set $t (i32.sub (local.get $t) (i32.const 1)))
      (i32.store8 (i32.add (i32.const 20) (local.get $t)) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $write (local.get $t)))
    (local.get $n))

  (func (export "_start")
    (local $b i32)
    (local.set $b (call $behaviour))
    (if (i32.eq (local.get $b) (i32.const 111)) ;; o
      (then
        (call $work)
        (call $respond (i32.const 200) (i32.const 80) (i32.const 6) (i32.const 64) (i32.const 2))
        (return)))
    (if (i32.eq (local.get $b) (i32.const 116)) ;; t
      (then
        (call $ok (call $resp_new (i32.const 8)))
        (call $ok (call $body_new (i32.const 12)))
        unreachable))
    (if (i32.eq (local.get $b) (i32.const 108)) ;; l
      (then
        (call $ok (call $resp_new (i32.const 8)))
        (call $ok (call $body_new (i32.const 12)))
        (loop $forever (br $forever))))
    (if (i32.eq (local.get $b) (i32.const 103)) ;; g
      (then
        (call $respond (i32.const 200) (i32.const 96) (i32.const 7) (i32.const 20) (call $digits (call $grow)))
        (return)))
    (call $respond (i32.const 404) (i32.const 80) (i32.const 6) (i32.const 64) (i32.const 2))))
