package dev.ledge.cache;

import dev.ledge.http.HeaderMap;
import java.util.List;

/**
 * What a transactional lookup gets, given the slots a request may be served from, in this order:
 * a fresh object; a hit-for-pass record (an obligation nobody waits on); a stale but usable object
 * (with the obligation to refresh it, unless another client holds it); nothing yet because another
 * client is filling the variant (null: wait); or the obligation to insert. Runs under the store's lock.
 */
final class TransactionRules {
    private TransactionRules() {
    }

    static CacheLookup decide(CoreCache c, KeyEntry e, List<KeyEntry.Slot> slots, HeaderMap headers, long now) {
        for (KeyEntry.Slot s : slots) {
            if (isObject(s.object) && s.object.isFresh(now)) {
                return new CacheLookup(c.hit(s.object), null);
            }
        }
        for (KeyEntry.Slot s : slots) {
            if (s.object != null && s.object.options().hitForPass() && s.object.isFresh(now)) {
                return new CacheLookup(null, c.oblige(null, e.key, headers, null));
            }
        }
        for (KeyEntry.Slot s : slots) {
            if (isObject(s.object) && s.object.isUsable(now)) {
                Obligation ob = s.obligation == null ? c.oblige(s, e.key, headers, s.object) : null;
                return new CacheLookup(c.hit(s.object), ob);
            }
        }
        if (slots.stream().anyMatch(s -> s.obligation != null)) {
            return null;
        }
        KeyEntry.Slot s = e.slot(e.currentRule().variant(headers));
        if (s.obligation != null) {
            return null;
        }
        CachedObject existing = isObject(s.object) && s.object.isRetained(now) ? s.object : null;
        return new CacheLookup(null, c.oblige(s, e.key, headers, existing));
    }

    /** A stored object proper, not a hit-for-pass record. */
    static boolean isObject(CachedObject o) {
        return o != null && !o.options().hitForPass();
    }
}
