package dev.ledge.cache;

import static dev.ledge.cache.CoreCacheGuestTest.assertPassed;
import static dev.ledge.cache.CoreCacheGuestTest.run;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP cache driven by a real guest (src/test/wat/http_cache.wat) that checks every status
 * itself: suggestions, storage actions, inserts and found responses in one request; revalidation
 * and stale-if-error across the cache clock; collapsing across two concurrent requests.
 */
class HttpCacheGuestTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(PrelinkedModule.load("http_cache", Wat.compile("http_cache")), 8);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everySingleRequestCheckPasses() {
        assertPassed(run(server, 1));
    }

    @Test
    void aStaleResponseIsRevalidatedWithA304OrServedStaleOnError() {
        assertPassed(run(server, 10));
        server.resources().get(CoreCache.class).clock().advance(Duration.ofSeconds(20));
        assertPassed(run(server, 11));
    }

    @Test
    void aSecondLookupWaitsForTheFirstClientsResponse() throws Exception {
        CacheCollapsingTest.runPair(server, 20, 21);
    }
}
