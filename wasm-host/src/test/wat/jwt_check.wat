;; A guest that hands the host what the test sends (see JwtVerifyTest) and answers what came back.
;; Request body, little-endian u32 fields then the strings back to back:
;;   op 0 (jwt_verify): [0]=0 [4]source [8]algorithms [12]skew [16]iss_len [20]aud_len [24]store_len
;;     [28]entry_len [32]token_len, strings from 36: issuer, audience, store, entry, token.
;;     Answers "status S error E" and, when S is 0, " " and the claims.
;;   op 1 (public key): [0]=1 [4]format [8]alg [12]key_len [16]data_len [20]sig_len, from 24: key, data,
;;     signature. Answers "import I verify V valid X".
(module
  (import "ledge_crypto" "public_key_import" (func $key_import (param i32 i32 i32 i32) (result i32)))
  (import "ledge_crypto" "signature_verify" (func $sig_verify (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "ledge_crypto" "jwt_verify" (func $jwt_verify (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "fastly_http_req" "body_downstream_get" (func $downstream (param i32 i32) (result i32)))
  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
  (import "fastly_http_body" "read" (func $body_read (param i32 i32 i32 i32) (result i32)))
  (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 4)
  (data (i32.const 300) "status ")
  (data (i32.const 310) " error ")
  (data (i32.const 320) "import ")
  (data (i32.const 330) " verify ")
  (data (i32.const 340) " valid ")
  (data (i32.const 350) " ")

  ;; Writes v in decimal at p; returns the number of digits.
  (func $itoa (param $v i32) (param $p i32) (result i32)
    (local $n i32) (local $tmp i32) (local $i i32)
    (local.set $tmp (local.get $v))
    (local.set $n (i32.const 1))
    (block $done
      (loop $count
        (br_if $done (i32.lt_u (local.get $tmp) (i32.const 10)))
        (local.set $tmp (i32.div_u (local.get $tmp) (i32.const 10)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $count)))
    (local.set $i (local.get $n))
    (local.set $tmp (local.get $v))
    (loop $write
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.add (i32.const 48) (i32.rem_u (local.get $tmp) (i32.const 10))))
      (local.set $tmp (i32.div_u (local.get $tmp) (i32.const 10)))
      (br_if $write (i32.gt_u (local.get $i) (i32.const 0))))
    (local.get $n))

  ;; Appends len bytes from src to the answer at 65536 + the global length.
  (global $out (mut i32) (i32.const 0))
  (func $put (param $src i32) (param $len i32)
    (memory.copy (i32.add (i32.const 65536) (global.get $out)) (local.get $src) (local.get $len))
    (global.set $out (i32.add (global.get $out) (local.get $len))))
  (func $put_num (param $v i32)
    (global.set $out (i32.add (global.get $out)
      (call $itoa (local.get $v) (i32.add (i32.const 65536) (global.get $out))))))

  ;; Reads the request body to 1024; returns its length.
  (func $read_request (result i32)
    (local $body i32) (local $len i32)
    (drop (call $downstream (i32.const 0) (i32.const 4)))
    (local.set $body (i32.load (i32.const 4)))
    (block $end
      (loop $more
        (drop (call $body_read (local.get $body) (i32.add (i32.const 1024) (local.get $len)) (i32.const 60000) (i32.const 8)))
        (br_if $end (i32.eqz (i32.load (i32.const 8))))
        (local.set $len (i32.add (local.get $len) (i32.load (i32.const 8))))
        (br $more)))
    (local.get $len))

  (func $jwt
    (local $p i32) (local $iss i32) (local $aud i32) (local $store i32) (local $entry i32) (local $token i32) (local $st i32)
    (local.set $iss (i32.const 1060))
    (local.set $aud (i32.add (local.get $iss) (i32.load (i32.const 1040))))
    (local.set $store (i32.add (local.get $aud) (i32.load (i32.const 1044))))
    (local.set $entry (i32.add (local.get $store) (i32.load (i32.const 1048))))
    (local.set $token (i32.add (local.get $entry) (i32.load (i32.const 1052))))
    ;; the jwt_verify_options record at 512
    (i32.store (i32.const 512) (i32.load (i32.const 1032)))
    (i32.store (i32.const 516) (i32.load (i32.const 1036)))
    (i32.store (i32.const 520) (local.get $iss))
    (i32.store (i32.const 524) (i32.load (i32.const 1040)))
    (i32.store (i32.const 528) (local.get $aud))
    (i32.store (i32.const 532) (i32.load (i32.const 1044)))
    (i32.store (i32.const 16) (i32.const 0))
    (local.set $st (call $jwt_verify (local.get $token) (i32.load (i32.const 1056)) (i32.load (i32.const 1028))
      (local.get $store) (i32.load (i32.const 1048)) (local.get $entry) (i32.load (i32.const 1052))
      (i32.const 512) (i32.const 131072) (i32.const 60000) (i32.const 12) (i32.const 16)))
    (call $put (i32.const 300) (i32.const 7))
    (call $put_num (local.get $st))
    (call $put (i32.const 310) (i32.const 7))
    (call $put_num (i32.load (i32.const 16)))
    (if (i32.eqz (local.get $st))
      (then
        (call $put (i32.const 350) (i32.const 1))
        (call $put (i32.const 131072) (i32.load (i32.const 12))))))

  (func $signature
    (local $key i32) (local $data i32) (local $sig i32) (local $st i32)
    (local.set $key (i32.const 1048))
    (local.set $data (i32.add (local.get $key) (i32.load (i32.const 1036))))
    (local.set $sig (i32.add (local.get $data) (i32.load (i32.const 1040))))
    (i32.store (i32.const 20) (i32.const 0))
    (i32.store (i32.const 24) (i32.const 77))
    (call $put (i32.const 320) (i32.const 7))
    (call $put_num (call $key_import (i32.load (i32.const 1028)) (local.get $key) (i32.load (i32.const 1036)) (i32.const 20)))
    (call $put (i32.const 330) (i32.const 8))
    (call $put_num (call $sig_verify (i32.load (i32.const 20)) (i32.load (i32.const 1032))
      (local.get $data) (i32.load (i32.const 1040)) (local.get $sig) (i32.load (i32.const 1044)) (i32.const 24)))
    (call $put (i32.const 340) (i32.const 7))
    (call $put_num (i32.load (i32.const 24))))

  (func (export "_start")
    (local $body i32)
    (drop (call $read_request))
    (if (i32.eqz (i32.load (i32.const 1024)))
      (then (call $jwt))
      (else (call $signature)))
    (drop (call $resp_new (i32.const 40)))
    (drop (call $body_new (i32.const 44)))
    (drop (call $body_write (i32.load (i32.const 44)) (i32.const 65536) (global.get $out) (i32.const 0) (i32.const 48)))
    (drop (call $send (i32.load (i32.const 40)) (i32.load (i32.const 44)) (i32.const 0)))))
