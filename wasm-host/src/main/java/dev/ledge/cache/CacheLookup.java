package dev.ledge.cache;

/**
 * What a lookup found: the usable object (if any; one handed over by the client this lookup waited
 * for counts as usable even when its max age is already over) and the obligation to fill or
 * refresh it (transactional lookups only).
 */
public record CacheLookup(CachedObject found, Obligation obligation) {
    /** Nothing found, no obligation. */
    public static final CacheLookup EMPTY = new CacheLookup(null, null);

    /** The lookup state flags: found 1, usable 2, stale 4, must_insert_or_update 8. */
    public int state(long now) {
        int s = 0;
        if (found != null) {
            s |= 1 | 2;
            if (!found.isFresh(now)) {
                s |= 4;
            }
        }
        if (obligation != null && !obligation.isSettled()) {
            s |= 8;
        }
        return s;
    }
}
