package dev.ledge.cache;

import dev.ledge.http.HeaderMap;
import dev.ledge.session.AbiError;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's cache, in memory and shared by all its requests: objects under keys and variants,
 * request collapsing for transactional lookups, surrogate-key purges, and a bound on the bytes
 * held (least recently used objects go first). One lock guards it all; transactional lookups
 * that must wait for another client block their guest thread on it.
 */
public final class CoreCache {
    /** The default bound on the bytes held. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    final Object lock = new Object();
    private final Map<CacheKey, KeyEntry> entries = new HashMap<>();
    private final Map<String, Set<CachedObject>> bySurrogateKey = new HashMap<>();
    private final LruIndex lru = new LruIndex();
    private final CacheClock clock;
    private final long maxBytes;
    private int waiting;

    public CoreCache(long maxBytes, CacheClock clock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the cache needs room for at least one byte");
        }
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public CacheClock clock() {
        return clock;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes counted against the bound now. */
    public long usedBytes() {
        synchronized (lock) {
            return lru.total();
        }
    }

    /** Objects stored now. */
    public int objectCount() {
        synchronized (lock) {
            return lru.count();
        }
    }

    /** Transactional lookups blocked behind another client's obligation right now. */
    public int waitingLookups() {
        synchronized (lock) {
            return waiting;
        }
    }

    /** Looks {@code key} up without joining request collapsing: the usable object, if any. */
    public CacheLookup lookup(CacheKey key, HeaderMap headers) {
        synchronized (lock) {
            long now = clock.nanos();
            CachedObject best = null;
            for (KeyEntry.Slot s : live(key, headers, now)) {
                CachedObject o = s.object;
                if (o != null && !o.options().hitForPass() && o.isUsable(now)) {
                    if (o.isFresh(now)) {
                        best = o;
                        break;
                    }
                    best = best == null ? o : best;
                }
            }
            dev.ledge.ops.Metrics.global().cacheLookup(best != null);
            return best == null ? CacheLookup.EMPTY : new CacheLookup(hit(best), null);
        }
    }

    /**
     * Looks {@code key} up as part of request collapsing. A fresh object is found; a stale but
     * usable one is found together with the obligation to refresh it (unless another client has
     * it); otherwise this client gets the obligation to insert, or, when another client holds it,
     * waits for that client ({@code wait}) or returns with neither (not {@code wait}).
     */
    public CacheLookup transactionLookup(CacheKey key, HeaderMap headers, boolean wait) throws InterruptedException {
        CacheLookup answer = collapsingLookup(key, headers, wait);
        dev.ledge.ops.Metrics.global().cacheLookup(answer.found() != null);
        return answer;
    }

    private CacheLookup collapsingLookup(CacheKey key, HeaderMap headers, boolean wait) throws InterruptedException {
        synchronized (lock) {
            while (true) {
                long now = clock.nanos();
                List<KeyEntry.Slot> slots = live(key, headers, now);
                CacheLookup answer = TransactionRules.decide(this, entry(key), slots, headers, now);
                if (answer != null) {
                    return answer;
                }
                if (!wait) {
                    dropIfUnused(key);
                    return CacheLookup.EMPTY;
                }
                CachedObject delivered = awaitSettled(key, slots, headers);
                if (delivered != null) {
                    return new CacheLookup(hit(delivered), null);
                }
            }
        }
    }

    /** Stores a new object without collapsing (last writer wins); the caller writes its body. */
    public CachedObject insert(CacheKey key, HeaderMap headers, WriteOptions options) {
        synchronized (lock) {
            return place(key, headers, options, newBody(options));
        }
    }

    /** Starts a replace of {@code key}; see {@link ReplaceStrategy}. */
    public ReplaceStart replace(CacheKey key, HeaderMap headers, ReplaceStrategy strategy) throws InterruptedException {
        synchronized (lock) {
            return ReplaceRules.start(this, key, headers, strategy);
        }
    }

    /**
     * Purges every object stored with {@code surrogateKey}: removes it, or with {@code soft} marks
     * it stale so it can still be served while revalidated. Returns how many objects it touched.
     */
    public int purgeSurrogateKey(String surrogateKey, boolean soft) {
        synchronized (lock) {
            Set<CachedObject> set = bySurrogateKey.get(surrogateKey);
            if (set == null) {
                return 0;
            }
            List<CachedObject> hits = List.copyOf(set);
            long now = clock.nanos();
            for (CachedObject o : hits) {
                if (soft) {
                    o.markStale(now);
                } else {
                    remove(o);
                }
            }
            return hits.size();
        }
    }

    // ---- used by the rules, obligations and object bodies; the lock is held ----

    KeyEntry entry(CacheKey key) {
        return entries.computeIfAbsent(key, KeyEntry::new);
    }

    CachedObject hit(CachedObject o) {
        o.hit();
        lru.touch(o);
        return o;
    }

    Obligation oblige(KeyEntry.Slot slot, CacheKey key, HeaderMap headers, CachedObject existing) {
        Obligation ob = new Obligation(this, key, slot, headers, existing);
        if (slot != null) {
            slot.obligation = ob;
        }
        return ob;
    }

