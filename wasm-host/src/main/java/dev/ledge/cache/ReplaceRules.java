package dev.ledge.cache;

import dev.ledge.http.HeaderMap;
import java.util.List;

/** How a replace starts under each {@link ReplaceStrategy}. Runs under the store's lock. */
final class ReplaceRules {
    private ReplaceRules() {
    }

    static ReplaceStart start(CoreCache c, CacheKey key, HeaderMap headers, ReplaceStrategy strategy)
            throws InterruptedException {
        while (true) {
            long now = c.clock().nanos();
            List<KeyEntry.Slot> slots = c.live(key, headers, now);
            CachedObject existing = null;
            for (KeyEntry.Slot s : slots) {
                if (TransactionRules.isObject(s.object)) {
                    existing = s.object;
                    break;
                }
            }
            if (strategy == ReplaceStrategy.IMMEDIATE) {
                return new ReplaceStart(existing, null);
            }
            if (strategy == ReplaceStrategy.IMMEDIATE_FORCE_MISS) {
                if (existing != null) {
                    c.remove(existing);
                }
                return new ReplaceStart(existing, null);
            }
            if (slots.stream().noneMatch(s -> s.obligation != null)) {
                KeyEntry e = c.entry(key);
                KeyEntry.Slot s = e.slot(existing != null ? existing.variant : e.currentRule().variant(headers));
                return new ReplaceStart(existing, c.oblige(s, key, headers, existing));
            }
            c.awaitSettled(key, slots, headers);
        }
    }
}
