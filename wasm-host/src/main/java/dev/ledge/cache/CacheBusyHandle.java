package dev.ledge.cache;

import dev.ledge.http.HeaderMap;

/**
 * A transactional lookup started without waiting: either already answered (found, or obliged)
 * or still to wait behind the client that is filling the object.
 */
public final class CacheBusyHandle {
    private final CoreCache cache;
    private final CacheKey key;
    private final HeaderMap headers;
    private final boolean alwaysUseRequestedRange;
    private CacheLookup ready;

    private CacheBusyHandle(CoreCache cache, CacheKey key, HeaderMap headers, boolean alwaysUse, CacheLookup ready) {
        this.cache = cache;
        this.key = key;
        this.headers = headers;
        this.alwaysUseRequestedRange = alwaysUse;
        this.ready = ready;
    }

    /** Looks up once without waiting; the wait, if needed, happens in {@link #await}. */
    public static CacheBusyHandle start(CoreCache cache, CacheKey key, HeaderMap headers, boolean alwaysUse)
            throws InterruptedException {
        CacheLookup first = cache.transactionLookup(key, headers, false);
        boolean answered = first.found() != null || first.obligation() != null;
        return new CacheBusyHandle(cache, key, headers, alwaysUse, answered ? first : null);
    }

    /** Whether {@link #await} would return at once. */
    public boolean isReady() {
        return ready != null;
    }

    /** The finished lookup, waiting for another client's obligation if necessary. */
    public CacheHandle await() throws InterruptedException {
        CacheLookup l = ready != null ? ready : cache.transactionLookup(key, headers, true);
        ready = null;
        return new CacheHandle(l, alwaysUseRequestedRange);
    }

    /** Gives up an obligation taken when the lookup started and never handed on. */
    public void release() {
        if (ready != null && ready.obligation() != null) {
            ready.obligation().release();
        }
    }
}
