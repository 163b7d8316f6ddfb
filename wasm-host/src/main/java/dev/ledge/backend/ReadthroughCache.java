package dev.ledge.backend;

import dev.ledge.cache.CacheKey;
import dev.ledge.cache.CacheLookup;
import dev.ledge.cache.CachedObject;
import dev.ledge.cache.CoreCache;
import dev.ledge.cache.Obligation;
import dev.ledge.cache.ReadRange;
import dev.ledge.cache.StoredResponse;
import dev.ledge.cache.SurrogateKeys;
import dev.ledge.cache.WriteOptions;
import dev.ledge.cache.http.ClientResponse;
import dev.ledge.cache.http.HttpCachePolicy;
import dev.ledge.cache.http.StorageAction;
import dev.ledge.cache.http.Suggestion;
import dev.ledge.http.Body;
import dev.ledge.http.RequestHead;
import dev.ledge.http.ResponseHead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The readthrough cache in front of {@code send}: as on Fastly, a GET a guest sends to a backend
 * is looked up in the HTTP cache first (the same store the {@code fastly_http_cache} calls use).
 * A fresh response is answered from the cache; a miss goes to the backend, with concurrent misses
 * for the same URL collapsed into one backend request, and a cacheable answer (Surrogate-Control,
 * Cache-Control, Expires, or a heuristically cacheable status, as {@link HttpCachePolicy} reads
 * them) is stored while it streams to the guest. A stale response within stale-while-revalidate
 * is answered at once and refreshed in the background. The request's cache override steers it:
 * pass skips the cache, ttl and stale-while-revalidate replace what the headers say, surrogate
 * keys are added to the Surrogate-Key header's (purges find them), and pci marks the response
 * sensitive. Only responses with a Content-Length of at most an eighth of the cache's memory
 * bound are stored (a cache fill is held in memory); others are passed to the guest as they stream. A backend request the HTTP cache suggested is sent as it is (the guest fills the
 * cache with its answer). A HEAD is answered from a stored GET response when there is one, else passed.
 */
public final class ReadthroughCache {
    /** cache_override_tag bits. */
    static final int PASS = 1, TTL = 2, SWR = 4, PCI = 8;
    /** The key namespace the HTTP cache calls use, so both see the same entries. */
    static final String NAMESPACE = "http";
    /** How long a response that may not be stored keeps later requests from waiting on each other. */
    static final long HIT_FOR_PASS_NS = 120_000_000_000L;

    /** A response longer than this share of the cache's memory bound (or of unknown length) is passed, not stored. */
    static final long LARGEST_SHARE = 8;

    private final Upstream upstream;
    private final CoreCache cache;

    public ReadthroughCache(Upstream upstream, CoreCache cache) {
        this.upstream = upstream;
        this.cache = cache;
    }

    /** Whether a request with this method and cache override may use the cache at all. */
    static boolean applies(RequestHead req) {
        return (req.cacheOverrideTag & PASS) == 0 && !req.filledByGuest && (req.method.equals("GET") || req.method.equals("HEAD"));
    }

    /** Sends {@code req} (with its body) to {@code b} through the cache. */
    public PendingRequest send(RequestHead req, Body body, Backend b) throws InterruptedException {
        if (!applies(req)) {
            return upstream.send(req, body, b, false);
        }
        CacheKey key = new CacheKey(NAMESPACE, HttpCachePolicy.suggestedKey(req));
        if (req.method.equals("HEAD")) {
            CacheLookup l = cache.lookup(key, req.headers);
            return l.found() != null ? answered(l.found(), req, true) : upstream.send(req, body, b, false);
        }
        CacheLookup l = cache.transactionLookup(key, req.headers.copy(), true);
        if (l.found() != null) {
            if (l.obligation() != null) {
                revalidate(req, b, l.obligation());
            }
            return answered(l.found(), req, false);
        }
        if (l.obligation() == null) {
            return upstream.send(req, body, b, false);
        }
        Obligation ob = l.obligation();
        CompletableFuture<PendingRequest.Answer> future = upstream.send(req, body, b, false).future()
                .thenApply(answer -> store(req, answer, ob));
        future.whenComplete((a, e) -> {
            if (e != null) {
                ob.release();
            }
        });
        return new PendingRequest(future);
    }

