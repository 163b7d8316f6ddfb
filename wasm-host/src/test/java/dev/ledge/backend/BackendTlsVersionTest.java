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
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dynamic backend's ssl_min_version / ssl_max_version are enforced by the TLS handshake: a real
 * guest (src/test/wat/dyn_tls.wat) registers a backend for a TLS origin that only speaks TLS 1.2
 * and gets tls_protocol_error when it asks for 1.3, a response when its range includes 1.2, and
 * inval when its minimum is above its maximum.
 */
class BackendTlsVersionTest {
    @TempDir
    static Path dir;
    static Vertx vertx;
    static TestServer server;
    static String caPem;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        caPem = Files.readString(Path.of(cert.certificatePath()));
        HttpServer tls12 = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions())
                        .setEnabledSecureTransportProtocols(Set.of("TLSv1.2")))
                .requestHandler(r -> r.response().end("secure"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        port = tls12.actualPort();
        Path toml = Files.writeString(dir.resolve("fastly.toml"), "name = \"tls\"\n");
        server = new TestServer(PrelinkedModule.load("dyn_tls", Wat.compile("dyn_tls")), 4, FastlyToml.load(toml));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    private static String probe(String min, String max) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/")).header("x-target", "localhost:" + port)
                .POST(HttpRequest.BodyPublishers.ofString(caPem));
        if (min != null) {
            b.header("x-min", min);
        }
        if (max != null) {
            b.header("x-max", max);
        }
        return server.send(b.build()).body();
    }

    @Test
    void aMinimumAboveWhatTheOriginSpeaksFailsWithTlsProtocolError() {
        assertEquals("failed:001:024", probe("3", null), server.guestLines::toString);
    }

    @Test
    void aRangeThatIncludesTheOriginsVersionConnects() {
        assertEquals("ok:200", probe("2", "3"));
        assertEquals("ok:200", probe(null, "2"));
        assertEquals("ok:200", probe(null, null));
    }

    @Test
    void aMaximumBelowWhatTheOriginSpeaksFails() {
        assertEquals("failed:001:024", probe("0", "1"), server.guestLines::toString);
    }

    @Test
    void aMinimumAboveTheMaximumIsInval() {
        assertEquals("register:002", probe("3", "2"));
    }
}
