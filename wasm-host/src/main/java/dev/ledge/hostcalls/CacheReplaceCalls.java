package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.cache.CacheKey;
import dev.ledge.cache.CacheReplaceHandle;
import dev.ledge.cache.CachedObject;
import dev.ledge.cache.ReplaceStart;
import dev.ledge.cache.ReplaceStrategy;
import dev.ledge.http.HeaderMap;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/** The {@code replace} family of {@code fastly_cache}: replacing an object while reading the old one. */
final class CacheReplaceCalls {
    private CacheReplaceCalls() {
    }

    static CacheReplaceHandle handle(Session s, int h) {
        return s.handles().get(h, CacheReplaceHandle.class);
    }

    static void register(HostcallRegistry r) {
        String m = CacheCalls.M;
        r.fn(m, "replace", i32s(5), (s, a) -> {
            byte[] key = CacheOptionsReader.key(s, (int) a[0], (int) a[1]);
            int mask = (int) a[2];
            int opts = (int) a[3];
            CacheOptionsReader.checkMask(mask, 0x1f, "cache_replace_options_mask");
            GuestMemory mem = s.memory();
            HeaderMap headers = null;
            ReplaceStrategy strategy = ReplaceStrategy.IMMEDIATE;
            String service = "";
            if ((mask & 0xe) != 0) {
                mem.check(opts, 16, "replace options");
                if ((mask & 2) != 0) {
                    headers = CacheOptionsReader.requestHeaders(s, mem.readU32(opts, "request_headers"));
                }
                if ((mask & 4) != 0) {
                    int code = mem.readU32(opts + 4, "replace_strategy");
                    strategy = ReplaceStrategy.fromAbi(code);
                    if (strategy == null) {
                        throw AbiError.inval("replace strategy " + Integer.toUnsignedString(code) + " does not exist");
                    }
                }
                if ((mask & 8) != 0) {
                    service = mem.readUtf8(mem.readU32(opts + 8, "service_id"), mem.readU32(opts + 12, "service_id_len"), "service_id");
                }
            }
            mem.check((int) a[4], 4, "replace handle out");
            CacheKey cacheKey = new CacheKey(CacheOptionsReader.CORE + service, key);
            ReplaceStart start = CacheCalls.cache(s).replace(cacheKey, headers, strategy);
            CacheReplaceHandle rh = new CacheReplaceHandle(CacheCalls.cache(s), cacheKey, headers, start, (mask & 16) != 0);
            s.onExit(rh::release);
            mem.writeU32((int) a[4], s.handles().add(rh), "replace handle out");
            return 0;
        });
        r.fn(m, "replace_insert", i32s(4), (s, a) -> {
            handle(s, (int) a[0]);
            CacheOptionsReader.Write w = CacheOptionsReader.write(s, (int) a[1], (int) a[2], false);
            s.memory().check((int) a[3], 4, "body handle out");
            CacheReplaceHandle rh = s.handles().take((int) a[0], CacheReplaceHandle.class);
            CachedObject o = rh.insert(w.headers(), w.options());
            s.memory().writeU32((int) a[3], CacheCalls.writerBody(s, o), "body handle out");
            return 0;
        });
        r.fn(m, "replace_get_state", i32s(2), (s, a) -> {
            CacheReplaceHandle rh = handle(s, (int) a[0]);
            s.memory().writeU32((int) a[1], rh.state(CacheObjectGetters.now(s)), "state out");
            return 0;
        });
        FoundView.Of view = (s, h) -> {
            CacheReplaceHandle rh = handle(s, h);
            return new FoundView(rh.existing(), rh.lease(), rh.alwaysUseRequestedRange());
        };
        CacheObjectGetters.registerCommon(r, m, "replace_", view);
        CacheObjectGetters.registerCore(r, "replace_", view);
    }
}
