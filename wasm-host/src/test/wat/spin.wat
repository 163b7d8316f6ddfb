;; Never ends: a tight loop that only the watchdog can stop.
(module
  (memory (export "memory") 1)
  (func (export "_start") (loop $forever (br $forever))))
