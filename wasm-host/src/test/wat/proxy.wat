;; The smallest proxy: sends the client's request, body and all, to backend "origin" and sends
;; the origin's response back, body and all, without ever reading a body into guest memory.
(module
  (import "fastly_http_req" "body_downstream_get" (func $downstream (param i32 i32) (result i32)))
  (import "fastly_http_req" "send" (func $send (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send_downstream (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "origin")
  (func (export "_start")
    (if (call $downstream (i32.const 0) (i32.const 4)) (then unreachable))
    (if (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 100) (i32.const 6) (i32.const 8) (i32.const 12))
      (then unreachable))
    (if (call $send_downstream (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.const 0)) (then unreachable))))
