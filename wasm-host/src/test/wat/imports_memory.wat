;; Imports its memory, which Ledge does not provide.
(module
  (import "env" "memory" (memory 1))
  (func (export "_start")))
