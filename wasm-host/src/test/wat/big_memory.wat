;; Starts with 3 MiB of memory (48 pages).
(module
  (memory (export "memory") 48)
  (func (export "_start")))
