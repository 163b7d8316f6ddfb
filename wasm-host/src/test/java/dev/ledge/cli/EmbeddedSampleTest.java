package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** ledge.jar carries the Rust echo sample that `ledge serve` runs when given no module, and it serves. */
class EmbeddedSampleTest {
    @Test
    void theEmbeddedSampleServes() throws Exception {
        byte[] wasm;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ServeCommand.EMBEDDED_SAMPLE)) {
            assertNotNull(in, ServeCommand.EMBEDDED_SAMPLE + " is on the classpath (guest-samples builds it first)");
            wasm = in.readAllBytes();
        }
        try (TestServer s = new TestServer(PrelinkedModule.load("rust-echo.wasm", wasm, null))) {
            HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri("/hello"))
                    .POST(HttpRequest.BodyPublishers.ofString("hi")).build());
            assertEquals(200, r.statusCode());
            assertEquals("hi", r.body());
            assertEquals("POST", r.headers().firstValue("x-echo-method").orElse(null));
        }
    }
}
