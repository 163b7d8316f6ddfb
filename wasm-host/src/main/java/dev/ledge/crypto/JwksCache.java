package dev.ledge.crypto;

import com.nimbusds.jose.jwk.JWK;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed JWK sets by store and entry, each kept for at most {@link #TTL} so that a set is not
 * parsed on every request. Only sets that parsed are kept, so its size is bounded by the entries
 * configured in fastly.toml.
 */
final class JwksCache {
    static final Duration TTL = Duration.ofSeconds(5);

    private record Key(JwksSource source, String store, String entry) {
    }

    private record Entry(List<JWK> keys, Instant loadedAt) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The cached keys, or {@code null} when absent or older than the TTL at {@code now}. */
    List<JWK> get(JwksSource source, String store, String entry, Instant now) {
        Key k = new Key(source, store, entry);
        Entry e = entries.get(k);
        if (e == null) {
            return null;
        }
        if (!now.isBefore(e.loadedAt.plus(TTL)) || now.isBefore(e.loadedAt)) {
            entries.remove(k, e);
            return null;
        }
        return e.keys;
    }

    void put(JwksSource source, String store, String entry, List<JWK> keys, Instant now) {
        entries.put(new Key(source, store, entry), new Entry(keys, now));
    }
}
