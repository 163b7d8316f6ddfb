package dev.ledge.cache;

import dev.ledge.http.HeaderMap;

/** A core-cache replace in progress: the object being replaced and how the replacement is stored. */
public final class CacheReplaceHandle implements dev.ledge.http.CompletedItem {
    private final CoreCache cache;
    private final CacheKey key;
    private final HeaderMap headers;
    private final ReplaceStart start;
    private final boolean alwaysUseRequestedRange;
    private final BodyLease lease = new BodyLease();

    public CacheReplaceHandle(CoreCache cache, CacheKey key, HeaderMap headers, ReplaceStart start, boolean alwaysUse) {
        this.cache = cache;
        this.key = key;
        this.headers = headers;
        this.start = start;
        this.alwaysUseRequestedRange = alwaysUse;
    }

    /** The object being replaced, or null. */
    public CachedObject existing() {
        return start.existing();
    }

    /** State flags: always must_insert_or_update; found, usable (and stale) when the existing object is usable. */
    public int state(long now) {
        int s = 8;
        CachedObject e = start.existing();
        if (e != null && e.isUsable(now)) {
            s |= 1 | 2;
            if (!e.isFresh(now)) {
                s |= 4;
            }
        }
        return s;
    }

    public boolean alwaysUseRequestedRange() {
        return alwaysUseRequestedRange;
    }

    public BodyLease lease() {
        return lease;
    }

    /** Stores the replacement, under {@code requestHeaders} when given, else the replace's own. */
    public CachedObject insert(HeaderMap requestHeaders, WriteOptions options) {
        HeaderMap h = requestHeaders != null ? requestHeaders : headers;
        if (start.obligation() != null) {
            return start.obligation().insert(h, options);
        }
        return cache.insert(key, h, options);
    }

    /** Gives up the obligation of a WAIT replace. */
    public void release() {
        if (start.obligation() != null) {
            start.obligation().release();
        }
    }
}
