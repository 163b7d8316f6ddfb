;; Appends header "x-flood: 0123456789" to a response until the host refuses; answers 200 + the
;; refusal status (211 for httpheadtoolarge) when exactly 1000 appends were accepted, else 500.
(module
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "header_append" (func $append (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "header_remove" (func $remove (param i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "x-flood")
  (data (i32.const 120) "0123456789")
  (func (export "_start")
    (local $n i32) (local $st i32)
    (drop (call $resp_new (i32.const 0)))
    (block $refused
      (loop $again
        (local.set $st (call $append (i32.load (i32.const 0)) (i32.const 100) (i32.const 7) (i32.const 120) (i32.const 10)))
        (br_if $refused (local.get $st))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $n) (i32.const 5000)))))
    ;; the flood header is dropped before answering, so the answer itself is small
    (drop (call $remove (i32.load (i32.const 0)) (i32.const 100) (i32.const 7)))
    (drop (call $status_set (i32.load (i32.const 0))
      (select (i32.add (i32.const 200) (local.get $st)) (i32.const 500) (i32.eq (local.get $n) (i32.const 1000)))))
    (drop (call $body_new (i32.const 4)))
    (drop (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 0)))))
