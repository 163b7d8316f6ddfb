package dev.ledge.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.util.Iterator;

/**
 * Configures a service's cache from fastly.toml. Fastly's local tool has no setting for it; Ledge
 * reads an optional {@code [local_server.cache]} table with {@code max_bytes}, the bound on the
 * bytes the in-memory cache holds (default 256 MiB), and {@code readthrough}, whether backend
 * GETs go through the cache as on Fastly (default true; false sends every one to the backend, as
 * Fastly's local tool does).
 */
public final class CacheConfig {
    static final String TABLE = "local_server.cache";

    private CacheConfig() {
    }

    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        CoreCache cache = new CoreCache(maxBytes(toml), new CacheClock());
        b.put(CoreCache.class, cache);
        b.put(ReadthroughSetting.class, new ReadthroughSetting(readthrough(toml)));
        // fastly_purge.purge_surrogate_key reaches both cache APIs through the one store.
        b.get(dev.ledge.purge.Purges.class).addListener((key, soft) -> cache.purgeSurrogateKey(key, soft));
    }

    static boolean readthrough(FastlyToml toml) {
        JsonNode t = toml.localServerTable("cache");
        JsonNode v = t == null ? null : t.get("readthrough");
        if (v == null) {
            return true;
        }
        if (!v.isBoolean()) {
            throw toml.error(TABLE, "readthrough", "must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    static long maxBytes(FastlyToml toml) {
        JsonNode t = toml.localServerTable("cache");
        if (t == null) {
            return CoreCache.DEFAULT_MAX_BYTES;
        }
        if (!t.isObject()) {
            throw toml.error("local_server", "cache", "must be a table");
        }
        for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("max_bytes") && !k.equals("readthrough")) {
                throw toml.error(TABLE, k, "unknown key (the cache table takes max_bytes and readthrough)");
            }
        }
        JsonNode v = t.get("max_bytes");
        if (v == null) {
            return CoreCache.DEFAULT_MAX_BYTES;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() <= 0) {
            throw toml.error(TABLE, "max_bytes", "must be a positive whole number of bytes, got " + v);
        }
        return v.asLong();
    }
}
