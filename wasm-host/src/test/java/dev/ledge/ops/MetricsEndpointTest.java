package dev.ledge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.SandboxLimits;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real guests answer, trap and run out of CPU; the admin address's /metrics then shows requests
 * by service and status, the timing histograms, failures by kind, limit kills and the in-flight
 * gauge, in the Prometheus text format (parsed, not grepped).
 */
class MetricsEndpointTest {
    @Test
    void metricsCountRequestsTimingsAndFailuresPerService() throws Exception {
        Metrics metrics = Metrics.enable();
        try (TestServer ok = new TestServer(PrelinkedModule.load("ops_ok", Wat.compile("isolation")));
             TestServer trap = new TestServer(PrelinkedModule.load("ops_trap", Wat.compile("trap")));
             TestServer spin = new TestServer(PrelinkedModule.load("ops_spin", Wat.compile("spin"))
                     .withLimits(new SandboxLimits(200, 60_000, 16 << 20)));
             AdminServer admin = new AdminServer(ok.vertx(), metrics, ok.tail)) {
            int port = admin.start("127.0.0.1", 0);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, ok.get("/").statusCode());
            }
            for (int i = 0; i < 2; i++) {
                assertEquals(500, trap.get("/").statusCode());
            }
            assertEquals(503, spin.get("/").statusCode());

            PrometheusText m = scrapeUntil(ok, port, p -> p.value("ledge_requests_total", "service", "ops_ok", "status", "200") == 3
                    && p.value("ledge_requests_total", "service", "ops_trap", "status", "500") == 2
                    && p.value("ledge_requests_total", "service", "ops_spin", "status", "503") == 1);
            assertEquals("counter", m.types.get("ledge_requests_total"), m.types.toString());
            assertEquals("histogram", m.types.get("ledge_request_seconds"));
            assertEquals("histogram", m.types.get("ledge_instantiate_seconds"));
            assertEquals("histogram", m.types.get("ledge_execute_seconds"));
            assertEquals("gauge", m.types.get("ledge_sandboxes_in_flight"));

            for (String timer : List.of("ledge_request_seconds", "ledge_instantiate_seconds", "ledge_execute_seconds")) {
                assertEquals(3, m.value(timer + "_count", "service", "ops_ok"), timer);
                assertHistogram(m, timer, "ops_ok", 3);
                assertTrue(m.value(timer + "_sum", "service", "ops_ok") > 0, timer);
            }
            assertEquals(2, m.value("ledge_request_seconds_count", "service", "ops_trap"));

            assertEquals(2, m.value("ledge_guest_failures_total", "service", "ops_trap", "kind", "trapped"));
            assertEquals(1, m.value("ledge_guest_failures_total", "service", "ops_spin", "kind", "limit_exceeded"));
            assertTrue(m.find("ledge_guest_failures_total", "service", "ops_ok").isEmpty(), "a clean run is no failure");
            assertEquals(1, m.value("ledge_limit_kills_total", "service", "ops_spin", "limit", "cpu"));
            assertTrue(Double.isNaN(m.value("ledge_limit_kills_total", "service", "ops_spin", "limit", "deadline")));

            for (String service : List.of("ops_ok", "ops_trap", "ops_spin")) {
                double inFlight = m.value("ledge_sandboxes_in_flight", "service", service);
                assertTrue(inFlight >= 0, service + " in flight: " + inFlight);
                assertFalse(m.find("ledge_module_compile_seconds", "service", service).isEmpty(), service);
            }
            assertFalse(m.find("ledge_cache_hit_ratio").isEmpty());
        }
    }

    @Test
    void onlyGetIsServedAndUnknownPathsAre404() throws Exception {
        try (TestServer ok = new TestServer(PrelinkedModule.load("ops_paths", Wat.compile("isolation")));
             AdminServer admin = new AdminServer(ok.vertx(), Metrics.enable(), ok.tail)) {
            int port = admin.start("127.0.0.1", 0);
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpResponse<String> r = ok.send(HttpRequest.newBuilder(base.resolve("/nope")).GET().build());
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("/metrics"), r.body());
            r = ok.send(HttpRequest.newBuilder(base.resolve("/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(405, r.statusCode());
            r = ok.send(HttpRequest.newBuilder(base.resolve("/metrics")).GET().build());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        }
    }

    /** Buckets rise with their bounds and the +Inf bucket holds every observation. */
    private static void assertHistogram(PrometheusText m, String timer, String service, int count) {
        List<PrometheusText.Sample> buckets = new java.util.ArrayList<>(m.find(timer + "_bucket", "service", service));
        assertTrue(buckets.size() >= 10, timer + " has " + buckets.size() + " buckets");
        buckets.sort(java.util.Comparator.comparingDouble(s -> Double.parseDouble(s.labels().get("le").replace("+Inf", "Infinity"))));
        double previous = 0;
        for (PrometheusText.Sample b : buckets) {
            assertTrue(b.value() >= previous, timer + " buckets fall at le=" + b.labels().get("le"));
            previous = b.value();
        }
        PrometheusText.Sample last = buckets.get(buckets.size() - 1);
        assertEquals("+Inf", last.labels().get("le"));
        assertEquals(count, last.value(), timer);
    }

    /** Scrapes until {@code ready} holds (a response's end is recorded just after the client sees it), at most 10 s. */
    private static PrometheusText scrapeUntil(TestServer via, int port, java.util.function.Predicate<PrometheusText> ready)
            throws InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> r = via.send(req);
            assertEquals(200, r.statusCode());
            PrometheusText p = PrometheusText.parse(r.body());
            if (ready.test(p) || System.nanoTime() > until) {
                assertTrue(ready.test(p), r.body());
                return p;
            }
            Thread.sleep(50);
        }
    }
}
