package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.erl.EdgeRateLimits;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;

/**
 * {@code fastly_erl}: rate counters and penalty boxes, shared by all requests of the service
 * ({@link EdgeRateLimits}). Windows are 1, 10 or 60 s, count durations 10..60 s in steps of 10,
 * penalty TTLs 1 min .. 1 h (truncated to minutes), entries at most 256 bytes; anything else is inval.
 */
final class ErlCalls {
    static final String M = "fastly_erl";

    private ErlCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "check_rate", i32s(11), (s, a) -> {
            String rc = name(s, a[0], a[1], "rate counter name");
            String entry = entry(s, a[2], a[3]);
            long delta = Integer.toUnsignedLong((int) a[4]);
            int window = window(a[5]);
            long limit = Integer.toUnsignedLong((int) a[6]);
            String pb = name(s, a[7], a[8], "penalty box name");
            int minutes = minutes(a[9]);
            s.memory().check((int) a[10], 4, "blocked_out");
            boolean blocked = limits(s).checkRate(rc, entry, delta, window, limit, pb, minutes);
            s.memory().writeU32((int) a[10], blocked ? 1 : 0, "blocked_out");
            return 0;
        });
        r.fn(M, "ratecounter_increment", i32s(5), (s, a) -> {
            String rc = name(s, a[0], a[1], "rate counter name");
            String entry = entry(s, a[2], a[3]);
            limits(s).increment(rc, entry, Integer.toUnsignedLong((int) a[4]));
            return 0;
        });
        r.fn(M, "ratecounter_lookup_rate", i32s(6), (s, a) -> {
            String rc = name(s, a[0], a[1], "rate counter name");
            String entry = entry(s, a[2], a[3]);
            int window = window(a[4]);
            s.memory().check((int) a[5], 4, "rate_out");
            s.memory().writeU32((int) a[5], saturate(limits(s).rate(rc, entry, window)), "rate_out");
            return 0;
        });
        r.fn(M, "ratecounter_lookup_count", i32s(6), (s, a) -> {
            String rc = name(s, a[0], a[1], "rate counter name");
            String entry = entry(s, a[2], a[3]);
            long duration = Integer.toUnsignedLong((int) a[4]);
            if (!EdgeRateLimits.isCountDuration(duration)) {
                throw AbiError.inval("count duration " + duration + " s is not one of 10, 20, 30, 40, 50, 60");
            }
            s.memory().check((int) a[5], 4, "count_out");
            s.memory().writeU32((int) a[5], saturate(limits(s).count(rc, entry, (int) duration)), "count_out");
            return 0;
        });
        r.fn(M, "penaltybox_add", i32s(5), (s, a) -> {
            String pb = name(s, a[0], a[1], "penalty box name");
            String entry = entry(s, a[2], a[3]);
            limits(s).penalize(pb, entry, minutes(a[4]));
            return 0;
        });
        r.fn(M, "penaltybox_has", i32s(5), (s, a) -> {
            String pb = name(s, a[0], a[1], "penalty box name");
            String entry = entry(s, a[2], a[3]);
            s.memory().check((int) a[4], 4, "has_out");
            s.memory().writeU32((int) a[4], limits(s).penalized(pb, entry) ? 1 : 0, "has_out");
            return 0;
        });
    }

    private static EdgeRateLimits limits(Session s) {
        return s.resource(EdgeRateLimits.class);
    }

    private static String name(Session s, long ptr, long len, String what) {
        return s.memory().readUtf8((int) ptr, (int) len, what);
    }

    private static String entry(Session s, long ptr, long len) {
        long n = Integer.toUnsignedLong((int) len);
        if (n > EdgeRateLimits.MAX_ENTRY_BYTES) {
            throw AbiError.inval("entry of " + n + " bytes is longer than " + EdgeRateLimits.MAX_ENTRY_BYTES);
        }
        return s.memory().readUtf8((int) ptr, (int) len, "entry");
    }

    private static int window(long arg) {
        long w = Integer.toUnsignedLong((int) arg);
        if (!EdgeRateLimits.isRateWindow(w)) {
            throw AbiError.inval("rate window " + w + " s is not one of 1, 10, 60");
        }
        return (int) w;
    }

    private static int minutes(long arg) {
        long ttl = Integer.toUnsignedLong((int) arg);
        int minutes = EdgeRateLimits.penaltyMinutes(ttl);
        if (minutes < 0) {
            throw AbiError.inval("penalty ttl " + ttl + " s is outside 60..3659 s (1 min .. 1 h in whole minutes)");
        }
        return minutes;
    }

    private static int saturate(long v) {
        return (int) Math.min(v, 0xFFFF_FFFFL);
    }
}
