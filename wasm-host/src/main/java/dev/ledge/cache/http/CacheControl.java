package dev.ledge.cache.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The directives of Cache-Control (or Surrogate-Control) header values: names lowercased, each
 * with its value (quotes removed) or an empty string; the first occurrence of a name counts.
 */
public final class CacheControl {
    private final Map<String, String> directives = new HashMap<>();

    private CacheControl() {
    }

    public static CacheControl of(List<byte[]> values) {
        CacheControl cc = new CacheControl();
        for (byte[] v : values) {
            for (String part : new String(v, StandardCharsets.ISO_8859_1).split(",")) {
                String d = part.strip();
                if (d.isEmpty()) {
                    continue;
                }
                int eq = d.indexOf('=');
                String name = (eq < 0 ? d : d.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : d.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                cc.directives.putIfAbsent(name, value);
            }
        }
        return cc;
    }

    public boolean has(String directive) {
        return directives.containsKey(directive);
    }

    /** The directive's delta-seconds, or -1 when it is absent or not a number of seconds. */
    public long seconds(String directive) {
        return parseSeconds(directives.get(directive));
    }

    /** A non-negative number of seconds (huge values saturate), or -1. */
    static long parseSeconds(String s) {
        if (s == null || s.isEmpty() || s.length() > 30) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
        }
        return v < 0 ? Long.MAX_VALUE : v;
    }

    /** Seconds as nanoseconds, saturating. */
    static long toNanos(long seconds) {
        return seconds > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : seconds * 1_000_000_000L;
    }
}
