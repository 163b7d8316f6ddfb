;; Returns without sending a response.
(module
  (memory (export "memory") 1)
  (func (export "_start")))
