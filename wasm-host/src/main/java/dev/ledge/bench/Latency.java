package dev.ledge.bench;

import java.util.Arrays;

/** The median, 90th and 99th percentiles of a series of durations, in microseconds. */
public record Latency(double p50Micros, double p90Micros, double p99Micros, int samples) {
    /** Summarises {@code nanos} (nearest-rank percentiles); an empty series gives zeros. */
    public static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latency(0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(rank(sorted, 0.50) / 1000.0, rank(sorted, 0.90) / 1000.0, rank(sorted, 0.99) / 1000.0, sorted.length);
    }

    private static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
