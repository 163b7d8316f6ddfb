package dev.ledge.cache.http;

import dev.ledge.cache.CacheLookup;
import dev.ledge.cache.CachedObject;
import dev.ledge.cache.Obligation;
import dev.ledge.http.RequestHead;
import dev.ledge.session.AbiError;

/**
 * What an HTTP-cache handle stands for: the request looked up (a copy), the lookup's result, and
 * a stale response chosen with transaction_choose_stale.
 */
public final class HttpCacheHandle implements dev.ledge.http.CompletedItem {
    private final RequestHead request;
    private final CacheLookup lookup;
    private CachedObject chosenStale;

    public HttpCacheHandle(RequestHead request, CacheLookup lookup) {
        this.request = request;
        this.lookup = lookup;
    }

    /** The request looked up; never handed to the guest. */
    public RequestHead request() {
        return request;
    }

    /** The response found (or chosen stale), or null. */
    public CachedObject found() {
        return chosenStale != null ? chosenStale : lookup.found();
    }

    /** The stored response a revalidation would refresh: the one found, or the stale one kept. */
    public CachedObject stored() {
        if (lookup.found() != null) {
            return lookup.found();
        }
        return lookup.obligation() == null ? null : lookup.obligation().existing();
    }

    /** The obligation still to settle, or null. */
    public Obligation openObligation() {
        Obligation ob = lookup.obligation();
        return ob == null || ob.isSettled() ? null : ob;
    }

    /** The lookup state flags (see {@link CacheLookup#state}), with a chosen stale response found and usable. */
    public int state(long now) {
        int s = lookup.state(now);
        if (chosenStale != null) {
            s |= 1 | 2 | 4;
        }
        return s;
    }

    /**
     * Settles the obligation by serving the stored response still within its stale-if-error
     * period; the cache itself is left as it is. {@code error} without an obligation or such a response.
     */
    public void chooseStale(long now) {
        Obligation ob = openObligation();
        if (ob == null) {
            throw new AbiError(dev.ledge.abi.Status.ERROR, "this handle holds no obligation to settle");
        }
        CachedObject stale = stored();
        if (stale == null || !stale.isUsableIfError(now)) {
            throw new AbiError(dev.ledge.abi.Status.ERROR, "no stored response is within its stale-if-error period");
        }
        ob.release();
        chosenStale = stale;
    }

    /** Gives up an unsettled obligation (on abandon, close, or the end of the guest's run). */
    public void release() {
        if (lookup.obligation() != null) {
            lookup.obligation().release();
        }
    }
}
