package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.cache.CachedObject;
import dev.ledge.cache.VaryRule;
import dev.ledge.cache.http.HttpCacheHandle;
import dev.ledge.cache.http.HttpCachePolicy;
import dev.ledge.cache.http.Revalidation;
import dev.ledge.cache.http.StorageAction;
import dev.ledge.cache.http.Suggestion;
import dev.ledge.http.RequestHead;
import dev.ledge.http.ResponseHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/**
 * The HTTP cache's suggestions: whether a request may use the cache, its key, the request to send
 * to the backend, the options to store a response with, and whether to store it at all.
 */
final class HttpCacheSuggestionCalls {
    private HttpCacheSuggestionCalls() {
    }

    static long nowEpochSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    static void register(HostcallRegistry r) {
        String m = HttpCacheCalls.M;
        r.fn(m, "is_request_cacheable", i32s(2), (s, a) -> {
            RequestHead req = HttpReqCalls.request(s, (int) a[0]);
            s.memory().writeU32((int) a[1], HttpCachePolicy.isRequestCacheable(req) ? 1 : 0, "is_cacheable out");
            return 0;
        });
        r.fn(m, "get_suggested_cache_key", i32s(4), (s, a) -> {
            RequestHead req = HttpReqCalls.request(s, (int) a[0]);
            s.memory().writeSized(HttpCachePolicy.suggestedKey(req), (int) a[1], (int) a[2], (int) a[3]);
            return 0;
        });
        r.fn(m, "get_suggested_backend_request", i32s(2), (s, a) -> {
            HttpCacheHandle hc = HttpCacheCalls.handle(s, (int) a[0]);
            s.memory().check((int) a[1], 4, "request handle out");
            RequestHead backend = Revalidation.backendRequest(hc.request(), hc.stored());
            backend.filledByGuest = true;
            s.memory().writeU32((int) a[1], s.handles().add(backend), "request handle out");
            return 0;
        });
        r.fn(m, "get_suggested_cache_options", i32s(6), HttpCacheSuggestionCalls::suggestOptions);
        r.fn(m, "prepare_response_for_storage", i32s(4), (s, a) -> {
            HttpCacheHandle hc = HttpCacheCalls.handle(s, (int) a[0]);
            HttpRespCalls.response(s, (int) a[1]);
            GuestMemory mem = s.memory();
            mem.check((int) a[2], 4, "storage action out");
            mem.check((int) a[3], 4, "response handle out");
            ResponseHead resp = s.handles().take((int) a[1], ResponseHead.class);
            CachedObject stored = hc.stored();
            StorageAction action;
            if (resp.status == 304 && stored != null && stored.options().response() != null) {
                resp = Revalidation.merge(stored.options().response(), resp);
                action = StorageAction.UPDATE;
            } else {
                action = HttpCachePolicy.storageAction(hc.request(), resp, nowEpochSeconds());
            }
            mem.writeU32((int) a[2], action.code(), "storage action out");
            mem.writeU32((int) a[3], s.handles().add(resp), "response handle out");
            return 0;
        });
    }

    /**
     * get_suggested_cache_options: max_age always; of the other options those asked for in the
     * mask. The vary rule and surrogate keys go into the guest's buffers named in {@code options};
     * when one is too short its length field in {@code options_out} says how long it must be, and
     * the call answers buflen.
     */
    private static int suggestOptions(Session s, long[] a) {
        HttpCacheCalls.handle(s, (int) a[0]);
        ResponseHead resp = HttpRespCalls.response(s, (int) a[1]);
        int wanted = (int) a[2];
        int in = (int) a[3];
        int maskOut = (int) a[4];
        int out = (int) a[5];
        CacheOptionsReader.checkMask(wanted, 0x7f, "http_cache_write_options_mask");
        GuestMemory m = s.memory();
        m.check(maskOut, 4, "options_mask_out");
        m.check(out, 48, "options_out");
        if ((wanted & (2 | 16)) != 0) {
            m.check(in, 48, "options");
        }
        if ((wanted & 2) != 0) {
            m.check(m.readU32(in + 8, "vary_rule_ptr"), m.readU32(in + 12, "vary_rule_len"), "vary rule buffer");
        }
        if ((wanted & 16) != 0) {
            m.check(m.readU32(in + 32, "surrogate_keys_ptr"), m.readU32(in + 36, "surrogate_keys_len"), "surrogate keys buffer");
        }
        Suggestion sg = HttpCachePolicy.suggest(resp, nowEpochSeconds());
        byte[] vary = (sg.varyRule() == null ? VaryRule.NONE : sg.varyRule()).toAbi();
        byte[] keys = sg.surrogateKeys().toAbi();
        int present = 0;
        boolean tooShort = false;
        m.writeU64(out, sg.maxAgeNs(), "max_age_ns");
        if ((wanted & 2) != 0) {
            tooShort |= !fill(m, in + 8, out + 8, vary);
            present |= 2;
        }
        if ((wanted & 4) != 0) {
            m.writeU64(out + 16, sg.initialAgeNs(), "initial_age_ns");
            present |= 4;
        }
        if ((wanted & 8) != 0) {
            m.writeU64(out + 24, sg.staleWhileRevalidateNs(), "stale_while_revalidate_ns");
            present |= 8;
        }
        if ((wanted & 16) != 0) {
            tooShort |= !fill(m, in + 32, out + 32, keys);
            present |= 16;
        }
        if ((wanted & 32) != 0 && sg.length() >= 0) {
            m.writeU64(out + 40, sg.length(), "length");
            present |= 32;
        }
        if ((wanted & 64) != 0 && sg.sensitive()) {
            present |= 64;
        }
        m.writeU32(maskOut, present, "options_mask_out");
        if (tooShort) {
            throw new AbiError(Status.BUFLEN, "a buffer for the suggested options is too short");
        }
        return 0;
    }

    /**
     * Copies {@code value} into the buffer whose (pointer, length) is at {@code in}; writes the
     * pointer and the length used (or needed) at {@code out}. False when the buffer is too short.
     */
    private static boolean fill(GuestMemory m, int in, int out, byte[] value) {
        int ptr = m.readU32(in, "buffer pointer");
        long cap = Integer.toUnsignedLong(m.readU32(in + 4, "buffer length"));
        m.writeU32(out + 4, value.length, "buffer length out");
        if (cap < value.length) {
            return false;
        }
        m.write(ptr, value, "buffer");
        m.writeU32(out, ptr, "buffer pointer out");
        return true;
    }
}
