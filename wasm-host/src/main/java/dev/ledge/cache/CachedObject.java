package dev.ledge.cache;

import dev.ledge.http.Body;
import dev.ledge.http.HeaderMap;

/**
 * One stored object: its body, the options it was written with, when it was stored and how often
 * it was served. Freshness is kept relative to the time of storing: fresh while its age is below
 * max age, usable while below max age plus stale-while-revalidate, and kept for revalidation while
 * below max age plus the longer of stale-while-revalidate and stale-if-error.
 */
public final class CachedObject {
    final CacheKey key;
    final String variant;
    final ObjectBody body;
    private final WriteOptions options;
    private final long storedAt;
    /** Time after storing at which the object goes stale; a soft purge brings it forward. */
    private volatile long freshFor;
    private long hits;
    boolean indexed;

    CachedObject(CacheKey key, HeaderMap requestHeaders, WriteOptions options, ObjectBody body, long now) {
        this.key = key;
        this.options = options;
        this.variant = options.varyRule().variant(requestHeaders);
        this.body = body;
        this.storedAt = now;
        this.freshFor = options.maxAgeNs() - options.initialAgeNs();
    }

    public WriteOptions options() {
        return options;
    }

    /** Age now: time since storing plus the initial age. */
    public long ageNs(long now) {
        return saturatedAdd(now - storedAt, options.initialAgeNs());
    }

    public boolean isFresh(long now) {
        return now - storedAt < freshFor;
    }

    public boolean isUsable(long now) {
        return now - storedAt < saturatedAdd(freshFor, options.staleWhileRevalidateNs());
    }

    /** Whether the object is still kept: usable, or stale but within stale-if-error. */
    public boolean isRetained(long now) {
        long grace = Math.max(options.staleWhileRevalidateNs(), options.staleIfErrorNs());
        return now - storedAt < saturatedAdd(freshFor, grace);
    }

    /** Whether a request that went wrong may still be answered with this stale object. */
    public boolean isUsableIfError(long now) {
        return now - storedAt < saturatedAdd(freshFor, options.staleIfErrorNs());
    }

    /** The length when known (all written, or declared); else -1. */
    public long length() {
        return body.knownLength();
    }

    public synchronized long hits() {
        return hits;
    }

    synchronized void hit() {
        hits++;
    }

    /** Makes the object stale from now on (a soft purge). */
    void markStale(long now) {
        freshFor = Math.min(freshFor, now - storedAt);
    }

    /**
     * Makes {@code writer} (a new, empty body) the way the guest writes this object: everything
     * written to it is stored, closing it completes the object and abandoning it fails the object.
     */
    public void attachWriter(Body writer) {
        writer.attachSink(body, false);
    }

    /**
     * Makes {@code source} (a body arriving from a backend) fill this object: what it has and what
     * arrives later is stored, its end completes the object and its failure fails the object.
     */
    public void fillFrom(Body source) {
        source.attachSink(body, true);
    }

    /** A body reading {@code range} of this object, now and while it is still being written. */
    public Body openBody(ReadRange range) {
        return body.openReader(range);
    }

    /** Rough bytes of everything but the body, for the memory bound. */
    long metadataBytes() {
        long n = 256L + key.length() + options.userMetadata().length + options.surrogateKeys().byteSize()
                + variant.length();
        return options.response() == null ? n : n + options.response().byteSize();
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
