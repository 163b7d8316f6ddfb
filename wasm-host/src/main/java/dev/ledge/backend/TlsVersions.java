package dev.ledge.backend;

import dev.ledge.session.AbiError;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Maps the ABI's tls_version numbers (0 = TLS 1.0 … 3 = TLS 1.3) to the JDK protocol names a
 * backend's connections may use, so a backend's minimum and maximum TLS version are enforced by
 * the handshake itself.
 */
public final class TlsVersions {
    private static final String[] NAMES = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};
    /** Without a minimum Ledge offers TLS 1.2 and up, as the JDK does by default. */
    private static final int DEFAULT_MIN = 2;
    private static final int MAX = 3;

    private TlsVersions() {
    }

    /** The protocols between {@code min} and {@code max} (either may be null for the default). */
    public static Set<String> enabled(Integer min, Integer max) {
        int lo = min == null ? Math.min(DEFAULT_MIN, max == null ? MAX : max) : min;
        int hi = max == null ? MAX : max;
        Set<String> out = new LinkedHashSet<>();
        for (int v = lo; v <= hi; v++) {
            out.add(NAMES[v]);
        }
        return out;
    }

    /** Throws inval when {@code min} is above {@code max}. */
    public static void checkRange(Integer min, Integer max) {
        if (min != null && max != null && min > max) {
            throw AbiError.inval("ssl_min_version " + name(min) + " is above ssl_max_version " + name(max));
        }
    }

    /** The JDK name of a tls_version number ("TLSv1.3"). */
    public static String name(int v) {
        return NAMES[v];
    }
}
