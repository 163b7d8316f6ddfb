package dev.ledge.hostcalls;

import dev.ledge.cache.CacheKey;
import dev.ledge.cache.ReadRange;
import dev.ledge.cache.SurrogateKeys;
import dev.ledge.cache.VaryRule;
import dev.ledge.cache.WriteOptions;
import dev.ledge.http.HeaderMap;
import dev.ledge.http.RequestHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/**
 * Reads the core cache's option records from guest memory (layouts in abi/spec/types.abi) and
 * checks them: unknown or reserved mask bits, bad lengths and bad values are {@code inval}.
 */
final class CacheOptionsReader {
    /** Namespace of the core cache keys of this service; another service's get its id after it. */
    static final String CORE = "core:";

    /** A core-cache key and what selects the variant. */
    record Lookup(CacheKey key, HeaderMap headers, boolean alwaysUseRequestedRange) {
    }

    /** Write options plus the request headers (and service) they were given with, if any. */
    record Write(WriteOptions options, HeaderMap headers, String service) {
    }

    private CacheOptionsReader() {
    }

    static void checkMask(int mask, int known, String what) {
        if ((mask & ~known) != 0 || (mask & 1) != 0) {
            throw AbiError.inval(what + " 0x" + Integer.toHexString(mask) + " sets reserved or unknown bits");
        }
    }

    static byte[] key(Session s, int ptr, int len) {
        if (Integer.toUnsignedLong(len) > CacheKey.MAX_LENGTH) {
            throw AbiError.inval("cache key of " + Integer.toUnsignedLong(len) + " bytes is longer than " + CacheKey.MAX_LENGTH);
        }
        return s.memory().read(ptr, len, "cache key");
    }

    static HeaderMap requestHeaders(Session s, int handle) {
        return s.handles().get(handle, RequestHead.class).headers.copy();
    }

    /** cache_lookup_options (12 bytes): request_headers @0, service_id @4/@8. */
    static Lookup lookup(Session s, int keyPtr, int keyLen, int mask, int opts) {
        checkMask(mask, 0xf, "cache_lookup_options_mask");
        byte[] key = key(s, keyPtr, keyLen);
        GuestMemory m = s.memory();
        HeaderMap headers = null;
        String service = "";
        if ((mask & 6) != 0) {
            m.check(opts, 12, "lookup options");
            if ((mask & 2) != 0) {
                headers = requestHeaders(s, m.readU32(opts, "request_headers"));
            }
            if ((mask & 4) != 0) {
                service = m.readUtf8(m.readU32(opts + 4, "service_id"), m.readU32(opts + 8, "service_id_len"), "service_id");
            }
        }
        return new Lookup(new CacheKey(CORE + service, key), headers, (mask & 8) != 0);
    }

    /** cache_write_options (80 bytes); {@code transactional} refuses request_headers and ignores service_id. */
    static Write write(Session s, int mask, int opts, boolean transactional) {
        checkMask(mask, 0x7ff, "cache_write_options_mask");
        GuestMemory m = s.memory();
        m.check(opts, 80, "write options");
        if (transactional && (mask & 2) != 0) {
            throw AbiError.inval("request_headers cannot be set here: they come from the lookup");
        }
        long maxAge = WriteOptions.clampU64(m.readU64(opts, "max_age_ns"));
        HeaderMap headers = (mask & 2) != 0 ? requestHeaders(s, m.readU32(opts + 8, "request_headers")) : null;
        VaryRule vary = (mask & 4) != 0 ? VaryRule.parse(bytes(m, opts + 12, "vary_rule")) : VaryRule.NONE;
        long initialAge = (mask & 8) != 0 ? WriteOptions.clampU64(m.readU64(opts + 24, "initial_age_ns")) : 0;
        long swr = (mask & 16) != 0 ? WriteOptions.clampU64(m.readU64(opts + 32, "stale_while_revalidate_ns")) : 0;
        SurrogateKeys keys = (mask & 32) != 0 ? SurrogateKeys.parse(bytes(m, opts + 40, "surrogate_keys")) : SurrogateKeys.NONE;
        long length = (mask & 64) != 0 ? WriteOptions.clampU64(m.readU64(opts + 48, "length")) : -1;
        byte[] meta = (mask & 128) != 0 ? bytes(m, opts + 56, "user_metadata") : new byte[0];
        long edgeMaxAge = maxAge;
        if ((mask & 512) != 0) {
            edgeMaxAge = WriteOptions.clampU64(m.readU64(opts + 64, "edge_max_age_ns"));
            if (edgeMaxAge > maxAge) {
                throw AbiError.inval("edge_max_age_ns " + edgeMaxAge + " is more than max_age_ns " + maxAge);
            }
        }
        String service = null;
        if ((mask & 1024) != 0 && !transactional) {
            service = m.readUtf8(m.readU32(opts + 72, "service_id"), m.readU32(opts + 76, "service_id_len"), "service_id");
        }
        WriteOptions o = new WriteOptions(maxAge, initialAge, swr, 0, edgeMaxAge, vary, keys, length, meta,
                (mask & 256) != 0, null, false);
        return new Write(o, headers, service);
    }

    /** cache_get_body_options (16 bytes): from @0, to @8; from after to is {@code inval}. */
    static ReadRange range(Session s, int mask, int opts, boolean alwaysUse) {
        checkMask(mask, 0x7, "cache_get_body_options_mask");
        if (mask == 0) {
            return new ReadRange(-1, -1, alwaysUse);
        }
        GuestMemory m = s.memory();
        m.check(opts, 16, "get_body options");
        long from = (mask & 2) != 0 ? WriteOptions.clampU64(m.readU64(opts, "from")) : -1;
        long to = (mask & 4) != 0 ? WriteOptions.clampU64(m.readU64(opts + 8, "to")) : -1;
        if (from >= 0 && to >= 0 && from > to) {
            throw AbiError.inval("the range starts at " + from + ", after its end " + to);
        }
        return new ReadRange(from, to, alwaysUse);
    }

    /** The bytes behind a (pointer @at, length @at+4) pair. */
    static byte[] bytes(GuestMemory m, int at, String what) {
        return m.read(m.readU32(at, what), m.readU32(at + 4, what + " length"), what);
    }
}
