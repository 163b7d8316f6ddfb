;; Instance templates: tables start exactly as their element segments leave them, in every
;; instance. Two tables, active segments at offsets (with a null entry), a passive segment used by
;; table.init, a declarative one; each check failing adds its number to the status, and the guest
;; dirties both tables afterwards so a later instance sharing them would fail check 1 or 5.
(module
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "status_set" (func $status_set (param i32 i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (type $k (func (result i32)))
  (memory 1)
  (table $t1 10 funcref)
  (table $t2 4 funcref)
  (func $f0 (result i32) (i32.const 10))
  (func $f1 (result i32) (i32.const 11))
  (func $f2 (result i32) (i32.const 12))
  (func $f3 (result i32) (i32.const 13))
  (elem (table $t1) (i32.const 2) func $f1 $f2)
  (elem (table $t1) (i32.const 5) funcref (ref.null func) (ref.func $f3))
  (elem (table $t2) (i32.const 0) func $f3 $f0)
  (elem $p func $f2 $f1)
  (elem declare func $f0)
  (func $bad (param $status i32) (param $check i32) (result i32)
    (i32.add (local.get $status) (local.get $check)))
  (func (export "_start")
    (local $s i32)
    (local.set $s (i32.const 200))
    ;; 1: slots 0, 1, 4, 7, 8, 9 of $t1 and 2, 3 of $t2 are empty
    (if (i32.eqz (i32.and
          (i32.and (i32.and (ref.is_null (table.get $t1 (i32.const 0))) (ref.is_null (table.get $t1 (i32.const 1))))
                   (i32.and (ref.is_null (table.get $t1 (i32.const 4))) (ref.is_null (table.get $t1 (i32.const 7)))))
          (i32.and (i32.and (ref.is_null (table.get $t1 (i32.const 8))) (ref.is_null (table.get $t1 (i32.const 9))))
                   (i32.and (ref.is_null (table.get $t2 (i32.const 2))) (ref.is_null (table.get $t2 (i32.const 3)))))))
      (then (local.set $s (call $bad (local.get $s) (i32.const 1)))))
    ;; 2: the active segments' functions answer through call_indirect
    (if (i32.ne (i32.add (call_indirect $t1 (type $k) (i32.const 2)) (call_indirect $t1 (type $k) (i32.const 3))) (i32.const 23))
      (then (local.set $s (call $bad (local.get $s) (i32.const 2)))))
    ;; 3: a null entry from an expression segment, and the function after it
    (if (i32.or (i32.eqz (ref.is_null (table.get $t1 (i32.const 5))))
                (i32.ne (call_indirect $t1 (type $k) (i32.const 6)) (i32.const 13)))
      (then (local.set $s (call $bad (local.get $s) (i32.const 4)))))
    ;; 4: the second table
    (if (i32.ne (i32.add (call_indirect $t2 (type $k) (i32.const 0)) (call_indirect $t2 (type $k) (i32.const 1))) (i32.const 23))
      (then (local.set $s (call $bad (local.get $s) (i32.const 8)))))
    ;; 5: table.init from the passive segment, then elem.drop
    (table.init $t1 $p (i32.const 8) (i32.const 0) (i32.const 2))
    (elem.drop $p)
    (if (i32.ne (i32.add (call_indirect $t1 (type $k) (i32.const 8)) (call_indirect $t1 (type $k) (i32.const 9))) (i32.const 23))
      (then (local.set $s (call $bad (local.get $s) (i32.const 16)))))
    ;; 6: sizes
    (if (i32.or (i32.ne (table.size $t1) (i32.const 10)) (i32.ne (table.size $t2) (i32.const 4)))
      (then (local.set $s (call $bad (local.get $s) (i32.const 32)))))
    ;; dirty both tables
    (table.set $t1 (i32.const 0) (ref.func $f0))
    (table.set $t2 (i32.const 3) (ref.func $f0))
    (table.set $t1 (i32.const 2) (ref.null func))
    (drop (table.grow $t2 (ref.func $f0) (i32.const 2)))
    (drop (call $resp_new (i32.const 0)))
    (drop (call $body_new (i32.const 4)))
    (drop (call $status_set (i32.load (i32.const 0)) (local.get $s)))
    (drop (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 0)))))
