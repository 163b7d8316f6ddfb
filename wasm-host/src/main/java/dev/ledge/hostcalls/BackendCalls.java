package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.backend.Backend;
import dev.ledge.backend.Backends;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/** {@code fastly_backend}: what a guest can ask about a backend by name. An unknown name is {@code inval}. */
final class BackendCalls {
    static final String M = "fastly_backend";
    /** The idle time after which pooled connections to a backend close (Vert.x's default). */
    static final int HTTP_KEEPALIVE_MS = 60_000;

    private BackendCalls() {
    }

    static Backend named(Session s, long ptr, long len) {
        String name = s.memory().readUtf8((int) ptr, (int) len, "backend name");
        Backend b = s.resource(Backends.class).find(s, name);
        if (b == null) {
            throw AbiError.inval("no backend named '" + name + "'");
        }
        return b;
    }

    private static void u32(HostcallRegistry r, String fn, ToIntFunction<Backend> value) {
        r.fn(M, fn, i32s(3), (s, a) -> {
            s.memory().check((int) a[2], 4, "out");
            s.memory().writeU32((int) a[2], value.applyAsInt(named(s, a[0], a[1])), "out");
            return 0;
        });
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "exists", i32s(3), (s, a) -> {
            s.memory().check((int) a[2], 4, "out");
            String name = s.memory().readUtf8((int) a[0], (int) a[1], "backend name");
            s.memory().writeU32((int) a[2], s.resource(Backends.class).find(s, name) != null ? 1 : 0, "out");
            return 0;
        });
        u32(r, "is_healthy", b -> 0); // no health checks run locally: unknown
        u32(r, "is_dynamic", b -> b.dynamic() ? 1 : 0);
        u32(r, "is_ssl", b -> b.tls() ? 1 : 0);
        u32(r, "get_connect_timeout_ms", Backend::connectTimeoutMs);
        u32(r, "get_first_byte_timeout_ms", Backend::firstByteTimeoutMs);
        u32(r, "get_between_bytes_timeout_ms", Backend::betweenBytesTimeoutMs);
        u32(r, "get_http_keepalive_time", b -> HTTP_KEEPALIVE_MS);
        u32(r, "get_tcp_keepalive_enable", b -> 0);
        for (String fn : new String[] {"get_tcp_keepalive_interval", "get_tcp_keepalive_probes", "get_tcp_keepalive_time"}) {
            r.fn(M, fn, i32s(3), (s, a) -> {
                named(s, a[0], a[1]);
                throw AbiError.none("TCP keepalive is off for this backend");
            });
        }
        r.fn(M, "get_port", i32s(3), (s, a) -> {
            s.memory().check((int) a[2], 2, "port out");
            int port = named(s, a[0], a[1]).port();
            s.memory().write((int) a[2], new byte[] {(byte) port, (byte) (port >> 8)}, "port out");
            return 0;
        });
        r.fn(M, "get_host", i32s(5), (s, a) -> {
            Backend b = named(s, a[0], a[1]);
            s.memory().writeSized(b.host().getBytes(StandardCharsets.UTF_8), (int) a[2], (int) a[3], (int) a[4]);
            return 0;
        });
        r.fn(M, "get_override_host", i32s(5), (s, a) -> {
            Backend b = named(s, a[0], a[1]);
            if (b.overrideHost() == null) {
                throw AbiError.none("backend " + b.name() + " has no override host");
            }
            s.memory().writeSized(b.overrideHost().getBytes(StandardCharsets.UTF_8), (int) a[2], (int) a[3], (int) a[4]);
            return 0;
        });
        r.fn(M, "get_ssl_min_version", i32s(3), (s, a) -> tlsVersion(s, a, named(s, a[0], a[1]).sslMinVersion()));
        r.fn(M, "get_ssl_max_version", i32s(3), (s, a) -> tlsVersion(s, a, named(s, a[0], a[1]).sslMaxVersion()));
    }

    private static int tlsVersion(Session s, long[] a, Integer v) {
        if (v == null) {
            throw AbiError.none("no TLS version set for this backend");
        }
        s.memory().writeU32((int) a[2], v, "version out");
        return 0;
    }
}
