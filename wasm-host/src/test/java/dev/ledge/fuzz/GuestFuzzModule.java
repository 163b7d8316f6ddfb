package dev.ledge.fuzz;

import dev.ledge.abi.AbiFunction;
import dev.ledge.abi.AbiSpec;
import dev.ledge.abi.CoreType;
import dev.ledge.hostcalls.HostcallRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the WAT text of a guest that calls every implemented hostcall (signatures from the ABI
 * description in abi/spec) many times with arguments from a seeded PRNG inside the guest: a third
 * random 32-bit values, the rest boundary values (0, small handles, the last bytes of memory,
 * 2^31, 2^32-1, -1...). Each call's status is folded into a bit mask per hostcall (bit 31: a
 * value past 30); at the end the guest prints one line per hostcall, {@code fuzz N MASK} in hex,
 * to stdout. A request whose URI ends in {@code n} (e.g. /plain) skips the fuzzing and answers 200.
 */
final class GuestFuzzModule {
    /**
     * Calls left out, and why: they wait (select and next_request_wait until a timeout the
     * fuzzer picks, up to 49 days; cache_busy_handle_wait for another transaction), or they
     * would let random bytes name an origin to connect to (register_dynamic_backend: the fuzz
     * must never send traffic off this machine; without it no backend exists, so every send fails
     * at once).
     */
    static final Set<String> EXCLUDED = Set.of(
            "fastly_async_io.select",
            "fastly_http_downstream.next_request_wait",
            "fastly_cache.cache_busy_handle_wait",
            "fastly_http_req.register_dynamic_backend");

    static final long[] BOUNDARY = {0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 64, 1024, 4096, 65532, 65535, 65536, 65537,
        0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFEL, 0xFFFFFFFFL, -1L, 0x100000000L, Long.MIN_VALUE};

    final List<AbiFunction> functions = new ArrayList<>();

    GuestFuzzModule() {
        HostcallRegistry registry = HostcallRegistry.standard();
        for (AbiFunction f : AbiSpec.bundled().functions()) {
            if (registry.get(f.module(), f.name()) != null && !EXCLUDED.contains(f.qualifiedName())) {
                functions.add(f);
            }
        }
    }

