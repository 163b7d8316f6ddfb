package dev.ledge.cache.http;

import dev.ledge.cache.SurrogateKeys;
import dev.ledge.cache.VaryRule;
import dev.ledge.http.HeaderMap;
import dev.ledge.http.RequestHead;
import dev.ledge.http.ResponseHead;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The HTTP cache's suggestions, after RFC 9111 and Fastly's defaults: which requests may use the
 * cache, the cache key of a request, the options a response should be stored with, and whether to
 * store it at all. Freshness comes from Surrogate-Control max-age, then Cache-Control s-maxage,
 * then max-age, then Expires; without any, a heuristically cacheable status gets Fastly's default
 * of one hour.
 */
public final class HttpCachePolicy {
    /** Fastly's default freshness for a cacheable response without explicit freshness. */
    public static final long DEFAULT_TTL_SECONDS = 3600;
    /** Statuses cacheable without explicit freshness (RFC 9110, section 15.1). */
    static final Set<Integer> HEURISTIC_STATUSES = Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501);

    private HttpCachePolicy() {
    }

    /** GET and HEAD requests may use the cache. */
    public static boolean isRequestCacheable(RequestHead req) {
        return req.method.equals("GET") || req.method.equals("HEAD");
    }

    /** The 32-byte key of a request: SHA-256 of its URL (with its Host when the URL is only a path). */
    public static byte[] suggestedKey(RequestHead req) {
        String url = req.uri;
        if (url.startsWith("/")) {
            List<byte[]> host = req.headers.values("host");
            url = "http://" + (host.isEmpty() ? "" : new String(host.get(0), StandardCharsets.ISO_8859_1)) + url;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The options a response should be stored with. */
    public static Suggestion suggest(ResponseHead resp, long nowEpochSeconds) {
        HeaderMap h = resp.headers;
        CacheControl cc = CacheControl.of(h.values("cache-control"));
        CacheControl sc = CacheControl.of(h.values("surrogate-control"));
        long maxAge = explicitMaxAge(h, cc, sc, nowEpochSeconds);
        if (maxAge < 0) {
            maxAge = HEURISTIC_STATUSES.contains(resp.status) ? DEFAULT_TTL_SECONDS : 0;
        }
        if (cc.has("no-cache")) {
            maxAge = 0;
        }
        long age = CacheControl.parseSeconds(first(h, "age"));
        long length = CacheControl.parseSeconds(first(h, "content-length"));
        return new Suggestion(CacheControl.toNanos(maxAge), CacheControl.toNanos(Math.max(age, 0)),
                CacheControl.toNanos(Math.max(either(sc, cc, "stale-while-revalidate"), 0)),
                CacheControl.toNanos(Math.max(either(sc, cc, "stale-if-error"), 0)),
                VaryRule.fromVaryHeader(h.values("vary")), SurrogateKeys.fromHeader(h.values("surrogate-key")),
                length, false);
    }

    /** What to do with {@code resp}, a backend's answer to {@code req} (a 304 is handled by the caller). */
    public static StorageAction storageAction(RequestHead req, ResponseHead resp, long nowEpochSeconds) {
        if (!isRequestCacheable(req)) {
            return StorageAction.DO_NOT_STORE;
        }
        HeaderMap h = resp.headers;
        CacheControl cc = CacheControl.of(h.values("cache-control"));
        if (cc.has("no-store") || cc.has("private") || h.contains("set-cookie")
                || VaryRule.fromVaryHeader(h.values("vary")) == null) {
            return StorageAction.RECORD_UNCACHEABLE;
        }
        CacheControl sc = CacheControl.of(h.values("surrogate-control"));
        boolean explicit = explicitMaxAge(h, cc, sc, nowEpochSeconds) >= 0;
        if (!explicit && !HEURISTIC_STATUSES.contains(resp.status)) {
            return StorageAction.DO_NOT_STORE;
        }
        return StorageAction.INSERT;
    }

    /** Seconds of freshness the response states explicitly, or -1. */
    private static long explicitMaxAge(HeaderMap h, CacheControl cc, CacheControl sc, long now) {
        for (long v : new long[] {sc.seconds("max-age"), cc.seconds("s-maxage"), cc.seconds("max-age")}) {
            if (v >= 0) {
                return v;
            }
        }
        String expires = first(h, "expires");
        if (expires == null) {
            return -1;
        }
        long exp = httpDate(expires);
        if (exp == Long.MIN_VALUE) {
            return 0;
        }
        String date = first(h, "date");
        long base = date == null || httpDate(date) == Long.MIN_VALUE ? now : httpDate(date);
        return Math.max(0, exp - base);
    }

    private static long either(CacheControl first, CacheControl second, String directive) {
        long v = first.seconds(directive);
        return v >= 0 ? v : second.seconds(directive);
    }

    static String first(HeaderMap h, String name) {
        List<byte[]> v = h.values(name);
        return v.isEmpty() ? null : new String(v.get(0), StandardCharsets.ISO_8859_1).strip();
    }

    /** An HTTP date in seconds since the epoch, or Long.MIN_VALUE when it is not one. */
    static long httpDate(String s) {
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }
}
