;; Data on pages 0 and across pages 1-2 (page 1 otherwise untouched); grows to 6 pages.
(module
  (memory 3 6)
  (data (i32.const 10) "hello")
  (data (i32.const 131070) "\01\02\03\04\05\06"))
