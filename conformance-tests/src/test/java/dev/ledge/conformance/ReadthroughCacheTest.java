package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The readthrough cache in front of send, seen from the Rust and Go features samples
 * ({@code /readthrough/<path>} sends GET {@code /<path>} to a real origin that counts what it
 * serves): a cacheable response is fetched once, pass and POST always reach the origin, a TTL
 * override expires, purging a surrogate key (from the response or the override) evicts,
 * concurrent misses collapse into one origin request, and a stale response within
 * stale-while-revalidate is served while it is refreshed. The HTTP-cache transaction calls see
 * the same behaviour through {@code /http-cache/<path>}.
 */
class ReadthroughCacheTest {
    @TempDir
    static Path dir;
    static Vertx vertx;
    static HttpServer origin;
    static FastlyToml toml;
    static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    static final Map<String, TestServer> SERVERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        origin = vertx.createHttpServer().requestHandler(req -> {
            String path = req.path();
            int n = HITS.computeIfAbsent(req.method() + " " + path, k -> new AtomicInteger()).incrementAndGet();
            String name = path.substring(path.lastIndexOf('/') + 1);
            var resp = req.response();
            switch (name) {
                case "fresh", "passed", "posted", "expiring" -> resp.putHeader("cache-control", "max-age=3600");
                case "private" -> resp.putHeader("cache-control", "private, max-age=3600");
                case "tagged" -> resp.putHeader("cache-control", "max-age=3600").putHeader("surrogate-key", "tag-a other");
                case "keyed" -> resp.putHeader("surrogate-control", "max-age=3600");
                case "swr" -> resp.putHeader("cache-control", (n == 1 ? "max-age=1" : "max-age=3600") + ", stale-while-revalidate=600");
                case "slow" -> resp.putHeader("cache-control", "max-age=3600");
                case "error" -> resp.setStatusCode(500);
                case "big", "small", "chunked" -> resp.putHeader("cache-control", "max-age=3600");
                default -> { }
            }
            String body = name + "-" + n + (name.equals("big") ? "x".repeat(20_000) : "");
            if (name.equals("chunked")) {
                resp.setChunked(true).write("chunk-" + n + "-a ");
                resp.end("b");
            } else if (name.equals("slow")) {
                vertx.setTimer(400, t -> resp.end(body));
            } else {
                req.body().onComplete(b -> resp.end(body));
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        toml = FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), """
                name = "features"
                [local_server.backends.origin]
                url = "http://127.0.0.1:%d"
                """.formatted(origin.actualPort())));
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
        vertx.close();
    }

    private static TestServer server(String lang) {
        return SERVERS.computeIfAbsent(lang, l -> new TestServer(Samples.module(l + "-features"), 32, toml));
    }

    private static int hits(String method, String path) {
        AtomicInteger n = HITS.get(method + " " + path);
        return n == null ? 0 : n.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void aCacheableResponseIsFetchedOnceAndServedFromTheCache(String lang) {
        TestServer server = server(lang);
        HttpResponse<String> first = server.get("/readthrough/" + lang + "/fresh");
        assertEquals(200, first.statusCode());
        assertEquals("fresh-1", first.body());
        HttpResponse<String> second = server.get("/readthrough/" + lang + "/fresh");
        assertEquals("fresh-1", second.body(), "the second GET is served from the cache");
        assertEquals(1, hits("GET", "/" + lang + "/fresh"));
        assertTrue(second.headers().firstValue("age").isPresent(), "a cached response carries its Age");
    }

    /** {@code readthrough = false} in {@code [local_server.cache]}: every GET reaches the origin, as under Fastly's local tool. */
    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void readthroughCanBeSwitchedOff(String lang) throws Exception {
        FastlyToml off = FastlyToml.load(Files.writeString(dir.resolve("fastly-no-readthrough-" + lang + ".toml"), """
                name = "features"
                [local_server.cache]
                readthrough = false
                [local_server.backends.origin]
                url = "http://127.0.0.1:%d"
                """.formatted(origin.actualPort())));
        try (TestServer server = new TestServer(Samples.module(lang + "-features"), 8, off)) {
            assertEquals("fresh-1", server.get("/readthrough/" + lang + "-off/fresh").body());
            assertEquals("fresh-2", server.get("/readthrough/" + lang + "-off/fresh").body(), "not served from the cache");
            assertEquals(2, hits("GET", "/" + lang + "-off/fresh"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void passAndUncacheableResponsesAlwaysReachTheOrigin(String lang) {
        TestServer server = server(lang);
        assertEquals("passed-1", server.get("/readthrough/" + lang + "/passed?pass=1").body());
        assertEquals("passed-2", server.get("/readthrough/" + lang + "/passed?pass=1").body());
        assertEquals("private-1", server.get("/readthrough/" + lang + "/private").body());
        assertEquals("private-2", server.get("/readthrough/" + lang + "/private").body());
        assertEquals(500, server.get("/readthrough/" + lang + "/error").statusCode());
        assertEquals("error-2", server.get("/readthrough/" + lang + "/error").body(), "a 500 without freshness is not stored");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void postIsNeverCached(String lang) {
        TestServer server = server(lang);
        for (int i = 1; i <= 2; i++) {
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/readthrough/" + lang + "/posted"))
                    .POST(HttpRequest.BodyPublishers.ofString("payload")).build());
            assertEquals("posted-" + i, r.body());
        }
        assertEquals(2, hits("POST", "/" + lang + "/posted"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void aTtlOverrideReplacesTheOriginsFreshness(String lang) throws Exception {
        TestServer server = server(lang);
        String path = "/readthrough/" + lang + "/expiring?ttl=1";
        assertEquals("expiring-1", server.get(path).body());
        assertEquals("expiring-1", server.get(path).body());
        String body = "expiring-1";
        for (int i = 0; i < 100 && body.equals("expiring-1"); i++) {
            Thread.sleep(100);
            body = server.get(path).body();
        }
        assertEquals("expiring-2", body, "a 1 s TTL override ends the origin's hour of freshness");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void purgingASurrogateKeyEvicts(String lang) {
        TestServer server = server(lang);
        assertEquals("tagged-1", server.get("/readthrough/" + lang + "/tagged").body());
        assertEquals("tagged-1", server.get("/readthrough/" + lang + "/tagged").body());
        assertEquals(204, server.get("/purge/tag-a").statusCode());
        assertEquals("tagged-2", server.get("/readthrough/" + lang + "/tagged").body(), "the response's Surrogate-Key was purged");

        assertEquals("keyed-1", server.get("/readthrough/" + lang + "/keyed?sk=mine-" + lang).body());
        assertEquals("keyed-1", server.get("/readthrough/" + lang + "/keyed").body());
        assertEquals(204, server.get("/purge/mine-" + lang).statusCode());
        assertEquals("keyed-2", server.get("/readthrough/" + lang + "/keyed").body(), "the override's surrogate key was purged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void concurrentMissesCollapseIntoOneOriginRequest(String lang) {
        TestServer server = server(lang);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(server.client().sendAsync(HttpRequest.newBuilder(server.uri("/readthrough/" + lang + "/slow")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            assertEquals("slow-1", f.join().body());
        }
        assertEquals(1, hits("GET", "/" + lang + "/slow"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void aStaleResponseIsServedWhileItIsRefreshed(String lang) throws Exception {
        TestServer server = server(lang);
        String path = "/readthrough/" + lang + "/swr";
        assertEquals("swr-1", server.get(path).body());
        Thread.sleep(1500);
        assertEquals("swr-1", server.get(path).body(), "within stale-while-revalidate the stale response is served");
        String body = "swr-1";
        for (int i = 0; i < 100 && body.equals("swr-1"); i++) {
            Thread.sleep(100);
            body = server.get(path).body();
        }
        assertEquals("swr-2", body, "the background refresh stored the new response");
        assertEquals(2, hits("GET", "/" + lang + "/swr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void httpCacheTransactionsStoreAndFind(String lang) {
        TestServer server = server(lang);
        HttpResponse<String> miss = server.get("/http-cache/" + lang + "/hc");
        assertEquals("MISS", miss.headers().firstValue("x-cache").orElse(null));
        assertEquals("hc-1", miss.body());
        HttpResponse<String> hit = server.get("/http-cache/" + lang + "/hc");
        assertEquals("HIT", hit.headers().firstValue("x-cache").orElse(null));
        assertEquals("hc-1", hit.body());
        assertEquals(1, hits("GET", "/" + lang + "/hc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void aResponseTooLargeForTheCacheOrOfUnknownLengthIsPassedNotStored(String lang) throws Exception {
        FastlyToml small = FastlyToml.load(Files.writeString(dir.resolve("small-" + lang + ".toml"), """
                name = "features"
                [local_server.backends.origin]
                url = "http://127.0.0.1:%d"
                [local_server.cache]
                max_bytes = 80000
                """.formatted(origin.actualPort())));
        try (TestServer server = new TestServer(Samples.module(lang + "-features"), 4, small)) {
            for (int i = 1; i <= 2; i++) {
                HttpResponse<String> r = server.get("/readthrough/" + lang + "/big");
                assertTrue(r.body().startsWith("big-" + i + "xxx"), "20 000 bytes exceed an eighth of an 80 000-byte cache");
                assertEquals(20_000 + ("big-" + i).length(), r.body().length());
            }
            assertEquals("small-1", server.get("/readthrough/" + lang + "/small").body());
            assertEquals("small-1", server.get("/readthrough/" + lang + "/small").body(), "small responses are still cached");
            assertEquals("chunk-1-a b", server.get("/readthrough/" + lang + "/chunked").body());
            assertEquals("chunk-2-a b", server.get("/readthrough/" + lang + "/chunked").body(), "a body of unknown length is not stored");
        }
    }
}
