package dev.ledge.cache;

import dev.ledge.http.HeaderMap;

/**
 * A transactional lookup started without waiting: either already answered (found, or obliged)
 * or still to wait behind the client that is filling the object.
 */
public final class CacheBusyHandle implements dev.ledge.http.AsyncItem {
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

    /**
     * Whether {@link #await} would return at once. A lookup that was waiting looks again without
     * blocking, so it becomes ready once the other client inserted or gave up its obligation.
     */
    @Override
    public synchronized boolean isReady() {
        if (ready == null) {
            try {
                CacheLookup again = cache.transactionLookup(key, headers, false);
                if (again.found() != null || again.obligation() != null) {
                    ready = again;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ready != null;
    }

    /** Runs {@code action} at once when ready; otherwise select's wait loop looks again shortly. */
    @Override
    public void onReady(Runnable action) {
        if (isReady()) {
            action.run();
        }
    }

    /** The finished lookup, waiting for another client's obligation if necessary. */
    public synchronized CacheHandle await() throws InterruptedException {
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
