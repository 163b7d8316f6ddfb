package dev.ledge.erl;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every penalty box of a service: (box, entry) pairs with the time their penalty ends. At most
 * {@link #MAX_ENTRIES} pairs are kept in all (Fastly keeps 200,000 per box and site); past that the
 * entry added longest ago goes.
 */
final class PenaltyBoxes {
    static final int MAX_ENTRIES = 200_000;
    private final LinkedHashMap<Key, Long> until = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private record Key(String box, String entry) {
    }

    /** Puts the entry in the box until {@code untilNanos}, replacing an earlier penalty. */
    synchronized void add(String box, String entry, long nowNanos, long untilNanos) {
        dropExpired(nowNanos);
        Key k = new Key(box, entry);
        until.remove(k);
        until.put(k, untilNanos);
    }

    synchronized boolean has(String box, String entry, long nowNanos) {
        Key k = new Key(box, entry);
        Long end = until.get(k);
        if (end == null) {
            return false;
        }
        if (end - nowNanos <= 0) {
            until.remove(k);
            return false;
        }
        return true;
    }

    synchronized int size() {
        return until.size();
    }

    /** Drops expired penalties from the oldest end until one is still running. */
    private void dropExpired(long nowNanos) {
        Iterator<Long> it = until.values().iterator();
        while (it.hasNext()) {
            if (it.next() - nowNanos > 0) {
                return;
            }
            it.remove();
        }
    }
}
