package dev.ledge.conformance.suite;

import dev.ledge.config.FastlyToml;
import dev.ledge.conformance.Origin;
import dev.ledge.engine.CompileCache;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP-mode conformance guest (rust-http_downstream) served by a real Ledge server on
 * loopback with the suite's fastly.toml, or, with {@code -Dconformance.url=http://host:port},
 * by whatever runtime already serves it there.
 */
class HttpConformanceTest {
    @TempDir
    Path dir;

    @TestFactory
    DynamicContainer httpDownstreamGuest() throws Exception {
        return results(System.getProperty(HttpCases.URL_PROPERTY, ""), dir);
    }

    /**
     * The HTTP cases against {@code url} (a {@code -Dconformance.url} value) or, when it is blank,
     * against a Ledge server started here with the suite's fastly.toml written into {@code dir}.
     */
    static DynamicContainer results(String url, Path dir) throws Exception {
        if (!url.isBlank()) {
            return HttpCases.results("rust-http_downstream at " + url, URI.create(url));
        }
        try (Origin origin = new Origin()) {
            FastlyToml toml = FastlyToml.load(Suite.config(dir, origin.port()));
            CompileCache cache = new CompileCache(Path.of(System.getProperty("ledge.test.work", "target/test-work"), "compile-cache"));
            PrelinkedModule module = PrelinkedModule.load(Suite.guest("rust-http_downstream"), cache);
            try (TestServer server = new TestServer(module, 4, toml)) {
                return HttpCases.results("rust-http_downstream", server.uri("/"));
            }
        }
    }
}
