package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.ops.LogTail;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that listens before its services are ready (as {@code ledge serve} does while modules
 * load) holds the requests that come meanwhile and answers them once the services are there, or
 * answers 503 naming why if they never come; nothing is answered by a service that is not there.
 */
class EarlyListenTest {
    private static final byte[] OK = Wat.compileText("early_ok", """
            (module
              (import "fastly_http_resp" "new" (func $resp_new (param i32) (result i32)))
              (import "fastly_http_resp" "send_downstream" (func $send (param i32 i32 i32) (result i32)))
              (import "fastly_http_body" "new" (func $body_new (param i32) (result i32)))
              (import "fastly_http_body" "write" (func $body_write (param i32 i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 64) "ok\\n")
              (func $ok (param i32) (if (local.get 0) (then unreachable)))
              (func (export "_start")
                (call $ok (call $resp_new (i32.const 0)))
                (call $ok (call $body_new (i32.const 4)))
                (call $ok (call $body_write (i32.load (i32.const 4)) (i32.const 64) (i32.const 3) (i32.const 0) (i32.const 8)))
                (call $ok (call $send (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.const 0)))))
            """);

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = HttpClient.newHttpClient();
    private LedgeServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        vertx.close();
    }

    private CompletableFuture<HttpResponse<String>> get(int port) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ServiceRouter router(Path data) {
        PrelinkedModule m = PrelinkedModule.load("early_ok", OK, null);
        FastlyToml toml = FastlyToml.empty();
        ServiceResources resources = ServiceResources.configure(toml, new HostContext(vertx, data));
        ServiceConfig config = new ServiceConfig(m.name(), m, resources, toml.environment(),
                new LogTail().forService(m.name(), (id, source, line) -> { }));
        return ServiceRouter.single(new HostedService(vertx, config, "1", 4));
    }

    @Test
    void aRequestThatComesBeforeTheServicesWaitsAndIsAnsweredByThem(@TempDir Path data) throws Exception {
        server = new LedgeServer(vertx, RequestLimits.defaults());
        int port = server.start("127.0.0.1", 0);
        CompletableFuture<HttpResponse<String>> early = get(port);
        Thread.sleep(300);
        assertFalse(early.isDone(), "answered before there was a service to answer it");
        server.serve(router(data));
        HttpResponse<String> r = early.get(30, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("ok\n", r.body());
        HttpResponse<String> later = get(port).get(30, TimeUnit.SECONDS);
        assertEquals(200, later.statusCode());
        assertEquals("ok\n", later.body());
    }

    @Test
    void whenTheServicesDoNotStartWaitingAndLaterRequestsGet503SayingWhy() throws Exception {
        server = new LedgeServer(vertx, RequestLimits.defaults());
        int port = server.start("127.0.0.1", 0);
        CompletableFuture<HttpResponse<String>> early = get(port);
        Thread.sleep(300);
        server.refuse("the services did not start: m.wasm: no such file");
        HttpResponse<String> r = early.get(30, TimeUnit.SECONDS);
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("the services did not start: m.wasm: no such file"), r.body());
        HttpResponse<String> later = get(port).get(30, TimeUnit.SECONDS);
        assertEquals(503, later.statusCode());
        assertTrue(later.body().contains("did not start"), later.body());
    }
}
