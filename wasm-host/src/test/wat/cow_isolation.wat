;; Copy-on-write isolation: answers 200 only in a pristine instance, then writes to every kind of
;; page (one holding data, an untouched one, one grown later) with every kind of write (stores
;; across a page boundary, memory.fill, memory.copy, memory.init from a passive segment), and
;; checks its own writes. Status 200 + k when check k fails.
(module
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (memory 3 10)
  (data (i32.const 100) "pristine")
  (data (i32.const 131070) "\01\02\03\04")
  (data $passive "copied by memory.init")
  ;; The sum of every byte in [from, to).
  (func $sum (param $from i32) (param $to i32) (result i64)
    (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $acc (i64.add (local.get $acc) (i64.load8_u (local.get $from))))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func $fail (param $status i32) (param $check i32) (result i32)
    (select (local.get $status) (i32.add (i32.const 200) (local.get $check))
      (i32.ne (local.get $status) (i32.const 200))))
  (func (export "_start")
    (local $status i32)
    (local.set $status (i32.const 200))
    ;; 1: three pages, nothing grown
    (if (i32.ne (memory.size) (i32.const 3)) (then (local.set $status (call $fail (local.get $status) (i32.const 1)))))
    ;; 2: the whole initial memory holds exactly the active segments' bytes
    ;;    "pristine" = 112+114+105+115+116+105+110+101 = 878, plus 1+2+3+4
    (if (i64.ne (call $sum (i32.const 0) (i32.const 196608)) (i64.const 888))
      (then (local.set $status (call $fail (local.get $status) (i32.const 2)))))
    ;; writes of every kind
    (i64.store (i32.const 65532) (i64.const -1))                     ;; across pages 0 and 1
    (memory.fill (i32.const 70000) (i32.const 7) (i32.const 1000))   ;; untouched page 1
    (memory.copy (i32.const 140000) (i32.const 100) (i32.const 8))  ;; page 2 (has data)
    (memory.init $passive (i32.const 150000) (i32.const 0) (i32.const 21))
    (data.drop $passive)
    (i32.store8 (i32.const 100) (i32.const 0))                       ;; the data itself
    (drop (memory.grow (i32.const 2)))
    ;; 3: grown pages read zero, then take a write
    (if (i64.ne (call $sum (i32.const 196608) (i32.const 327680)) (i64.const 0))
      (then (local.set $status (call $fail (local.get $status) (i32.const 3)))))
    (i32.store (i32.const 300000) (i32.const 0x01010101))
    ;; 4: this instance sees its own writes
    (if (i32.or
          (i32.or (i64.ne (i64.load (i32.const 65532)) (i64.const -1))
                  (i32.ne (i32.load8_u (i32.const 70999)) (i32.const 7)))
          (i32.or (i32.ne (i32.load8_u (i32.const 140000)) (i32.const 112))
                  (i32.or (i32.ne (i32.load8_u (i32.const 150020)) (i32.const 116))
                          (i32.ne (i32.load (i32.const 300000)) (i32.const 0x01010101)))))
      (then (local.set $status (call $fail (local.get $status) (i32.const 4)))))
    (drop (call $resp_new (i32.const 0)))
    (drop (call $body_new (i32.const 4)))
    (drop (call $status_set (i32.load (i32.const 0)) (local.get $status)))
    (drop (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 0)))))
