package dev.ledge.erl;

import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.util.function.LongSupplier;

/**
 * Edge rate limiting for one service, shared by all its requests: rate counters that count in
 * one-second buckets and estimate rates over sliding windows of 1, 10 or 60 s (and counts over 10
 * to 60 s), and penalty boxes whose entries expire after whole minutes. Counters and boxes exist
 * as soon as a guest names them. Thread-safe; the clock is injectable for tests.
 */
public final class EdgeRateLimits {
    /** Longest entry Fastly accepts, in bytes. */
    public static final int MAX_ENTRY_BYTES = 256;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private final LongSupplier nanoClock;
    private final RateCounters counters = new RateCounters();
    private final PenaltyBoxes boxes = new PenaltyBoxes();

    /** Rate limits on the JVM's monotonic clock. */
    public EdgeRateLimits() {
        this(System::nanoTime);
    }

    /** Rate limits on {@code nanoClock}, a monotonic clock in nanoseconds. */
    public EdgeRateLimits(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Puts the service's (empty) rate counters and penalty boxes; fastly.toml has nothing to say about them. */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        b.put(EdgeRateLimits.class, new EdgeRateLimits());
    }

    /** Whether {@code seconds} is a rate window Fastly supports: 1, 10 or 60. */
    public static boolean isRateWindow(long seconds) {
        return seconds == 1 || seconds == 10 || seconds == 60;
    }

    /** Whether {@code seconds} is a count duration Fastly supports: 10, 20, ... 60. */
    public static boolean isCountDuration(long seconds) {
        return seconds >= 10 && seconds <= 60 && seconds % 10 == 0;
    }

    /** A penalty TTL in seconds truncated to whole minutes, or -1 outside Fastly's 1 min .. 1 h. */
    public static int penaltyMinutes(long ttlSeconds) {
        long minutes = ttlSeconds / 60;
        return minutes >= 1 && minutes <= 60 ? (int) minutes : -1;
    }

    /** Adds {@code delta} to the entry's count in the current second. */
    public void increment(String counter, String entry, long delta) {
        counters.increment(counter, entry, delta, second(nanoClock.getAsLong()));
    }

    /** The entry's estimated requests per second over the last {@code window} seconds, rounded down. */
    public long rate(String counter, String entry, int window) {
        requireWindow(window);
        return (long) (estimate(counter, entry, window) / window);
    }

    /** The entry's estimated count over the last {@code duration} seconds, rounded down. */
    public long count(String counter, String entry, int duration) {
        if (!isCountDuration(duration)) {
            throw new IllegalArgumentException("count duration of " + duration + " s");
        }
        return (long) estimate(counter, entry, duration);
    }

    /** Puts the entry in the penalty box for {@code minutes} minutes from now. */
    public void penalize(String box, String entry, int minutes) {
        long now = nanoClock.getAsLong();
        boxes.add(box, entry, now, now + minutes * 60L * NANOS_PER_SECOND);
    }

    /** Whether the penalty box holds the entry now. */
    public boolean penalized(String box, String entry) {
        return boxes.has(box, entry, nanoClock.getAsLong());
    }

    /**
     * Counts {@code delta} for the entry; if its rate over {@code window} seconds is now above
     * {@code limit}, puts it in the penalty box for {@code minutes}. Answers whether the entry is
     * in the penalty box afterwards (also when an earlier penalty is still running).
     */
    public boolean checkRate(String counter, String entry, long delta, int window, long limit, String box, int minutes) {
        requireWindow(window);
        increment(counter, entry, delta);
        if (estimate(counter, entry, window) / window > limit) {
            penalize(box, entry, minutes);
            return true;
        }
        return penalized(box, entry);
    }

    /** Entries tracked by all rate counters (for tests and diagnostics). */
    int trackedEntries() {
        return counters.size();
    }

    private double estimate(String counter, String entry, int seconds) {
        long now = nanoClock.getAsLong();
        double fraction = Math.floorMod(now, NANOS_PER_SECOND) / (double) NANOS_PER_SECOND;
        return counters.estimate(counter, entry, second(now), fraction, seconds);
    }

    private static long second(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_SECOND);
    }

    private static void requireWindow(int window) {
        if (!isRateWindow(window)) {
            throw new IllegalArgumentException("rate window of " + window + " s");
        }
    }
}
