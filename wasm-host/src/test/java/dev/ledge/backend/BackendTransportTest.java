package dev.ledge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to backends (a CA certificate from fastly.toml makes a self-signed origin trusted; without
 * it the handshake fails with detail tls_certificate_error) and the first-byte timeout
 * (http_response_timeout), seen by a real guest (src/test/wat/send_probe.wat).
 */
class BackendTransportTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close();
    }

    private String probe(Path dir, String backends) throws Exception {
        Path toml = Files.writeString(dir.resolve("fastly.toml"), backends);
        PrelinkedModule m = PrelinkedModule.load("send_probe", Wat.compile("send_probe"));
        try (TestServer server = new TestServer(m, 4, FastlyToml.load(toml))) {
            return server.get("/").body();
        }
    }

    @Test
    void tlsBackendsAreVerifiedAgainstTheConfiguredCa(@TempDir Path dir) throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
                .requestHandler(r -> r.response().end("secure"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        String body = probe(dir, """
                [local_server.backends.a]
                url = "https://localhost:%1$d"
                connect_timeout_ms = 20000
                [local_server.backends.b]
                url = "https://localhost:%1$d"
                ca_certificate = "%2$s"
                connect_timeout_ms = 20000
                """.formatted(tls.actualPort(), cert.certificatePath()));
        assertEquals("a-failed:011 b:200", body);
    }

    @Test
    void aBackendThatNeverAnswersHitsTheFirstByteTimeout(@TempDir Path dir) throws Exception {
        HttpServer silent = vertx.createHttpServer().requestHandler(r -> { })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        HttpServer fast = vertx.createHttpServer().requestHandler(r -> r.response().setStatusCode(204).end())
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        String body = probe(dir, """
                [local_server.backends.a]
                url = "http://127.0.0.1:%d"
                first_byte_timeout_ms = 300
                [local_server.backends.b]
                url = "http://127.0.0.1:%d"
                """.formatted(silent.actualPort(), fast.actualPort()));
        assertEquals("a-failed:016 b:204", body);
    }
}
