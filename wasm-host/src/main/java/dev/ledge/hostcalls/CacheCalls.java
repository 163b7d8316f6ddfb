package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.cache.CacheBusyHandle;
import dev.ledge.cache.CacheHandle;
import dev.ledge.cache.CacheKey;
import dev.ledge.cache.CacheLookup;
import dev.ledge.cache.CachedObject;
import dev.ledge.cache.CoreCache;
import dev.ledge.cache.Obligation;
import dev.ledge.http.Body;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/**
 * {@code fastly_cache}: lookups, inserts and request-collapsing transactions of the core cache,
 * and the getters of a lookup's result. Replaces are in {@link CacheReplaceCalls}.
 */
final class CacheCalls {
    static final String M = "fastly_cache";

    private CacheCalls() {
    }

    static CoreCache cache(Session s) {
        return s.resource(CoreCache.class);
    }

    static CacheHandle handle(Session s, int h) {
        return s.handles().get(h, CacheHandle.class);
    }

    /** Hands out a cache handle; an obligation it still holds when the guest ends is released. */
    static int add(Session s, CacheHandle ch) {
        s.onExit(ch::release);
        return s.handles().add(ch);
    }

    /** Hands out the body the guest writes {@code o} through; unfinished when the guest ends, the object is abandoned. */
    static int writerBody(Session s, CachedObject o) {
        Body w = new Body();
        o.attachWriter(w);
        s.onExit(() -> {
            if (!w.isFinished()) {
                w.abandon();
            }
        });
        return s.handles().add(w);
    }

    static Obligation obligation(CacheHandle ch, String what) {
        Obligation ob = ch.openObligation();
        if (ob == null) {
            throw AbiError.badf("this cache handle holds no obligation to " + what);
        }
        return ob;
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "lookup", i32s(5), (s, a) -> {
            CacheOptionsReader.Lookup l = CacheOptionsReader.lookup(s, (int) a[0], (int) a[1], (int) a[2], (int) a[3]);
            s.memory().check((int) a[4], 4, "cache handle out");
            CacheLookup found = cache(s).lookup(l.key(), l.headers());
            s.memory().writeU32((int) a[4], add(s, new CacheHandle(found, l.alwaysUseRequestedRange())), "cache handle out");
            return 0;
        });
        r.fn(M, "insert", i32s(5), (s, a) -> {
            byte[] key = CacheOptionsReader.key(s, (int) a[0], (int) a[1]);
            CacheOptionsReader.Write w = CacheOptionsReader.write(s, (int) a[2], (int) a[3], false);
            s.memory().check((int) a[4], 4, "body handle out");
            String ns = CacheOptionsReader.CORE + (w.service() == null ? "" : w.service());
            CachedObject o = cache(s).insert(new CacheKey(ns, key), w.headers(), w.options());
            s.memory().writeU32((int) a[4], writerBody(s, o), "body handle out");
            return 0;
        });
        r.fn(M, "transaction_lookup", i32s(5), (s, a) -> {
            CacheOptionsReader.Lookup l = CacheOptionsReader.lookup(s, (int) a[0], (int) a[1], (int) a[2], (int) a[3]);
            s.memory().check((int) a[4], 4, "cache handle out");
            CacheLookup found = cache(s).transactionLookup(l.key(), l.headers(), true);
            s.memory().writeU32((int) a[4], add(s, new CacheHandle(found, l.alwaysUseRequestedRange())), "cache handle out");
            return 0;
        });
        r.fn(M, "transaction_lookup_async", i32s(5), (s, a) -> {
            CacheOptionsReader.Lookup l = CacheOptionsReader.lookup(s, (int) a[0], (int) a[1], (int) a[2], (int) a[3]);
            s.memory().check((int) a[4], 4, "busy handle out");
            CacheBusyHandle busy = CacheBusyHandle.start(cache(s), l.key(), l.headers(), l.alwaysUseRequestedRange());
            s.onExit(busy::release);
            s.memory().writeU32((int) a[4], s.handles().add(busy), "busy handle out");
            return 0;
        });
        r.fn(M, "cache_busy_handle_wait", i32s(2), (s, a) -> {
            CacheBusyHandle busy = s.handles().get((int) a[0], CacheBusyHandle.class);
            s.memory().check((int) a[1], 4, "cache handle out");
            s.memory().writeU32((int) a[1], add(s, busy.await()), "cache handle out");
            return 0;
        });
        registerWrites(r);
        r.fn(M, "close_busy", i32s(1), (s, a) -> {
            s.handles().take((int) a[0], CacheBusyHandle.class).release();
            return 0;
        });
        r.fn(M, "close", i32s(1), (s, a) -> {
            s.handles().take((int) a[0], CacheHandle.class).release();
            return 0;
        });
        r.fn(M, "get_state", i32s(2), (s, a) -> {
            CacheHandle ch = handle(s, (int) a[0]);
            s.memory().writeU32((int) a[1], ch.lookup().state(CacheObjectGetters.now(s)), "state out");
            return 0;
        });
        FoundView.Of view = (s, h) -> {
            CacheHandle ch = handle(s, h);
            return new FoundView(ch.found(), ch.lease(), ch.alwaysUseRequestedRange());
        };
        CacheObjectGetters.registerCommon(r, M, "", view);
        CacheObjectGetters.registerCore(r, "", view);
        CacheReplaceCalls.register(r);
    }

    private static void registerWrites(HostcallRegistry r) {
        r.fn(M, "transaction_insert", i32s(4), (s, a) -> {
            CacheHandle ch = handle(s, (int) a[0]);
            CacheOptionsReader.Write w = CacheOptionsReader.write(s, (int) a[1], (int) a[2], true);
            s.memory().check((int) a[3], 4, "body handle out");
            CachedObject o = obligation(ch, "insert").insert(w.options());
            s.memory().writeU32((int) a[3], writerBody(s, o), "body handle out");
            return 0;
        });
        r.fn(M, "transaction_insert_and_stream_back", i32s(5), (s, a) -> {
            CacheHandle ch = handle(s, (int) a[0]);
            CacheOptionsReader.Write w = CacheOptionsReader.write(s, (int) a[1], (int) a[2], true);
            GuestMemory m = s.memory();
            m.check((int) a[3], 4, "body handle out");
            m.check((int) a[4], 4, "cache handle out");
            CachedObject o = obligation(ch, "insert").insert(w.options());
            m.writeU32((int) a[3], writerBody(s, o), "body handle out");
            CacheHandle back = new CacheHandle(new CacheLookup(o, null), ch.alwaysUseRequestedRange());
            m.writeU32((int) a[4], add(s, back), "cache handle out");
            return 0;
        });
        r.fn(M, "transaction_update", i32s(3), (s, a) -> {
            CacheHandle ch = handle(s, (int) a[0]);
            CacheOptionsReader.Write w = CacheOptionsReader.write(s, (int) a[1], (int) a[2], true);
            Obligation ob = obligation(ch, "update");
            if (ob.existing() == null) {
                throw AbiError.badf("nothing was found to update; insert instead");
            }
            ob.update(w.options());
            return 0;
        });
        r.fn(M, "transaction_cancel", i32s(1), (s, a) -> {
            obligation(handle(s, (int) a[0]), "cancel").release();
            return 0;
        });
    }
}
