package dev.ledge.hostcalls;

import dev.ledge.cache.CacheKey;
import dev.ledge.cache.SurrogateKeys;
import dev.ledge.cache.VaryRule;
import dev.ledge.cache.WriteOptions;
import dev.ledge.cache.http.HttpCachePolicy;
import dev.ledge.http.RequestHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/** Reads and checks the HTTP cache's option records (layouts in abi/spec/types.abi). */
final class HttpCacheOptionsReader {
    /** Namespace of HTTP cache keys in the shared store. */
    static final String HTTP = "http";

    private HttpCacheOptionsReader() {
    }

    /**
     * http_cache_lookup_options (16 bytes): override_key @0/@4, backend_name @8/@12. The key of the
     * lookup: the override, or the key suggested for the request. The backend name only has to be
     * valid UTF-8 until backends exist (Fastly's local tool also checks it names a backend).
     */
    static CacheKey lookupKey(Session s, RequestHead req, int mask, int opts) {
        CacheOptionsReader.checkMask(mask, 0x7, "http_cache_lookup_options_mask");
        GuestMemory m = s.memory();
        byte[] key = null;
        if ((mask & 6) != 0) {
            m.check(opts, 16, "lookup options");
            if ((mask & 2) != 0) {
                int len = m.readU32(opts + 4, "override_key_len");
                if (len == 0 || Integer.toUnsignedLong(len) > CacheKey.MAX_LENGTH) {
                    throw AbiError.inval("override key of " + Integer.toUnsignedLong(len) + " bytes; it takes 1 to "
                            + CacheKey.MAX_LENGTH);
                }
                key = m.read(m.readU32(opts, "override_key"), len, "override_key");
            }
            if ((mask & 4) != 0 && m.readUtf8(m.readU32(opts + 8, "backend_name"), m.readU32(opts + 12, "backend_name_len"),
                    "backend_name").isEmpty()) {
                throw AbiError.inval("empty backend name");
            }
        }
        return new CacheKey(HTTP, key != null ? key : HttpCachePolicy.suggestedKey(req));
    }

    /** http_cache_write_options (48 bytes); with {@code onlyMaxAgeAndVary}, the rest is not read. */
    static WriteOptions write(Session s, int mask, int opts, boolean onlyMaxAgeAndVary) {
        CacheOptionsReader.checkMask(mask, 0x7f, "http_cache_write_options_mask");
        GuestMemory m = s.memory();
        m.check(opts, 48, "write options");
        long maxAge = WriteOptions.clampU64(m.readU64(opts, "max_age_ns"));
        VaryRule vary = (mask & 2) != 0 ? VaryRule.parse(CacheOptionsReader.bytes(m, opts + 8, "vary_rule")) : VaryRule.NONE;
        if (onlyMaxAgeAndVary) {
            mask &= 2;
        }
        long initialAge = (mask & 4) != 0 ? WriteOptions.clampU64(m.readU64(opts + 16, "initial_age_ns")) : 0;
        long swr = (mask & 8) != 0 ? WriteOptions.clampU64(m.readU64(opts + 24, "stale_while_revalidate_ns")) : 0;
        SurrogateKeys keys = (mask & 16) != 0
                ? SurrogateKeys.parse(CacheOptionsReader.bytes(m, opts + 32, "surrogate_keys")) : SurrogateKeys.NONE;
        long length = (mask & 32) != 0 ? WriteOptions.clampU64(m.readU64(opts + 40, "length")) : -1;
        return new WriteOptions(maxAge, initialAge, swr, 0, maxAge, vary, keys, length, new byte[0], (mask & 64) != 0,
                null, false);
    }
}
