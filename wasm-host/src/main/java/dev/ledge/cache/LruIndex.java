package dev.ledge.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored objects in least-recently-used order with the bytes each one is counted for, so the
 * store can keep its total under a bound. Guarded by the store's lock.
 */
final class LruIndex {
    private final LinkedHashMap<CachedObject, long[]> objects = new LinkedHashMap<>(64, 0.75f, true);
    private long total;

    void add(CachedObject o, long bytes) {
        objects.put(o, new long[] {bytes});
        total += bytes;
    }

    void remove(CachedObject o) {
        long[] b = objects.remove(o);
        if (b != null) {
            total -= b[0];
        }
    }

    /** Marks {@code o} as just used. */
    void touch(CachedObject o) {
        objects.get(o);
    }

    /** Counts {@code delta} more (or fewer) bytes for {@code o}. */
    void grow(CachedObject o, long delta) {
        long[] b = objects.get(o);
        if (b != null) {
            b[0] += delta;
            total += delta;
        }
    }

    long total() {
        return total;
    }

    /** The least recently used object, or null. */
    CachedObject eldest() {
        Iterator<Map.Entry<CachedObject, long[]>> it = objects.entrySet().iterator();
        return it.hasNext() ? it.next().getKey() : null;
    }

    int count() {
        return objects.size();
    }
}