    /** Refreshes a stale response in the background; the guest already has the stale one. */
    private void revalidate(RequestHead req, Backend b, Obligation ob) {
        RequestHead copy = new RequestHead(req.headers.copy());
        copy.method = req.method;
        copy.uri = req.uri;
        copy.version = req.version;
        copy.cacheOverrideTag = req.cacheOverrideTag;
        copy.cacheOverrideTtl = req.cacheOverrideTtl;
        copy.cacheOverrideSwr = req.cacheOverrideSwr;
        copy.cacheOverrideSurrogateKeys = req.cacheOverrideSurrogateKeys;
        Body empty = new Body();
        empty.close();
        upstream.send(copy, empty, b, false).future().whenComplete((answer, e) -> {
            if (e != null) {
                ob.release();
                return;
            }
            Body stored = store(copy, answer, ob).body();
            stored.close();
        });
    }

    /** A pending request that is already answered from {@code found}. */
    private PendingRequest answered(CachedObject found, RequestHead req, boolean headOnly) {
        ClientResponse cr = ClientResponse.of(found, req, true, cache.clock().nanos());
        Body body;
        if (headOnly || cr.range() == null) {
            body = new Body();
            body.finish();
        } else {
            body = found.openBody(cr.range());
        }
        return new PendingRequest(CompletableFuture.completedFuture(new PendingRequest.Answer(cr.head(), body)));
    }

    /**
     * Settles the obligation with the backend's answer: stores it when it may be stored (the
     * guest then reads the body from the cache object as it fills), records a hit-for-pass when
     * it must not be, and otherwise passes the duty on.
     */
    private PendingRequest.Answer store(RequestHead req, PendingRequest.Answer answer, Obligation ob) {
        ResponseHead head = answer.head();
        long nowSec = System.currentTimeMillis() / 1000;
        StorageAction action = HttpCachePolicy.storageAction(req, head, nowSec);
        boolean ttlOverride = (req.cacheOverrideTag & TTL) != 0;
        if (action == StorageAction.RECORD_UNCACHEABLE) {
            ob.insert(WriteOptions.maxAge(HIT_FOR_PASS_NS).asHitForPass());
            return answer;
        }
        Suggestion sg = HttpCachePolicy.suggest(head, nowSec);
        long maxAge = ttlOverride ? seconds(req.cacheOverrideTtl) : sg.maxAgeNs();
        long swr = (req.cacheOverrideTag & SWR) != 0 ? seconds(req.cacheOverrideSwr) : sg.staleWhileRevalidateNs();
        if (action == StorageAction.DO_NOT_STORE && !ttlOverride || maxAge <= 0 && swr <= 0
                || sg.length() < 0 || sg.length() > cache.maxBytes() / LARGEST_SHARE) {
            ob.release();
            return answer;
        }
        WriteOptions o = new WriteOptions(maxAge, ttlOverride ? 0 : sg.initialAgeNs(), swr, sg.staleIfErrorNs(), maxAge,
                sg.varyRule(), keys(sg.surrogateKeys(), req.cacheOverrideSurrogateKeys), sg.length(), new byte[0],
                (req.cacheOverrideTag & PCI) != 0, StoredResponse.of(head), false);
        CachedObject obj = ob.insert(o);
        obj.fillFrom(answer.body());
        return new PendingRequest.Answer(head, obj.openBody(ReadRange.WHOLE));
    }

    /** The response's surrogate keys plus the override's (space-separated). */
    private static SurrogateKeys keys(SurrogateKeys fromResponse, String fromOverride) {
        if (fromOverride == null || fromOverride.isBlank()) {
            return fromResponse;
        }
        List<byte[]> values = new ArrayList<>();
        values.add(fromOverride.getBytes(StandardCharsets.ISO_8859_1));
        values.add(String.join(" ", fromResponse.keys()).getBytes(StandardCharsets.ISO_8859_1));
        return SurrogateKeys.fromHeader(values);
    }

    private static long seconds(int s) {
        return Integer.toUnsignedLong(s) * 1_000_000_000L;
    }
}
