package dev.ledge.conformance.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.engine.CompileCache;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * wasm-host's self-checking WAT fixtures for the areas with the most calls, reused as HTTP-mode
 * conformance cases (built into target/guests as fixture-NAME.wasm): fastly_cache
 * (cache_core.wat), fastly_http_cache (http_cache.wat) and ledge_crypto (crypto.wat). Each runs
 * every single-request check itself and answers 200 "all checks passed" or 500 naming the first
 * failed check. Served by a real Ledge server, or by the runtime at
 * {@code -Dconformance.url.fixture-NAME} when that is set.
 */
class FixtureConformanceTest {
    /** A fixture and the request header that selects its single-request checks. */
    record Fixture(String name, String header, String value) {
    }

    static final List<Fixture> FIXTURES = List.of(
            new Fixture("fixture-cache_core", "x-case", "1"),
            new Fixture("fixture-http_cache", "x-case", "1"),
            new Fixture("fixture-crypto", "x-conformance", "1"));

    @TestFactory
    Stream<DynamicTest> everyFixture() {
        return FIXTURES.stream().map(f -> DynamicTest.dynamicTest(f.name() + " all checks passed", () -> {
            String url = System.getProperty(HttpCases.URL_PROPERTY + "." + f.name(), "");
            if (!url.isBlank()) {
                assertPasses(f, URI.create(url));
                return;
            }
            CompileCache cache = new CompileCache(Path.of(System.getProperty("ledge.test.work", "target/test-work"), "compile-cache"));
            try (TestServer server = new TestServer(PrelinkedModule.load(Suite.guest(f.name()), cache), 4)) {
                assertPasses(f, server.uri("/"));
            }
        }));
    }

    private static void assertPasses(Fixture f, URI base) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/")).header(f.header(), f.value())
                .timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("200 all checks passed", r.statusCode() + " " + r.body(), f.name() + " at " + base);
    }
}
