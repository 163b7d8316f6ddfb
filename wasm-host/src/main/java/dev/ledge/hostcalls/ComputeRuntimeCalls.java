package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.http.Body;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;

/**
 * {@code fastly_compute_runtime}: the CPU time the sandbox's thread has used since the session
 * started, and its memory: linear memory plus the bytes buffered in its open bodies, in MiB rounded up.
 */
final class ComputeRuntimeCalls {
    static final String M = "fastly_compute_runtime";
    static final long MIB = 1L << 20;
    static final long PAGE = 64 * 1024;

    private ComputeRuntimeCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "get_vcpu_ms", i32s(1), (s, a) -> {
            s.memory().check((int) a[0], 8, "vcpu_ms_out");
            long nanos = s.cpuNanosUsed();
            if (nanos < 0) {
                throw new AbiError(Status.UNSUPPORTED, "this JVM cannot measure thread CPU time");
            }
            s.memory().writeU64((int) a[0], nanos / 1_000_000, "vcpu_ms_out");
            return 0;
        });
        r.fn(M, "get_heap_mib", i32s(1), (s, a) -> {
            s.memory().check((int) a[0], 4, "heap_mib_out");
            long bytes = s.memory().pages() * PAGE + hostBuffers(s);
            s.memory().writeU32((int) a[0], (int) Math.min((bytes + MIB - 1) / MIB, 0xFFFF_FFFFL), "heap_mib_out");
            return 0;
        });
    }

    private static long hostBuffers(Session s) {
        long n = 0;
        for (Body b : s.handles().all(Body.class)) {
            n += b.bufferedBytes();
        }
        return n;
    }
}
