package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.cache.CacheKey;
import dev.ledge.cache.CacheLookup;
import dev.ledge.cache.CachedObject;
import dev.ledge.cache.CoreCache;
import dev.ledge.cache.Obligation;
import dev.ledge.cache.StoredResponse;
import dev.ledge.cache.WriteOptions;
import dev.ledge.cache.http.HttpCacheHandle;
import dev.ledge.cache.http.HttpCachePolicy;
import dev.ledge.http.RequestHead;
import dev.ledge.http.ResponseHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/**
 * {@code fastly_http_cache}: lookups and transactions of the HTTP cache, which stores response
 * heads and bodies in the same store as the core cache. Suggestions are in
 * {@link HttpCacheSuggestionCalls}, reading what was found in {@link HttpCacheReadCalls}.
 */
final class HttpCacheCalls {
    static final String M = "fastly_http_cache";

    private HttpCacheCalls() {
    }

    static HttpCacheHandle handle(Session s, int h) {
        return s.handles().get(h, HttpCacheHandle.class);
    }

    static int add(Session s, HttpCacheHandle hc) {
        s.onExit(hc::release);
        return s.handles().add(hc);
    }

    static Obligation obligation(HttpCacheHandle hc, String what) {
        Obligation ob = hc.openObligation();
        if (ob == null) {
            throw AbiError.badf("this HTTP-cache handle holds no obligation to " + what);
        }
        return ob;
    }

    /** The options to store {@code resp} with: the guest's, plus the response head and its stale-if-error. */
    static WriteOptions withResponse(WriteOptions o, ResponseHead resp) {
        return o.withResponse(StoredResponse.of(resp), HttpCachePolicy.suggest(resp, 0).staleIfErrorNs());
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "lookup", i32s(4), (s, a) -> lookup(s, a, false));
        r.fn(M, "transaction_lookup", i32s(4), (s, a) -> lookup(s, a, true));
        r.fn(M, "transaction_insert", i32s(5), (s, a) -> {
            HttpCacheHandle hc = handle(s, (int) a[0]);
            HttpRespCalls.response(s, (int) a[1]);
            WriteOptions o = HttpCacheOptionsReader.write(s, (int) a[2], (int) a[3], false);
            s.memory().check((int) a[4], 4, "body handle out");
            Obligation ob = obligation(hc, "insert");
            ResponseHead resp = s.handles().take((int) a[1], ResponseHead.class);
            s.memory().writeU32((int) a[4], CacheCalls.writerBody(s, ob.insert(withResponse(o, resp))), "body handle out");
            return 0;
        });
        r.fn(M, "transaction_insert_and_stream_back", i32s(6), (s, a) -> {
            HttpCacheHandle hc = handle(s, (int) a[0]);
            HttpRespCalls.response(s, (int) a[1]);
            WriteOptions o = HttpCacheOptionsReader.write(s, (int) a[2], (int) a[3], false);
            GuestMemory m = s.memory();
            m.check((int) a[4], 4, "body handle out");
            m.check((int) a[5], 4, "cache handle out");
            Obligation ob = obligation(hc, "insert");
            ResponseHead resp = s.handles().take((int) a[1], ResponseHead.class);
            CachedObject obj = ob.insert(withResponse(o, resp));
            m.writeU32((int) a[4], CacheCalls.writerBody(s, obj), "body handle out");
            m.writeU32((int) a[5], add(s, new HttpCacheHandle(hc.request(), new CacheLookup(obj, null))), "cache handle out");
            return 0;
        });
        r.fn(M, "transaction_update", i32s(4), (s, a) -> {
            update(s, a, false);
            return 0;
        });
        r.fn(M, "transaction_update_and_return_fresh", i32s(5), (s, a) -> {
            update(s, a, true);
            return 0;
        });
        r.fn(M, "transaction_record_not_cacheable", i32s(3), (s, a) -> {
            HttpCacheHandle hc = handle(s, (int) a[0]);
            WriteOptions o = HttpCacheOptionsReader.write(s, (int) a[1], (int) a[2], true);
            obligation(hc, "insert").insert(o.asHitForPass());
            return 0;
        });
        r.fn(M, "transaction_abandon", i32s(1), (s, a) -> {
            handle(s, (int) a[0]).release();
            return 0;
        });
        r.fn(M, "transaction_choose_stale", i32s(1), (s, a) -> {
            handle(s, (int) a[0]).chooseStale(CacheObjectGetters.now(s));
            return 0;
        });
        r.fn(M, "close", i32s(1), (s, a) -> {
            s.handles().take((int) a[0], HttpCacheHandle.class).release();
            return 0;
        });
        HttpCacheSuggestionCalls.register(r);
        HttpCacheReadCalls.register(r);
    }

    private static int lookup(Session s, long[] a, boolean transactional) throws InterruptedException {
        RequestHead req = HttpReqCalls.request(s, (int) a[0]);
        CacheKey key = HttpCacheOptionsReader.lookupKey(s, req, (int) a[1], (int) a[2]);
        s.memory().check((int) a[3], 4, "cache handle out");
        RequestHead copy = copyOf(req);
        CoreCache cache = s.resource(CoreCache.class);
        CacheLookup found = transactional ? cache.transactionLookup(key, copy.headers, true) : cache.lookup(key, copy.headers);
        s.memory().writeU32((int) a[3], add(s, new HttpCacheHandle(copy, found)), "cache handle out");
        return 0;
    }

    /** transaction_update, or with {@code returnFresh} ..._and_return_fresh (new handle out at a[4]). */
    private static void update(Session s, long[] a, boolean returnFresh) {
        HttpCacheHandle hc = handle(s, (int) a[0]);
        HttpRespCalls.response(s, (int) a[1]);
        WriteOptions o = HttpCacheOptionsReader.write(s, (int) a[2], (int) a[3], false);
        if (returnFresh) {
            s.memory().check((int) a[4], 4, "cache handle out");
        }
        Obligation ob = obligation(hc, "update");
        if (ob.existing() == null) {
            throw AbiError.badf("no stored response was found to update; insert instead");
        }
        ResponseHead resp = s.handles().take((int) a[1], ResponseHead.class);
        CachedObject obj = ob.update(withResponse(o, resp));
        if (returnFresh) {
            s.memory().writeU32((int) a[4], add(s, new HttpCacheHandle(hc.request(), new CacheLookup(obj, null))), "cache handle out");
        }
    }

    static RequestHead copyOf(RequestHead req) {
        RequestHead c = new RequestHead(req.headers.copy());
        c.method = req.method;
        c.uri = req.uri;
        c.version = req.version;
        return c;
    }
}
