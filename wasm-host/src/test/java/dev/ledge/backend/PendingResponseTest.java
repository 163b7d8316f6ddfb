package dev.ledge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real guest (src/test/wat/pending_response.wat) against a real origin: header changes queued
 * on a pending request reach the response send_downstream_pending sends (real-response and
 * error-response targets kept apart), a failed backend request becomes a 502 with the error
 * changes, a second response is refused, a backend response knows the address it came from, and
 * the compliance region is "none".
 */
class PendingResponseTest {
    @TempDir
    static Path dir;
    static Vertx vertx;
    static HttpServer origin;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        origin = vertx.createHttpServer()
                .requestHandler(req -> req.response().putHeader("x-origin", "here").putHeader("x-multi", "one").end("body-a"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        Path toml = Files.writeString(dir.resolve("fastly.toml"), """
                [local_server.backends.origin]
                url = "http://127.0.0.1:%d"
                [local_server.backends.closed]
                url = "http://127.0.0.1:9"
                """.formatted(origin.actualPort()));
        server = new TestServer(PrelinkedModule.load("pending_response", Wat.compile("pending_response")), 4, FastlyToml.load(toml));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    private static HttpResponse<String> run(String mode) {
        return server.send(HttpRequest.newBuilder(server.uri("/")).header("x-mode", mode).build());
    }

    private static boolean logged(String line) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (server.guestLines.stream().anyMatch(l -> l.endsWith(" t: " + line))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void queuedHeaderChangesReachTheResponseSentDownstream() throws Exception {
        HttpResponse<String> r = run("e");
        assertEquals(200, r.statusCode());
        assertEquals("body-a", r.body());
        assertEquals("yes", r.headers().firstValue("x-added").orElse(null));
        assertEquals(java.util.List.of("one", "two"), r.headers().allValues("x-multi"));
        assertTrue(r.headers().firstValue("x-origin").isEmpty(), "the queued removal applies");
        assertTrue(r.headers().firstValue("x-err").isEmpty(), "changes for error responses stay off real ones");
        // insert, append, insert(error), remove: ok; target 3: inval; a body handle: badf;
        // send_downstream_pending: ok; a second one after the response went out: inval
        assertTrue(logged("e:000000000000002003000002"), server.guestLines.toString());
    }

    @Test
    void aFailedBackendRequestSendsA502WithTheErrorChanges() throws Exception {
        HttpResponse<String> r = run("f");
        assertEquals(502, r.statusCode());
        assertTrue(r.body().contains("connection refused"), r.body());
        assertEquals("1", r.headers().firstValue("x-err").orElse(null));
        assertEquals("1", r.headers().firstValue("x-any").orElse(null));
        assertTrue(r.headers().firstValue("x-real").isEmpty());
        assertTrue(logged("f:001"), server.guestLines.toString());
    }

    @Test
    void aBackendResponseKnowsWhereItCameFrom() {
        String body = run("d").body();
        assertEquals("ip:004:127.000.000.001 port:" + String.format("%06d", origin.actualPort()) + " none:010 010", body);
    }

    @Test
    void theComplianceRegionIsNone() {
        assertEquals("none|none|004:004", run("r").body());
    }
}
