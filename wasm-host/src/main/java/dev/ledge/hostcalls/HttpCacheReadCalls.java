package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.cache.CachedObject;
import dev.ledge.cache.http.ClientResponse;
import dev.ledge.cache.http.HttpCacheHandle;
import dev.ledge.http.Body;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/** Reading what an HTTP-cache lookup found: the response, its state, and what it was stored with. */
final class HttpCacheReadCalls {
    private HttpCacheReadCalls() {
    }

    static CachedObject found(Session s, int h) {
        CachedObject o = HttpCacheCalls.handle(s, h).found();
        if (o == null) {
            throw AbiError.none("no response was found");
        }
        return o;
    }

    static void register(HostcallRegistry r) {
        String m = HttpCacheCalls.M;
        r.fn(m, "get_found_response", i32s(4), (s, a) -> {
            HttpCacheHandle hc = HttpCacheCalls.handle(s, (int) a[0]);
            int transform = (int) a[1];
            if (transform != 0 && transform != 1) {
                throw AbiError.inval("transform_for_client must be 0 or 1, not " + Integer.toUnsignedString(transform));
            }
            GuestMemory mem = s.memory();
            mem.check((int) a[2], 4, "response handle out");
            mem.check((int) a[3], 4, "body handle out");
            CachedObject o = found(s, (int) a[0]);
            ClientResponse cr = ClientResponse.of(o, hc.request(), transform == 1, CacheObjectGetters.now(s));
            Body body = cr.range() == null ? new Body() : o.openBody(cr.range());
            mem.writeU32((int) a[2], s.handles().add(cr.head()), "response handle out");
            mem.writeU32((int) a[3], s.handles().add(body), "body handle out");
            return 0;
        });
        r.fn(m, "get_state", i32s(2), (s, a) -> {
            HttpCacheHandle hc = HttpCacheCalls.handle(s, (int) a[0]);
            s.memory().writeU32((int) a[1], hc.state(CacheObjectGetters.now(s)), "state out");
            return 0;
        });
        CacheObjectGetters.registerCommon(r, m, "", (s, h) -> new FoundView(HttpCacheCalls.handle(s, h).found(), null, false));
        r.fn(m, "get_stale_if_error_ns", i32s(2), (s, a) -> {
            CachedObject o = found(s, (int) a[0]);
            s.memory().writeU64((int) a[1], o.options().staleIfErrorNs(), "stale_if_error out");
            return 0;
        });
        r.fn(m, "get_sensitive_data", i32s(2), (s, a) -> {
            CachedObject o = found(s, (int) a[0]);
            s.memory().writeU32((int) a[1], o.options().sensitive() ? 1 : 0, "is_sensitive out");
            return 0;
        });
        r.fn(m, "get_surrogate_keys", i32s(4), (s, a) -> {
            CachedObject o = found(s, (int) a[0]);
            s.memory().writeSized(o.options().surrogateKeys().toAbi(), (int) a[1], (int) a[2], (int) a[3]);
            return 0;
        });
        r.fn(m, "get_vary_rule", i32s(4), (s, a) -> {
            CachedObject o = found(s, (int) a[0]);
            s.memory().writeSized(o.options().varyRule().toAbi(), (int) a[1], (int) a[2], (int) a[3]);
            return 0;
        });
    }
}
