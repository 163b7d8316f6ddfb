;; WebSocket passthrough from a guest's side. The request header x-mode picks what it does:
;;   u  upgrade_websocket("origin")
;;   1  redirect_to_websocket_proxy("origin")
;;   2  redirect_to_websocket_proxy_v2(client request, "origin"); then tries a second hand-off and a
;;      send_downstream and prints "after hand-off: again=S send=S" (statuses) to stdout
;;   b  redirect_to_websocket_proxy_v2 of a request the guest built (URI http://ws.example/built?x=1,
;;      header x-built: yes) to "origin"
;;   c  the error paths, checked here: answers 200 "all checks passed" or 500 "check N got S"
;; A hand-off that fails is answered 500 "hand-off status S"; no x-mode is 200 "no mode".
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "fastly_http_req" "body_downstream_get" (func $downstream (param i32 i32) (result i32)))
  (import "fastly_http_req" "new" (func $req_new (param i32) (result i32)))
  (import "fastly_http_req" "uri_set" (func $uri_set (param i32 i32 i32) (result i32)))
  (import "fastly_http_req" "header_insert" (func $req_header_insert (param i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_req" "header_value_get" (func $req_header_value_get (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_req" "upgrade_websocket" (func $upgrade_websocket (param i32 i32) (result i32)))
  (import "fastly_http_req" "redirect_to_websocket_proxy" (func $redirect_v1 (param i32 i32) (result i32)))
  (import "fastly_http_req" "redirect_to_websocket_proxy_v2" (func $redirect_v2 (param i32 i32 i32) (result i32)))
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $failed (mut i32) (i32.const 0))
  (global $fail_id (mut i32) (i32.const 0))
  (global $fail_got (mut i32) (i32.const 0))
  ;; 0 client request, 4 its body, 8 response, 12 response body, 16 nwritten, 20 built request,
  ;; 32 x-mode value, 48 iovec
  (data (i32.const 100) "origin")
  (data (i32.const 110) "nope")
  (data (i32.const 120) "x-mode")
  (data (i32.const 140) "http://ws.example/built?x=1")
  (data (i32.const 170) "x-built")
  (data (i32.const 180) "yes")
  (data (i32.const 200) "all checks passed")
  (data (i32.const 220) "no mode")
  (data (i32.const 240) "check N got S")
  (data (i32.const 260) "hand-off status S")
  (data (i32.const 280) "after hand-off: again=S send=S\n")

  (func $check (param $id i32) (param $got i32) (param $want i32)
    (if (i32.and (i32.eqz (global.get $failed)) (i32.ne (local.get $got) (local.get $want)))
      (then
        (global.set $failed (i32.const 1))
        (global.set $fail_id (local.get $id))
        (global.set $fail_got (local.get $got)))))

  ;; Sends status with the len bytes at p as the body.
  (func $answer (param $status i32) (param $p i32) (param $len i32) (result i32)
    (drop (call $resp_new (i32.const 8)))
    (drop (call $body_new (i32.const 12)))
    (drop (call $status_set (i32.load (i32.const 8)) (local.get $status)))
    (drop (call $body_write (i32.load (i32.const 12)) (local.get $p) (local.get $len) (i32.const 0) (i32.const 16)))
    (call $send (i32.load (i32.const 8)) (i32.load (i32.const 12)) (i32.const 0)))

  ;; A hand-off's status: nothing more when ok, else a 500 naming it.
  (func $handed (param $status i32)
    (if (local.get $status)
      (then
        (i32.store8 (i32.const 276) (i32.add (i32.const 48) (local.get $status)))
        (drop (call $answer (i32.const 500) (i32.const 260) (i32.const 17))))))

  (func $checks
    (local $req i32)
    (local.set $req (i32.load (i32.const 0)))
    ;; unknown backend, closed or unknown handle, name outside memory: whatever the client request
    (call $check (i32.const 1) (call $redirect_v2 (local.get $req) (i32.const 110) (i32.const 4)) (i32.const 2))
    (call $check (i32.const 2) (call $upgrade_websocket (i32.const 110) (i32.const 4)) (i32.const 2))
    (call $check (i32.const 3) (call $redirect_v2 (i32.const 999) (i32.const 100) (i32.const 6)) (i32.const 3))
    (call $check (i32.const 4) (call $upgrade_websocket (i32.const 65530) (i32.const 100)) (i32.const 2))
    (call $check (i32.const 5) (call $redirect_v1 (i32.const -16) (i32.const 6)) (i32.const 2))
    (call $check (i32.const 6) (call $redirect_v2 (local.get $req) (i32.const 65535) (i32.const 6)) (i32.const 2))
    ;; a client request that is no WebSocket upgrade (the test sends a plain GET)
    (call $check (i32.const 7) (call $upgrade_websocket (i32.const 100) (i32.const 6)) (i32.const 2))
    (call $check (i32.const 8) (call $redirect_v1 (i32.const 100) (i32.const 6)) (i32.const 2))
    (call $check (i32.const 9) (call $redirect_v2 (local.get $req) (i32.const 100) (i32.const 6)) (i32.const 2))
    (if (global.get $failed)
      (then
        (i32.store8 (i32.const 246) (i32.add (i32.const 48) (global.get $fail_id)))
        (i32.store8 (i32.const 252) (i32.add (i32.const 48) (global.get $fail_got)))
        (drop (call $answer (i32.const 500) (i32.const 240) (i32.const 13))))
      (else
        ;; the refused hand-offs left the client request unanswered: this response reaches it
        (drop (call $answer (i32.const 200) (i32.const 200) (i32.const 17))))))

  (func (export "_start")
    (local $mode i32)
    (if (call $downstream (i32.const 0) (i32.const 4)) (then unreachable))
    (if (call $req_header_value_get (i32.load (i32.const 0)) (i32.const 120) (i32.const 6)
          (i32.const 32) (i32.const 16) (i32.const 16))
      (then
        (drop (call $answer (i32.const 200) (i32.const 220) (i32.const 7)))
        (return)))
    (local.set $mode (i32.load8_u (i32.const 32)))
    (if (i32.eq (local.get $mode) (i32.const 0x75))
      (then (call $handed (call $upgrade_websocket (i32.const 100) (i32.const 6))) (return)))
    (if (i32.eq (local.get $mode) (i32.const 0x31))
      (then (call $handed (call $redirect_v1 (i32.const 100) (i32.const 6))) (return)))
    (if (i32.eq (local.get $mode) (i32.const 0x32))
      (then
        (call $handed (call $redirect_v2 (i32.load (i32.const 0)) (i32.const 100) (i32.const 6)))
        (i32.store8 (i32.const 302) (i32.add (i32.const 48)
          (call $upgrade_websocket (i32.const 100) (i32.const 6))))
        (i32.store8 (i32.const 309) (i32.add (i32.const 48)
          (call $answer (i32.const 200) (i32.const 220) (i32.const 7))))
        (i32.store (i32.const 48) (i32.const 280))
        (i32.store (i32.const 52) (i32.const 31))
        (drop (call $fd_write (i32.const 1) (i32.const 48) (i32.const 1) (i32.const 16)))
        (return)))
    (if (i32.eq (local.get $mode) (i32.const 0x62))
      (then
        (if (call $req_new (i32.const 20)) (then unreachable))
        (if (call $uri_set (i32.load (i32.const 20)) (i32.const 140) (i32.const 27)) (then unreachable))
        (if (call $req_header_insert (i32.load (i32.const 20)) (i32.const 170) (i32.const 7) (i32.const 180) (i32.const 3))
          (then unreachable))
        (call $handed (call $redirect_v2 (i32.load (i32.const 20)) (i32.const 100) (i32.const 6)))
        (return)))
    (call $checks))
)
