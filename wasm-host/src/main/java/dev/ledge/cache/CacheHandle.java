package dev.ledge.cache;

/**
 * What a core-cache handle stands for: a finished lookup (the object found, the obligation it
 * carries) and the body last read from it.
 */
public final class CacheHandle implements dev.ledge.http.CompletedItem {
    private final CacheLookup lookup;
    private final boolean alwaysUseRequestedRange;
    private final BodyLease lease = new BodyLease();

    public CacheHandle(CacheLookup lookup, boolean alwaysUseRequestedRange) {
        this.lookup = lookup;
        this.alwaysUseRequestedRange = alwaysUseRequestedRange;
    }

    public CacheLookup lookup() {
        return lookup;
    }

    public CachedObject found() {
        return lookup.found();
    }

    /** The obligation this handle still has to settle, or null. */
    public Obligation openObligation() {
        Obligation ob = lookup.obligation();
        return ob == null || ob.isSettled() ? null : ob;
    }

    public boolean alwaysUseRequestedRange() {
        return alwaysUseRequestedRange;
    }

    public BodyLease lease() {
        return lease;
    }

    /** Gives up an unsettled obligation (on close, cancel, or the end of the guest's run). */
    public void release() {
        if (lookup.obligation() != null) {
            lookup.obligation().release();
        }
    }
}
