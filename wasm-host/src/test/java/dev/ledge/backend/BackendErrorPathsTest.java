package dev.ledge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sending to backends from a real guest (src/test/wat/backend_errors.wat) against a real origin:
 * unknown and refused backends with their send_error_detail, wrong-kind handles, async polling
 * and select, backend facts, dynamic backends and request settings. Plus fastly.toml errors.
 */
class BackendErrorPathsTest {
    @Test
    void everyBackendPathAnswersTheAbiStatus(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer origin = vertx.createHttpServer()
                    .requestHandler(req -> req.response().end("body" + req.path().replace('/', '-')))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            Path toml = Files.writeString(dir.resolve("fastly.toml"), """
                    [local_server.backends.origin]
                    url = "http://127.0.0.1:%d"
                    [local_server.backends.closed]
                    url = "http://127.0.0.1:9"
                    """.formatted(origin.actualPort()));
            PrelinkedModule m = PrelinkedModule.load("backend_errors", Wat.compile("backend_errors"));
            try (TestServer server = new TestServer(m, 8, FastlyToml.load(toml))) {
                HttpResponse<String> r = server.get("/");
                assertEquals("all checks passed", r.body());
                assertEquals(200, r.statusCode());
            }
        } finally {
            vertx.close();
        }
    }

    private static String configError(Path dir, String backends) throws Exception {
        Path toml = Files.writeString(dir.resolve("fastly.toml"), "[local_server.backends]\n" + backends);
        ConfigException e = assertThrows(ConfigException.class, () -> BackendsConfig.read(FastlyToml.load(toml)));
        assertTrue(e.getMessage().startsWith(toml + ": [local_server.backends"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badBackendsInFastlyTomlAreNamed(@TempDir Path dir) throws Exception {
        assertTrue(configError(dir, "origin = \"http://x\"\n").contains("key 'origin': must be a table"));
        assertTrue(configError(dir, "[local_server.backends.origin]\noverride_host = \"a\"\n").contains("[local_server.backends.origin] key 'url': is missing"));
        assertTrue(configError(dir, "[local_server.backends.origin]\nurl = \"ftp://x\"\n").contains("key 'url': must be an absolute http"));
        assertTrue(configError(dir, "[local_server.backends.origin]\nurl = \"not a url\"\n").contains("key 'url'"));
        assertTrue(configError(dir, "[local_server.backends.origin]\nurl = \"http://x\"\nbogus = 1\n").contains("key 'bogus': is not a backend setting"));
        assertTrue(configError(dir, "[local_server.backends.origin]\nurl = \"http://x\"\nuse_sni = \"yes\"\n").contains("key 'use_sni': must be true or false"));
        assertTrue(configError(dir, "[local_server.backends.origin]\nurl = \"http://x\"\nfirst_byte_timeout_ms = -5\n").contains("key 'first_byte_timeout_ms'"));
        assertTrue(configError(dir, "[local_server.backends.origin]\nurl = \"https://x\"\nca_certificate = \"missing.pem\"\n").contains("key 'ca_certificate': cannot read"));
    }

    @Test
    void aBackendUrlGivesHostPortAndPathPrefix(@TempDir Path dir) throws Exception {
        Path toml = Files.writeString(dir.resolve("fastly.toml"), """
                [local_server.backends.api]
                url = "https://api.example.com/v2/"
                override_host = "www.example.com"
                """);
        Backend b = BackendsConfig.read(FastlyToml.load(toml)).get("api");
        assertEquals("api.example.com", b.host());
        assertEquals(443, b.port());
        assertEquals("/v2", b.pathPrefix());
        assertTrue(b.tls());
        assertEquals("www.example.com", b.overrideHost());
        assertEquals(Backend.DEFAULT_FIRST_BYTE_MS, b.firstByteTimeoutMs());
    }
}
