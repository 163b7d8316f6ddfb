package dev.ledge.erl;

/**
 * One rate-counter entry's counts in one-second buckets for the last 61 seconds, and the sliding
 * estimate of how many were counted in the last W seconds. Not thread-safe: {@link RateCounters}
 * guards it.
 *
 * <p>The estimate over [t-W, t] takes the current (partial) second whole, the W-1 full seconds
 * before it, and of the second before those only the fraction that still lies inside the window.
 */
final class SecondBuckets {
    /** Seconds kept: the current one plus the 60 before it (the longest window is 60 s). */
    static final int SLOTS = 61;
    /** Unsigned counts per second, saturating at 2^32-1 (the largest count the ABI can report). */
    private final int[] counts = new int[SLOTS];
    private long lastSecond;

    SecondBuckets(long nowSecond) {
        this.lastSecond = nowSecond;
    }

    /** The second of the last increment or look-up. */
    long lastSecond() {
        return lastSecond;
    }

    void add(long nowSecond, long delta) {
        advance(nowSecond);
        int i = slot(lastSecond);
        counts[i] = (int) Math.min(Integer.toUnsignedLong(counts[i]) + delta, 0xFFFF_FFFFL);
    }

    /**
     * The estimated count over the last {@code seconds} (1..60) seconds, now being {@code fraction}
     * (0 ≤ f &lt; 1) of the way into second {@code nowSecond}.
     */
    double estimate(long nowSecond, double fraction, int seconds) {
        if (seconds < 1 || seconds > SLOTS - 1) {
            throw new IllegalArgumentException("window of " + seconds + " s");
        }
        advance(nowSecond);
        long whole = 0;
        for (int k = 0; k < seconds; k++) {
            whole += Integer.toUnsignedLong(counts[slot(lastSecond - k)]);
        }
        return whole + (1.0 - fraction) * Integer.toUnsignedLong(counts[slot(lastSecond - seconds)]);
    }

    /** Clears the buckets of the seconds that passed since the last call. */
    private void advance(long nowSecond) {
        if (nowSecond <= lastSecond) {
            return;
        }
        long gap = nowSecond - lastSecond;
        if (gap >= SLOTS) {
            java.util.Arrays.fill(counts, 0);
        } else {
            for (long sec = lastSecond + 1; sec <= nowSecond; sec++) {
                counts[slot(sec)] = 0;
            }
        }
        lastSecond = nowSecond;
    }

    private static int slot(long second) {
        return (int) Math.floorMod(second, (long) SLOTS);
    }
}
