package dev.ledge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ledge.http.Body;
import dev.ledge.http.HeaderMap;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store on its own, for what a guest cannot easily observe: hand-over to waiters and the byte count. */
class CoreCacheTest {
    static final CacheKey KEY = new CacheKey("core:", "k".getBytes(StandardCharsets.US_ASCII));

    static void write(CachedObject o, String text) throws InterruptedException {
        Body w = new Body();
        o.attachWriter(w);
        w.writeBack(text.getBytes(StandardCharsets.US_ASCII));
        w.close();
    }

    @Test
    void aWaiterGetsTheObjectItWaitedForEvenWhenItIsAlreadyStale() throws Exception {
        CoreCache cache = new CoreCache(1 << 20, new CacheClock());
        CacheLookup first = cache.transactionLookup(KEY, new HeaderMap(), true);
        assertNotNull(first.obligation());
        CompletableFuture<CacheLookup> second = CompletableFuture.supplyAsync(() -> {
            try {
                return cache.transactionLookup(KEY, new HeaderMap(), true);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        CacheCollapsingTest.awaitTrue("the second lookup to wait", () -> cache.waitingLookups() == 1);
        CachedObject o = first.obligation().insert(WriteOptions.maxAge(0));
        write(o, "zero ttl");
        CacheLookup got = second.get(30, TimeUnit.SECONDS);
        assertSame(o, got.found());
        assertNull(got.obligation());
        assertEquals(1 | 2 | 4, got.state(cache.clock().nanos()));
    }

    @Test
    void theByteCountFollowsWritesUpdatesAndPurges() throws Exception {
        CoreCache cache = new CoreCache(1 << 20, new CacheClock());
        WriteOptions keyed = new WriteOptions(60_000_000_000L, 0, 0, 0, 60_000_000_000L, VaryRule.NONE,
                SurrogateKeys.parse("sk".getBytes(StandardCharsets.US_ASCII)), -1, new byte[0], false, null, false);
        CachedObject o = cache.insert(KEY, new HeaderMap(), keyed);
        long empty = cache.usedBytes();
        write(o, "0123456789");
        assertEquals(empty + 10, cache.usedBytes());
        cache.clock().advance(java.time.Duration.ofSeconds(61));
        CacheLookup stale = cache.transactionLookup(KEY, new HeaderMap(), true);
        assertNull(stale.found());
        assertEquals(0, cache.objectCount());
        assertEquals(0, cache.usedBytes());
        CachedObject again = cache.insert(KEY, new HeaderMap(), keyed);
        write(again, "abc");
        assertEquals(1, cache.purgeSurrogateKey("sk", false));
        assertEquals(0, cache.usedBytes());
        stale.obligation().release();
        assertEquals(0, cache.waitingLookups());
    }
}
