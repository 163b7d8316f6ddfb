;; A memory-hungry guest: grows 1 MiB (16 pages) at a time towards 4 GiB, writing to every new
;; page so each one really costs the host memory, until memory.grow answers -1. Answers 200 with
;; the pages it reached in the x-pages header; 500 if a grow neither worked nor failed cleanly.
(module
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "header_insert" (func $header_insert (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (memory 1)
  (data (i32.const 16) "x-pages")
  ;; Writes $n in decimal ending just before address 64; returns where it starts.
  (func $itoa (param $n i32) (result i32)
    (local $at i32)
    (local.set $at (i32.const 64))
    (loop $digit
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (i32.ne (local.get $n) (i32.const 0))))
    (local.get $at))
  (func (export "_start")
    (local $prev i32) (local $page i32) (local $status i32) (local $start i32)
    (local.set $status (i32.const 200))
    (block $full
      (loop $more
        (br_if $full (i32.ge_u (memory.size) (i32.const 65520)))
        (local.set $prev (memory.grow (i32.const 16)))
        (br_if $full (i32.eq (local.get $prev) (i32.const -1)))
        (if (i32.ne (i32.add (local.get $prev) (i32.const 16)) (memory.size))
          (then (local.set $status (i32.const 500)) (br $full)))
        (local.set $page (local.get $prev))
        (loop $touch
          (i32.store (i32.shl (local.get $page) (i32.const 16)) (local.get $page))
          (local.set $page (i32.add (local.get $page) (i32.const 1)))
          (br_if $touch (i32.lt_u (local.get $page) (memory.size))))
        (br $more)))
    (drop (call $resp_new (i32.const 0)))
    (drop (call $body_new (i32.const 4)))
    (drop (call $status_set (i32.load (i32.const 0)) (local.get $status)))
    (local.set $start (call $itoa (memory.size)))
    (drop (call $header_insert (i32.load (i32.const 0)) (i32.const 16) (i32.const 7)
      (local.get $start) (i32.sub (i32.const 64) (local.get $start))))
    (drop (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 0)))))
