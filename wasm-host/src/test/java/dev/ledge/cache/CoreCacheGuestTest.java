package dev.ledge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core cache driven by a real guest (src/test/wat/cache_core.wat) that checks every status
 * itself: one request for everything that fits in one, and multi-step tests where the test moves
 * the cache clock or purges between requests.
 */
class CoreCacheGuestTest {
    static PrelinkedModule module;
    static TestServer server;

    @BeforeAll
    static void start() {
        module = PrelinkedModule.load("cache_core", Wat.compile("cache_core"));
        server = new TestServer(module, 8);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> run(TestServer s, int xCase) {
        return s.send(HttpRequest.newBuilder(s.uri("/")).header("x-case", Integer.toString(xCase))
                .timeout(Duration.ofSeconds(60)).GET().build());
    }

    static void assertPassed(HttpResponse<String> r) {
        assertEquals("all checks passed", r.body());
        assertEquals(200, r.statusCode());
    }

    static CoreCache cache(TestServer s) {
        return s.resources().get(CoreCache.class);
    }

    @Test
    void everySingleRequestCheckPasses() {
        assertPassed(run(server, 1));
        // Every obligation the guest left open was released when it ended: nobody waits.
        assertEquals(0, cache(server).waitingLookups());
    }

    @Test
    void entriesGoStaleThenExpireAsTheClockMovesAndPurgesRemoveOrSoftenThem() {
        assertPassed(run(server, 10));
        cache(server).clock().advance(Duration.ofSeconds(11));
        assertEquals(1, cache(server).purgeSurrogateKey("purge-me", false));
        assertEquals(1, cache(server).purgeSurrogateKey("soft-me", true));
        assertEquals(0, cache(server).purgeSurrogateKey("nobody-has-this", false));
        assertPassed(run(server, 11));
        cache(server).clock().advance(Duration.ofSeconds(200));
        assertPassed(run(server, 12));
    }

    @Test
    void whatAGuestLeavesOpenIsAbandonedOrReleasedWhenItEnds() {
        assertPassed(run(server, 40));
        assertPassed(run(server, 41));
    }

    @Test
    void aBoundedCacheEvictsTheOldestAndNeverHoldsMoreThanItsBound(@TempDir Path dir) throws Exception {
        Path toml = Files.writeString(dir.resolve("fastly.toml"), "[local_server.cache]\nmax_bytes = 4096\n");
        try (TestServer small = new TestServer(module, 2, FastlyToml.load(toml))) {
            assertPassed(run(small, 30));
            assertTrue(cache(small).usedBytes() <= 4096, "holds " + cache(small).usedBytes());
            assertEquals(2, cache(small).objectCount());
        }
    }
}
