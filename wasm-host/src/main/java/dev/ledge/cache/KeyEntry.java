package dev.ledge.cache;

import dev.ledge.http.HeaderMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Everything stored under one cache key: the vary rules seen for it (most recently written first)
 * and one slot per variant. Guarded by the store's lock.
 */
final class KeyEntry {
    final CacheKey key;
    final ArrayDeque<VaryRule> rules = new ArrayDeque<>();
    final Map<String, Slot> slots = new HashMap<>();

    KeyEntry(CacheKey key) {
        this.key = key;
    }

    /** One variant: the object stored for it, the client obliged to fill it, and the clients waiting. */
    static final class Slot {
        final String variant;
        CachedObject object;
        Obligation obligation;
        final List<Waiter> waiters = new ArrayList<>();

        Slot(String variant) {
            this.variant = variant;
        }

        boolean isEmpty() {
            return object == null && obligation == null && waiters.isEmpty();
        }
    }

    /** A client blocked in a transactional lookup until an obligation it waits on is settled. */
    static final class Waiter {
        final HeaderMap headers;
        boolean woken;
        CachedObject delivered;

        Waiter(HeaderMap headers) {
            this.headers = headers;
        }
    }

    /** The slots a request with these headers may be served from, in rule order. */
    List<Slot> candidates(HeaderMap headers) {
        LinkedHashSet<Slot> out = new LinkedHashSet<>();
        for (VaryRule r : rules) {
            Slot s = slots.get(r.variant(headers));
            if (s != null) {
                out.add(s);
            }
        }
        return new ArrayList<>(out);
    }

    /** The slot of {@code variant}, created when absent. */
    Slot slot(String variant) {
        return slots.computeIfAbsent(variant, Slot::new);
    }

    /** Makes {@code rule} the first rule tried. */
    void promote(VaryRule rule) {
        rules.remove(rule);
        rules.addFirst(rule);
    }

    /** The rule a new obligation is placed under: the most recent one, or no variance at all. */
    VaryRule currentRule() {
        if (rules.isEmpty()) {
            rules.addFirst(VaryRule.NONE);
        }
        return rules.peekFirst();
    }

    /** Drops {@code s} when nothing uses it any more; true when the whole entry is then empty. */
    boolean dropIfEmpty(Slot s) {
        if (s.isEmpty() && slots.get(s.variant) == s) {
            slots.remove(s.variant);
        }
        return slots.isEmpty();
    }
}
