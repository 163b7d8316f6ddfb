package dev.ledge.crypto;

import com.nimbusds.jose.jwk.JWK;
import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.stores.ConfigStore;
import dev.ledge.stores.ConfigStores;
import dev.ledge.stores.Secret;
import dev.ledge.stores.SecretStore;
import dev.ledge.stores.SecretStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A service's part of {@code ledge_crypto}: the clock JWTs are checked against (replaceable by
 * tests) and the cache of JWK sets read from the service's secret and config stores.
 */
public final class CryptoService {
    private final JwksCache cache = new JwksCache();
    private volatile Clock clock;

    public CryptoService(Clock clock) {
        this.clock = clock;
    }

    /** Puts the service's crypto part (it has no configuration of its own) into {@code b}. */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        b.put(CryptoService.class, new CryptoService(Clock.systemUTC()));
    }

    /** Replaces the clock (tests move time to check "exp", "nbf" and the cache's lifetime). */
    public void useClock(Clock c) {
        this.clock = c;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Checks {@code token} with the JWK set from {@code source}; every failure is a JwtOutcome. */
    public JwtOutcome verifyJwt(String token, JwksSource source, String store, String entry, JwtOptions options,
                                SecretStores secrets, ConfigStores configs) {
        Instant now = now();
        return JwtVerifier.verify(token, options, () -> keys(source, store, entry, secrets, configs, now), now);
    }

    private List<JWK> keys(JwksSource source, String store, String entry, SecretStores secrets,
                           ConfigStores configs, Instant now) throws JwtVerifier.Refusal {
        if (source != JwksSource.INLINE) {
            List<JWK> cached = cache.get(source, store, entry, now);
            if (cached != null) {
                return cached;
            }
        }
        String text = source == JwksSource.INLINE ? entry : storedText(source, store, entry, secrets, configs);
        try {
            List<JWK> keys = JwkSets.parse(text);
            if (source != JwksSource.INLINE) {
                cache.put(source, store, entry, keys, now);
            }
            return keys;
        } catch (InvalidKeyDataException e) {
            throw new JwtVerifier.Refusal(JwtError.JWKS_INVALID, e.getMessage());
        }
    }

    private static String storedText(JwksSource source, String store, String entry, SecretStores secrets,
                                     ConfigStores configs) throws JwtVerifier.Refusal {
        if (source == JwksSource.SECRET_STORE) {
            SecretStore s = secrets.find(store);
            Secret secret = s == null ? null : s.find(entry);
            if (secret == null) {
                throw new JwtVerifier.Refusal(JwtError.STORE_MISSING, "no secret '" + entry + "' in secret store '" + store + "'");
            }
            return new String(secret.plaintext(), StandardCharsets.UTF_8);
        }
        ConfigStore c = configs.find(store);
        String value = c == null ? null : c.get(entry);
        if (value == null) {
            throw new JwtVerifier.Refusal(JwtError.STORE_MISSING, "no entry '" + entry + "' in config store '" + store + "'");
        }
        return value;
    }
}
