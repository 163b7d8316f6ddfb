package dev.ledge.erl;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every rate counter of a service: one {@link SecondBuckets} per (counter, entry), created on first
 * use, at most {@link #MAX_ENTRIES} of them in all; past that the least recently used entry goes.
 * Entries idle for longer than the longest window are dropped as time moves on.
 */
final class RateCounters {
    /** Entries kept across all counters of a service (about 400 bytes each). */
    static final int MAX_ENTRIES = 100_000;
    private final LinkedHashMap<Key, SecondBuckets> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, SecondBuckets> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private record Key(String counter, String entry) {
    }

    synchronized void increment(String counter, String entry, long delta, long nowSecond) {
        dropIdle(nowSecond);
        entries.computeIfAbsent(new Key(counter, entry), k -> new SecondBuckets(nowSecond)).add(nowSecond, delta);
    }

    /** The estimated count over the last {@code seconds} seconds; 0 for an entry never counted. */
    synchronized double estimate(String counter, String entry, long nowSecond, double fraction, int seconds) {
        SecondBuckets b = entries.get(new Key(counter, entry));
        return b == null ? 0 : b.estimate(nowSecond, fraction, seconds);
    }

    synchronized int size() {
        return entries.size();
    }

    /** Drops least-recently-used entries that have counted nothing within the longest window. */
    private void dropIdle(long nowSecond) {
        Iterator<SecondBuckets> it = entries.values().iterator();
        while (it.hasNext()) {
            if (nowSecond - it.next().lastSecond() < SecondBuckets.SLOTS) {
                return;
            }
            it.remove();
        }
    }
}
