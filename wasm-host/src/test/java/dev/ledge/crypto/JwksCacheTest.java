package dev.ledge.crypto;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsed JWK sets live at most five seconds, per source, store and entry. */
class JwksCacheTest {
    @Test
    void entriesExpireAfterTheTtl() throws Exception {
        JwksCache cache = new JwksCache();
        List<JWK> keys = JwkSets.parse("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        cache.put(JwksSource.SECRET_STORE, "s", "e", keys, t);
        assertSame(keys, cache.get(JwksSource.SECRET_STORE, "s", "e", t.plusSeconds(4)));
        assertNull(cache.get(JwksSource.CONFIG_STORE, "s", "e", t));
        assertNull(cache.get(JwksSource.SECRET_STORE, "s", "other", t));
        assertNull(cache.get(JwksSource.SECRET_STORE, "s", "e", t.plusSeconds(5)));
        assertNull(cache.get(JwksSource.SECRET_STORE, "s", "e", t));
    }
}