    String wat(int rounds) {
        StringBuilder w = new StringBuilder("(module\n");
        for (int i = 0; i < functions.size(); i++) {
            AbiFunction f = functions.get(i);
            w.append("  (import \"").append(f.module()).append("\" \"").append(f.name()).append("\" (func $f").append(i).append(" (param");
            for (CoreType t : f.coreParams()) {
                w.append(t == CoreType.I64 ? " i64" : " i32");
            }
            w.append(") (result i32)))\n");
        }
        w.append("""
                  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                  (import "fastly_http_req" "body_downstream_get" (func $req_get (param i32 i32) (result i32)))
                  (import "fastly_http_req" "uri_get" (func $uri_get (param i32 i32 i32 i32) (result i32)))
                  (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
                  (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
                  (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
                  (memory (export "memory") 1)
                  (global $s (mut i32) (i32.const 1))
                """);
        for (int i = 0; i < functions.size(); i++) {
            w.append("  (global $m").append(i).append(" (mut i32) (i32.const 0))\n");
        }
        w.append("""
                  (func $rand (result i32)
                    (global.set $s (i32.xor (global.get $s) (i32.shl (global.get $s) (i32.const 13))))
                    (global.set $s (i32.xor (global.get $s) (i32.shr_u (global.get $s) (i32.const 17))))
                    (global.set $s (i32.xor (global.get $s) (i32.shl (global.get $s) (i32.const 5))))
                    (global.get $s))
                  (func $bit (param $st i32) (result i32)
                    (if (result i32) (i32.lt_u (local.get $st) (i32.const 31))
                      (then (i32.shl (i32.const 1) (local.get $st)))
                      (else (i32.const 0x80000000))))
                """);
        w.append("  (func $boundary (param $i i32) (result i64)\n");
        StringBuilder blocks = new StringBuilder();
        for (int i = BOUNDARY.length - 1; i >= 0; i--) {
            blocks.append("(block $b").append(i).append(' ');
        }
        w.append("    ").append(blocks).append("(br_table");
        for (int i = 0; i < BOUNDARY.length; i++) {
            w.append(" $b").append(i);
        }
        w.append(" (i32.rem_u (local.get $i) (i32.const ").append(BOUNDARY.length).append(")))");
        for (int i = 0; i < BOUNDARY.length; i++) {
            w.append(")\n    (return (i64.const ").append(BOUNDARY[i]).append("))");
        }
        w.append(")\n");
        w.append("""
                  (func $arg (result i64)
                    (if (result i64) (i32.eqz (i32.rem_u (call $rand) (i32.const 3)))
                      (then (i64.extend_i32_u (call $rand)))
                      (else (call $boundary (call $rand)))))
                  (func $hex (param $v i32) (param $at i32)
                    (local $k i32) (local $d i32)
                    (loop $digit
                      (local.set $d (i32.and (i32.shr_u (local.get $v) (i32.sub (i32.const 28) (i32.mul (local.get $k) (i32.const 4)))) (i32.const 15)))
                      (i32.store8 (i32.add (local.get $at) (local.get $k))
                        (i32.add (local.get $d) (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $d) (i32.const 10)))))
                      (local.set $k (i32.add (local.get $k) (i32.const 1)))
                      (br_if $digit (i32.lt_u (local.get $k) (i32.const 8)))))
                  ;; Prints "fuzz <index> <mask>\\n" (index and mask in hex).
                  (func $report (param $i i32) (param $mask i32)
                    (i32.store (i32.const 100) (i32.const 0x7a7a7566)) ;; "fuzz"
                    (i32.store8 (i32.const 104) (i32.const 32))
                    (call $hex (local.get $i) (i32.const 105))
                    (i32.store8 (i32.const 113) (i32.const 32))
                    (call $hex (local.get $mask) (i32.const 114))
                    (i32.store8 (i32.const 122) (i32.const 10))
                    (i32.store (i32.const 80) (i32.const 100))
                    (i32.store (i32.const 84) (i32.const 23))
                    (drop (call $fd_write (i32.const 1) (i32.const 80) (i32.const 1) (i32.const 88))))
                  (func (export "_start")
                    (local $n i32) (local $i i32) (local $round i32)
                    (drop (call $req_get (i32.const 0) (i32.const 4)))
                    (drop (call $uri_get (i32.load (i32.const 0)) (i32.const 1024) (i32.const 1024) (i32.const 8)))
                    (local.set $n (i32.load (i32.const 8)))
                    (if (i32.and (i32.gt_u (local.get $n) (i32.const 0))
                                 (i32.eq (i32.load8_u (i32.add (i32.const 1023) (local.get $n))) (i32.const 110)))
                      (then
                        (drop (call $resp_new (i32.const 16)))
                        (drop (call $body_new (i32.const 20)))
                        (drop (call $send (i32.load (i32.const 16)) (i32.load (i32.const 20)) (i32.const 0)))
                        (return)))
                    ;; seed: FNV-1a of the URI
                    (global.set $s (i32.const 0x811c9dc5))
                    (loop $hash
                      (if (i32.lt_u (local.get $i) (local.get $n))
                        (then
                          (global.set $s (i32.mul (i32.xor (global.get $s) (i32.load8_u (i32.add (i32.const 1024) (local.get $i)))) (i32.const 16777619)))
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br $hash))))
                    (if (i32.eqz (global.get $s)) (then (global.set $s (i32.const 1))))
                    (loop $rounds
                """);
        for (int i = 0; i < functions.size(); i++) {
            w.append("      (global.set $m").append(i).append(" (i32.or (global.get $m").append(i).append(") (call $bit (call $f").append(i);
            for (CoreType t : functions.get(i).coreParams()) {
                w.append(t == CoreType.I64 ? " (call $arg)" : " (i32.wrap_i64 (call $arg))");
            }
            w.append("))))\n");
        }
        w.append("      (local.set $round (i32.add (local.get $round) (i32.const 1)))\n");
        w.append("      (br_if $rounds (i32.lt_u (local.get $round) (i32.const ").append(rounds).append("))))\n");
        for (int i = 0; i < functions.size(); i++) {
            w.append("    (call $report (i32.const ").append(i).append(") (global.get $m").append(i).append("))\n");
        }
        w.append("  ))\n");
        return w.toString();
    }
}
