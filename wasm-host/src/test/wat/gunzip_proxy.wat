;; Proxies the client's request to backend "origin" with automatic gzip decompression switched
;; on when the request path is /auto (the URI is longer than "http://x/raw"), and sends the
;; origin's response back.
(module
  (import "fastly_http_req" "body_downstream_get" (func $downstream (param i32 i32) (result i32)))
  (import "fastly_http_req" "uri_get" (func $uri_get (param i32 i32 i32 i32) (result i32)))
  (import "fastly_http_req" "auto_decompress_response_set" (func $auto (param i32 i32) (result i32)))
  (import "fastly_http_req" "send" (func $send (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send_downstream (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "origin")
  (func (export "_start")
    (if (call $downstream (i32.const 0) (i32.const 4)) (then unreachable))
    (if (call $uri_get (i32.load (i32.const 0)) (i32.const 1024) (i32.const 256) (i32.const 16)) (then unreachable))
    ;; ".../auto" ends in 'o', ".../raw" ends in 'w'
    (if (i32.eq (i32.load8_u (i32.add (i32.const 1023) (i32.load (i32.const 16)))) (i32.const 111))
      (then (if (call $auto (i32.load (i32.const 0)) (i32.const 1)) (then unreachable))))
    (if (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 100) (i32.const 6) (i32.const 8) (i32.const 12))
      (then unreachable))
    (if (call $send_downstream (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.const 0)) (then unreachable))))
