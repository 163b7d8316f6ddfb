package dev.ledge.hostcalls;

import dev.ledge.cache.BodyLease;
import dev.ledge.cache.CachedObject;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;

/**
 * The object a cache handle of any kind (lookup, replace, HTTP) gives access to, with the lease on
 * its body and whether ranges are honoured before the length is known.
 */
record FoundView(CachedObject found, BodyLease lease, boolean alwaysUseRequestedRange) {

    /** Finds the view behind a handle of one kind (badf for other handles). */
    interface Of {
        FoundView of(Session s, int handle);
    }

    /** The found object, or {@code none}. */
    CachedObject require() {
        if (found == null) {
            throw AbiError.none("no object was found");
        }
        return found;
    }
}