    /** The candidate slots of {@code key}, after dropping objects that are no longer kept. */
    List<KeyEntry.Slot> live(CacheKey key, HeaderMap headers, long now) {
        KeyEntry e = entries.get(key);
        if (e == null) {
            return List.of();
        }
        List<KeyEntry.Slot> slots = e.candidates(headers);
        for (KeyEntry.Slot s : slots) {
            if (s.object != null && !s.object.isRetained(now)) {
                remove(s.object);
            }
        }
        return slots;
    }

    /** Blocks until an obligation on one of {@code slots} is settled; the object it delivered, if any. */
    CachedObject awaitSettled(CacheKey key, List<KeyEntry.Slot> slots, HeaderMap headers) throws InterruptedException {
        KeyEntry.Waiter w = new KeyEntry.Waiter(headers);
        List<KeyEntry.Slot> busy = slots.stream().filter(s -> s.obligation != null).toList();
        for (KeyEntry.Slot s : busy) {
            s.waiters.add(w);
        }
        waiting++;
        try {
            while (!w.woken) {
                lock.wait();
            }
        } finally {
            waiting--;
            for (KeyEntry.Slot s : busy) {
                s.waiters.remove(w);
            }
            busy.forEach(s -> dropIfEmpty(key, s));
        }
        return w.delivered;
    }

    CachedObject fulfil(Obligation ob, HeaderMap headers, WriteOptions options, boolean update) {
        synchronized (lock) {
            if (ob.settled) {
                throw AbiError.badf("this handle's obligation has already been settled");
            }
            CachedObject obj;
            if (update) {
                if (ob.existing == null) {
                    throw AbiError.badf("nothing was found to update");
                }
                remove(ob.existing);
                obj = place(ob.key, ob.requestHeaders, options, ob.existing.body);
            } else {
                obj = place(ob.key, headers != null ? headers : ob.requestHeaders, options, newBody(options));
            }
            settle(ob, obj);
            return obj;
        }
    }

    void release(Obligation ob) {
        synchronized (lock) {
            if (!ob.settled) {
                settle(ob, null);
            }
        }
    }

    private void settle(Obligation ob, CachedObject delivered) {
        ob.settled = true;
        KeyEntry.Slot s = ob.slot;
        if (s == null || s.obligation != ob) {
            return;
        }
        s.obligation = null;
        for (KeyEntry.Waiter w : s.waiters) {
            if (delivered != null && !delivered.options().hitForPass()
                    && delivered.variant.equals(delivered.options().varyRule().variant(w.headers))) {
                w.delivered = delivered;
            }
            w.woken = true;
        }
        lock.notifyAll();
        dropIfEmpty(ob.key, s);
    }

    /** The body of a new object: empty and complete for a hit-for-pass record, else to be written. */
    private ObjectBody newBody(WriteOptions options) {
        return options.hitForPass() ? ObjectBody.empty(this) : new ObjectBody(this, options.length());
    }

    private CachedObject place(CacheKey key, HeaderMap headers, WriteOptions options, ObjectBody body) {
        CachedObject obj = new CachedObject(key, headers, options, body, clock.nanos());
        KeyEntry old = entries.get(key);
        KeyEntry.Slot previous = old == null ? null : old.slots.get(obj.variant);
        if (previous != null && previous.object != null) {
            remove(previous.object);
        }
        KeyEntry e = entry(key);
        e.promote(options.varyRule());
        e.slot(obj.variant).object = obj;
        index(obj);
        return obj;
    }

    private void index(CachedObject o) {
        o.indexed = true;
        o.body.owner = o;
        lru.add(o, o.metadataBytes() + o.body.size());
        for (String k : o.options().surrogateKeys().keys()) {
            bySurrogateKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(o);
        }
        evictOverflow();
    }

    /** Takes {@code o} out of the store (readers that have it keep reading). */
    void remove(CachedObject o) {
        if (!o.indexed) {
            return;
        }
        o.indexed = false;
        if (o.body.owner == o) {
            o.body.owner = null;
        }
        lru.remove(o);
        for (String k : o.options().surrogateKeys().keys()) {
            Set<CachedObject> set = bySurrogateKey.get(k);
            if (set != null && set.remove(o) && set.isEmpty()) {
                bySurrogateKey.remove(k);
            }
        }
        KeyEntry e = entries.get(o.key);
        KeyEntry.Slot s = e == null ? null : e.slots.get(o.variant);
        if (s != null && s.object == o) {
            s.object = null;
            dropIfEmpty(o.key, s);
        }
    }

    /** Forgets {@code s} when nothing uses it, and the key's entry when it has no slot left. */
    void dropIfEmpty(CacheKey key, KeyEntry.Slot s) {
        KeyEntry e = entries.get(key);
        if (e != null && e.dropIfEmpty(s)) {
            entries.remove(key);
        }
    }

    void dropIfUnused(CacheKey key) {
        KeyEntry e = entries.get(key);
        if (e != null && e.slots.isEmpty()) {
            entries.remove(key);
        }
    }

    private void evictOverflow() {
        while (lru.total() > maxBytes) {
            CachedObject eldest = lru.eldest();
            if (eldest == null) {
                return;
            }
            remove(eldest);
        }
    }

    void bodyGrew(ObjectBody body, long n) {
        if (body.owner != null && body.owner.indexed) {
            lru.grow(body.owner, n);
            evictOverflow();
        }
    }

    void bodyFailed(ObjectBody body, long freed) {
        CachedObject o = body.owner;
        if (o != null && o.indexed) {
            lru.grow(o, -freed);
            remove(o);
        }
    }
}
