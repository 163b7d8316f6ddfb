package dev.ledge.cache;

import dev.ledge.http.HeaderMap;

/**
 * A client's duty to fill (insert) or refresh (update) a variant after a transactional lookup.
 * While it stands, other transactional lookups of the variant wait (unless the stored object is
 * still usable). Settled once: by an insert, an update, or a release that passes the duty on.
 * A non-collapsing obligation (from a hit-for-pass record) makes nobody wait.
 */
public final class Obligation {
    final CoreCache store;
    final CacheKey key;
    final KeyEntry.Slot slot;
    final HeaderMap requestHeaders;
    final CachedObject existing;
    boolean settled;

    Obligation(CoreCache store, CacheKey key, KeyEntry.Slot slot, HeaderMap requestHeaders, CachedObject existing) {
        this.store = store;
        this.key = key;
        this.slot = slot;
        this.requestHeaders = requestHeaders;
        this.existing = existing;
    }

    /** The object stored when the obligation was taken (stale, or kept for stale-if-error), or null. */
    public CachedObject existing() {
        return existing;
    }

    public boolean isSettled() {
        synchronized (store.lock) {
            return settled;
        }
    }

    /** Fulfils the obligation with a new object whose body the caller is about to write. */
    public CachedObject insert(WriteOptions options) {
        return store.fulfil(this, null, options, false);
    }

    /** Fulfils it with a new object stored under other request headers (a replace's insert). */
    public CachedObject insert(HeaderMap headers, WriteOptions options) {
        return store.fulfil(this, headers, options, false);
    }

    /** Fulfils it by storing new options (and HTTP response head) over the existing object's body. */
    public CachedObject update(WriteOptions options) {
        return store.fulfil(this, null, options, true);
    }

    /** Gives the obligation up; one waiting client takes it over. Does nothing once settled. */
    public void release() {
        store.release(this);
    }
}
