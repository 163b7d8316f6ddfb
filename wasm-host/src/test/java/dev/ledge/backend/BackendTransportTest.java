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

    @Test
    void gzipResponsesAreDecompressedOnlyWhenTheGuestAsks(@TempDir Path dir) throws Exception {
        byte[] text = "hello, compressed world! ".repeat(200).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(text);
        }
        HttpServer origin = vertx.createHttpServer()
                .requestHandler(r -> r.response().putHeader("content-encoding", "gzip").end(io.vertx.core.buffer.Buffer.buffer(gz.toByteArray())))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        Path toml = Files.writeString(dir.resolve("fastly.toml"),
                "[local_server.backends.origin]\nurl = \"http://127.0.0.1:" + origin.actualPort() + "\"\n");
        PrelinkedModule m = PrelinkedModule.load("gunzip_proxy", Wat.compile("gunzip_proxy"));
        try (TestServer server = new TestServer(m, 4, FastlyToml.load(toml))) {
            java.net.http.HttpResponse<byte[]> auto = server.client().send(
                    java.net.http.HttpRequest.newBuilder(server.uri("/auto")).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(text, auto.body());
            assertEquals(java.util.Optional.empty(), auto.headers().firstValue("content-encoding"));
            java.net.http.HttpResponse<byte[]> raw = server.client().send(
                    java.net.http.HttpRequest.newBuilder(server.uri("/raw")).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(gz.toByteArray(), raw.body());
            assertEquals("gzip", raw.headers().firstValue("content-encoding").orElse(null));
        }
    }
}
