;; Memory grows within the cap and fails past it, as Wasm specifies (-1). With a 2 MiB cap
;; (32 pages, starting from 1): growing by 100 pages fails, by 31 works, by 1 more fails.
;; Answers 200 when all three results are as expected, else 500 + the first wrong step.
(module
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (local $status i32)
    (local.set $status (i32.const 200))
    (if (i32.ne (memory.grow (i32.const 100)) (i32.const -1)) (then (local.set $status (i32.const 501))))
    (if (i32.ne (memory.grow (i32.const 31)) (i32.const 1)) (then (local.set $status (i32.const 502))))
    (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1)) (then (local.set $status (i32.const 503))))
    (if (i32.ne (memory.size) (i32.const 32)) (then (local.set $status (i32.const 504))))
    (i32.store (i32.const 2097148) (i32.const 7))
    (drop (call $resp_new (i32.const 0)))
    (drop (call $body_new (i32.const 4)))
    (drop (call $status_set (i32.load (i32.const 0)) (local.get $status)))
    (drop (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 0)))))
