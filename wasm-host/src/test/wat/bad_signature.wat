;; Declares fastly_http_body.new with a type the ABI does not give it.
(module
  (import "fastly_http_body" "new" (func $new (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
