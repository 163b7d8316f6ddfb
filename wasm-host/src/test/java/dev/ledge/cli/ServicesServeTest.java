package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.RawHttp;
import dev.ledge.testing.Wat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --services}: several services in one server, each with its own module, fastly.toml and limits, routed by Host. */
class ServicesServeTest {
    @Test
    void requestsGoToTheServiceTheirHostNamesAndOthersToTheDefault(@TempDir Path dir) throws Exception {
        Path toml = Serving.write(dir, "hello.fastly.toml", "name = \"ignored\"\nservice_id = \"svc-hello\"\n");
        Path services = Serving.write(dir, "services.toml", """
                [services.route-echo]
                module = %s
                default = true

                [services.route-hello]
                module = %s
                config = "hello.fastly.toml"
                hosts = ["hello.test", "www.hello.test"]
                """.formatted(Serving.quoted(Serving.sample("rust-echo")), Serving.quoted(Serving.sample("rust-hello"))));
        java.util.List<String> accessLines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord rec) {
                accessLines.add(rec.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("ledge.access").addHandler(h);
        try (ServeSetup.Running r = Serving.serve(null, "--services", services.toString(), "--admin-addr", "127.0.0.1:0", "--access-log")) {
            RawHttp.Response hello = RawHttp.request(r.port(), "GET", "/", "HELLO.Test:8080");
            assertEquals(200, hello.status());
            assertEquals("Hello from Ledge (rust)!\n", hello.body());
            assertEquals("Hello from Ledge (rust)!\n", RawHttp.request(r.port(), "GET", "/", "www.hello.test").body());
            RawHttp.Response echo = RawHttp.request(r.port(), "GET", "/x", "elsewhere.test");
            assertEquals(200, echo.status());
            assertEquals("GET", echo.headers().get("x-echo-method"), echo.toString());
            assertEquals(200, RawHttp.request(r.port(), "GET", "/x", "127.0.0.1").status());
            assertTrue(Files.exists(toml));
            String metrics = "";
            for (int i = 0; i < 250 && !(metrics.contains("ledge_requests_total{service=\"route-hello\",status=\"200\"} 2.0")
                    && metrics.contains("ledge_requests_total{service=\"route-echo\",status=\"200\"} 2.0")); i++) {
                Thread.sleep(20);
                metrics = RawHttp.request(r.adminPort(), "GET", "/metrics", "localhost").body();
            }
            assertTrue(metrics.contains("ledge_requests_total{service=\"route-hello\",status=\"200\"} 2.0"), metrics);
            assertTrue(metrics.contains("ledge_requests_total{service=\"route-echo\",status=\"200\"} 2.0"), metrics);
            for (int i = 0; i < 250 && accessLines.size() < 4; i++) {
                Thread.sleep(20);
            }
            assertEquals(2, accessLines.stream().filter(l -> l.contains("\"service\":\"route-hello\"")).count(), accessLines.toString());
            assertEquals(2, accessLines.stream().filter(l -> l.contains("\"service\":\"route-echo\"")).count(), accessLines.toString());
        } finally {
            java.util.logging.Logger.getLogger("ledge.access").removeHandler(h);
        }
    }

    @Test
    void anUnknownHostWithoutADefaultServiceIsMisdirected(@TempDir Path dir) {
        Path services = Serving.write(dir, "services.toml", """
                [services.hello]
                module = %s
                hosts = ["hello.test"]
                """.formatted(Serving.quoted(Serving.sample("rust-hello"))));
        try (ServeSetup.Running r = Serving.serve(null, "--services", services.toString())) {
            assertEquals(200, RawHttp.request(r.port(), "GET", "/", "hello.test").status());
            RawHttp.Response other = RawHttp.request(r.port(), "GET", "/", "shop.test:7676");
            assertEquals(421, other.status());
            assertEquals("Ledge: no service for host 'shop.test' and no default service\n", other.body());
        }
    }

    @Test
    void eachServiceHasItsOwnLimits(@TempDir Path dir) throws Exception {
        // grow.wat answers 200 exactly when its memory cap is 2 MiB; with more room it ends at 132 pages, not 32 (504).
        Path grow = Files.write(dir.resolve("grow.wasm"), Wat.compile("grow"));
        Path spin = Files.write(dir.resolve("spin.wasm"), Wat.compile("spin"));
        Path services = Serving.write(dir, "services.toml", """
                [services.small]
                module = "grow.wasm"
                hosts = ["small.test"]
                memory_cap_mib = 2

                [services.large]
                module = "grow.wasm"
                hosts = ["large.test"]
                memory_cap_mib = 64

                [services.spin]
                module = "spin.wasm"
                hosts = ["spin.test"]
                cpu_budget_ms = 100
                max_in_flight = 1
                """);
        try (ServeSetup.Running r = Serving.serve(null, "--services", services.toString(), "--cpu-budget-ms", "60000")) {
            assertEquals(200, RawHttp.request(r.port(), "GET", "/", "small.test").status());
            assertEquals(504, RawHttp.request(r.port(), "GET", "/", "large.test").status());
            // The server-wide budget is a minute; the spin service's own 100 ms stops its endless loop.
            RawHttp.Response spun = RawHttp.request(r.port(), "GET", "/", "spin.test");
            assertEquals(503, spun.status());
            assertTrue(spun.body().contains("used up its CPU budget of 100 ms"), spun.body());
        }
    }

    @Test
    void aBusyServiceRefusesWhileAnotherServes(@TempDir Path dir) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        io.vertx.core.Promise<Void> release = io.vertx.core.Promise.promise();
        java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
        try {
            io.vertx.core.http.HttpServer origin = vertx.createHttpServer().requestHandler(req -> {
                if (req.path().equals("/fast")) {
                    req.response().end("fast\n");
                    return;
                }
                reached.countDown();
                release.future().onComplete(v -> req.response().end("late\n"));
            });
            origin.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            Files.write(dir.resolve("proxy.wasm"), Wat.compile("proxy"));
            Serving.write(dir, "origin.toml", "[local_server.backends.origin]\nurl = \"http://127.0.0.1:" + origin.actualPort() + "\"\n");
            Path services = Serving.write(dir, "services.toml", """
                    [services.narrow]
                    module = "proxy.wasm"
                    config = "origin.toml"
                    hosts = ["narrow.test"]
                    max_in_flight = 1

                    [services.wide]
                    module = "proxy.wasm"
                    config = "origin.toml"
                    hosts = ["wide.test"]
                    """);
            try (ServeSetup.Running r = Serving.serve(null, "--services", services.toString())) {
                java.util.concurrent.CompletableFuture<RawHttp.Response> held = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> RawHttp.request(r.port(), "GET", "/slow", "narrow.test"));
                assertTrue(reached.await(30, java.util.concurrent.TimeUnit.SECONDS));
                RawHttp.Response busy = RawHttp.request(r.port(), "GET", "/fast", "narrow.test");
                assertEquals(503, busy.status());
                assertEquals("Ledge: every sandbox is busy; try again shortly\n", busy.body());
                assertEquals("fast\n", RawHttp.request(r.port(), "GET", "/fast", "wide.test").body(), "the other service has sandboxes free");
                assertTrue(!held.isDone());
                release.complete();
                assertEquals("late\n", held.get(30, java.util.concurrent.TimeUnit.SECONDS).body());
            }
        } finally {
            vertx.close();
        }
    }
}
