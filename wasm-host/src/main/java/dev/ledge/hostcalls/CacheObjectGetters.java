package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.cache.CachedObject;
import dev.ledge.cache.CoreCache;
import dev.ledge.cache.ReadRange;
import dev.ledge.http.Body;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;
import java.util.function.ToLongBiFunction;

/**
 * The getters every kind of cache handle shares ({@code get_length}, {@code get_max_age_ns},
 * {@code get_stale_while_revalidate_ns}, {@code get_age_ns}, {@code get_hits}) and those of the
 * core cache's handles ({@code get_user_metadata}, {@code get_body}); {@code none} when nothing was found.
 */
final class CacheObjectGetters {
    private CacheObjectGetters() {
    }

    static void registerCommon(HostcallRegistry r, String module, String prefix, FoundView.Of view) {
        u64(r, module, prefix + "get_length", view, (s, o) -> {
            long len = o.length();
            if (len < 0) {
                throw AbiError.none("the object's length is not known yet");
            }
            return len;
        });
        u64(r, module, prefix + "get_max_age_ns", view, (s, o) -> o.options().maxAgeNs());
        u64(r, module, prefix + "get_stale_while_revalidate_ns", view, (s, o) -> o.options().staleWhileRevalidateNs());
        u64(r, module, prefix + "get_age_ns", view, (s, o) -> Math.max(0, o.ageNs(now(s))));
        u64(r, module, prefix + "get_hits", view, (s, o) -> o.hits());
    }

    static void registerCore(HostcallRegistry r, String prefix, FoundView.Of view) {
        r.fn(CacheCalls.M, prefix + "get_user_metadata", i32s(4), (s, a) -> {
            CachedObject o = view.of(s, (int) a[0]).require();
            s.memory().writeSized(o.options().userMetadata(), (int) a[1], (int) a[2], (int) a[3]);
            return 0;
        });
        r.fn(CacheCalls.M, prefix + "get_body", i32s(4), (s, a) -> {
            FoundView v = view.of(s, (int) a[0]);
            ReadRange range = CacheOptionsReader.range(s, (int) a[1], (int) a[2], v.alwaysUseRequestedRange());
            s.memory().check((int) a[3], 4, "body handle out");
            CachedObject o = v.require();
            v.lease().checkFree(s.handles());
            Body b = o.openBody(range);
            int h = s.handles().add(b);
            v.lease().lend(h, b);
            s.memory().writeU32((int) a[3], h, "body handle out");
            return 0;
        });
    }

    static long now(Session s) {
        return s.resource(CoreCache.class).clock().nanos();
    }

    private static void u64(HostcallRegistry r, String module, String name, FoundView.Of view,
                            ToLongBiFunction<Session, CachedObject> value) {
        r.fn(module, name, i32s(2), (s, a) -> {
            FoundView v = view.of(s, (int) a[0]);
            s.memory().check((int) a[1], 8, name + " out");
            s.memory().writeU64((int) a[1], value.applyAsLong(s, v.require()), name + " out");
            return 0;
        });
    }
}
