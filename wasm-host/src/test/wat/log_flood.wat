;; Writes a 1000-byte line to log endpoint "flood" 3000 times (3 MB), then answers 200.
(module
  (import "fastly_log" "endpoint_get" (func $endpoint (param i32 i32 i32) (result i32)))
  (import "fastly_log" "write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "flood")
  (func (export "_start")
    (local $i i32)
    (memory.fill (i32.const 1024) (i32.const 120) (i32.const 1000))
    (if (call $endpoint (i32.const 100) (i32.const 5) (i32.const 0)) (then unreachable))
    (loop $again
      (if (call $write (i32.load (i32.const 0)) (i32.const 1024) (i32.const 1000) (i32.const 8)) (then unreachable))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 3000))))))
