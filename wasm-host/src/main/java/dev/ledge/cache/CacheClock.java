package dev.ledge.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cache's notion of now, in nanoseconds: the JVM's monotonic clock plus an offset that only
 * ever grows. Tests move it forward with {@link #advance} to let entries age without waiting.
 */
public final class CacheClock {
    private final AtomicLong offset = new AtomicLong();

    /** The current time; only differences between two readings mean anything. */
    public long nanos() {
        return System.nanoTime() + offset.get();
    }

    /** Moves the clock forward by {@code d}. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the cache clock only moves forward");
        }
        offset.addAndGet(d.toNanos());
    }
}
