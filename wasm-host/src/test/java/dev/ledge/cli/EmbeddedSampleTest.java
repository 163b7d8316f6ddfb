package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.testing.RawHttp;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * `ledge serve` with no module serves the Rust samples inside ledge.jar, routed by Host: echo as
 * the default, geo-pricing and ab-test (whose origin is the echo sample on the same server).
 */
class EmbeddedSampleTest {
    @Test
    void theEmbeddedSamplesServeByHostName() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (ServeSetup.Running r = Serving.serve(null, "--addr", "127.0.0.1:" + port)) {
            assertEquals(3, r.services().router().services().size());
            RawHttp.Response echo = RawHttp.request(port, "GET", "/hello", "localhost:" + port);
            assertEquals(200, echo.status());
            assertEquals("GET", echo.headers().get("x-echo-method"));

            RawHttp.Response price = RawHttp.request(port, "GET", "/price?product=mate&usd=20", "geo-pricing.localhost:" + port,
                    "x-client-ip: 8.8.8.8");
            assertEquals(200, price.status(), price.body());
            JsonNode json = new ObjectMapper().readTree(price.body());
            assertEquals("US", json.get("country").asText(), "the country database inside ledge.jar knows 8.8.8.8");
            assertEquals("USD", json.get("currency").asText());

            RawHttp.Response ab = RawHttp.request(port, "GET", "/pricing", "ab-test.localhost");
            assertEquals(200, ab.status(), ab.body());
            String variant = ab.headers().get("x-ab-variant");
            assertTrue(variant.equals("a") || variant.equals("b"), variant);
            assertTrue(ab.headers().get("x-echo-uri").endsWith("/" + variant + "/pricing"), ab.headers().toString());
            assertTrue(ab.headers().get("set-cookie").startsWith("ab_demo=" + variant), ab.headers().toString());
        }
    }
}
