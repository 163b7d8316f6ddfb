package dev.ledge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import io.vertx.core.http.HttpServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-wide metrics that real guests drive: backend request time by backend, geolocation
 * lookups by whether the address was known, and core cache lookups with their hit ratio. These
 * counters are process-wide, so the test compares scrapes before and after.
 */
class HostMetricsTest {
    @Test
    void backendGeoAndCacheLookupsAreCounted(@TempDir Path dir) throws Exception {
        Metrics metrics = Metrics.enable();
        try (TestServer geo = new TestServer(PrelinkedModule.load("ops_geo", Wat.compile("geo")), 4, FastlyToml.empty());
             AdminServer admin = new AdminServer(geo.vertx(), metrics, geo.tail)) {
            int port = admin.start("127.0.0.1", 0);
            HttpServer origin = geo.vertx().createHttpServer().requestHandler(r -> r.response().setStatusCode(204).end())
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            Path toml = Files.writeString(dir.resolve("fastly.toml"), """
                    [local_server.backends.a]
                    url = "http://127.0.0.1:%d"
                    [local_server.backends.b]
                    url = "http://127.0.0.1:%d"
                    """.formatted(origin.actualPort(), origin.actualPort()));

            PrometheusText before = scrape(geo, port);
            try (TestServer probe = new TestServer(PrelinkedModule.load("ops_probe", Wat.compile("send_probe")), 4, FastlyToml.load(toml))) {
                assertEquals("a:204", probe.get("/").body());
            }
            assertEquals(200, geoLookup(geo, "127.0.0.1").statusCode());
            assertEquals(200, geoLookup(geo, "192.0.2.55").statusCode());
            try (TestServer cache = new TestServer(PrelinkedModule.load("ops_cache", Wat.compile("cache_core")), 4)) {
                HttpResponse<String> r = cache.send(HttpRequest.newBuilder(cache.uri("/")).header("x-case", "1").GET().build());
                assertEquals("all checks passed", r.body());
            }
            PrometheusText after = scrape(geo, port);

            assertEquals(1, delta(before, after, "ledge_backend_request_seconds_count", "backend", "a", "outcome", "response"));
            assertEquals(0, delta(before, after, "ledge_backend_request_seconds_count", "backend", "b", "outcome", "response"));
            assertEquals("histogram", after.types.get("ledge_backend_request_seconds"));
            // The guest looks each address up more than once (the buflen protocol), so only each side's presence is exact.
            assertTrue(delta(before, after, "ledge_geo_lookups_total", "found", "true") >= 1);
            assertTrue(delta(before, after, "ledge_geo_lookups_total", "found", "false") >= 1);
            double hits = delta(before, after, "ledge_cache_lookups_total", "result", "hit");
            double misses = delta(before, after, "ledge_cache_lookups_total", "result", "miss");
            assertTrue(hits > 0 && misses > 0, hits + " hits, " + misses + " misses");
            double ratio = after.value("ledge_cache_hit_ratio");
            assertTrue(ratio > 0 && ratio < 1, "hit ratio " + ratio);
        }
    }

    private static HttpResponse<String> geoLookup(TestServer s, String ip) throws Exception {
        return s.send(HttpRequest.newBuilder(s.uri("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(InetAddress.getByName(ip).getAddress())).build());
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        double b = before.value(name, labels);
        double a = after.value(name, labels);
        return (Double.isNaN(a) ? 0 : a) - (Double.isNaN(b) ? 0 : b);
    }

    private static PrometheusText scrape(TestServer via, int port) {
        HttpResponse<String> r = via.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build());
        assertEquals(200, r.statusCode());
        return PrometheusText.parse(r.body());
    }
}
