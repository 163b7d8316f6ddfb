;; Answers 200 only if it sees a pristine instance: global 0, data segment intact, scratch byte 0,
;; memory at its initial size and table slot 1 empty. Then it dirties all of them, so a later
;; request that shared any of this state would answer more than 200.
(module
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (memory (export "memory") 1 20)
  (global $g (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 0) $f)
  (data (i32.const 2000) "\01")
  (func $f)
  (func (export "_start")
    (local $status i32)
    (local.set $status
      (i32.add (i32.const 200)
        (i32.add
          (i32.add (global.get $g) (i32.load8_u (i32.const 1000)))
          (i32.add
            (i32.ne (i32.load8_u (i32.const 2000)) (i32.const 1))
            (i32.add
              (i32.sub (memory.size) (i32.const 1))
              (i32.eqz (ref.is_null (table.get 0 (i32.const 1)))))))))
    (global.set $g (i32.const 1))
    (i32.store8 (i32.const 1000) (i32.const 1))
    (i32.store8 (i32.const 2000) (i32.const 9))
    (drop (memory.grow (i32.const 1)))
    (table.set 0 (i32.const 1) (ref.func $f))
    (drop (call $resp_new (i32.const 0)))
    (drop (call $body_new (i32.const 4)))
    (drop (call $status_set (i32.load (i32.const 0)) (local.get $status)))
    (drop (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 0)))))
