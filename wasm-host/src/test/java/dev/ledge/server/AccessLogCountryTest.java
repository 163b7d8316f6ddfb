package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access log's client_country comes from the service's geolocation of the client address (through trusted proxies). */
class AccessLogCountryTest {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger access = Logger.getLogger("ledge.access");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        access.addHandler(handler);
    }

    @AfterEach
    void stop() {
        access.removeHandler(handler);
    }

    private JsonNode logged(TestServer s, String forwardedFor) throws Exception {
        lines.clear();
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/"));
        if (forwardedFor != null) {
            b.header("x-forwarded-for", forwardedFor);
        }
        assertEquals(200, s.send(b.build()).statusCode());
        for (int i = 0; i < 250 && lines.isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertEquals(1, lines.size(), lines.toString());
        return new ObjectMapper().readTree(lines.get(0));
    }

    private static PrelinkedModule module() {
        return PrelinkedModule.load("isolation", Wat.compile("isolation"));
    }

    @Test
    void theBundledDatabaseGivesPublicAddressesTheirCountry() throws Exception {
        try (TestServer s = new TestServer(module()).trustProxies(List.of("127.0.0.1")).observe(false, true)) {
            JsonNode j = logged(s, "8.8.8.8");
            assertEquals("8.8.8.8", j.get("client").asText());
            assertEquals("US", j.get("client_country").asText());
            JsonNode loopback = logged(s, null);
            assertEquals("127.0.0.1", loopback.get("client").asText());
            assertEquals("US", loopback.get("client_country").asText(), "loopback gets the local tool's default record");
        }
    }

    @Test
    void addressesListedInFastlyTomlWin() throws Exception {
        FastlyToml toml = FastlyToml.parse(Path.of("fastly.toml"), """
                [local_server.geolocation]
                format = "inline-toml"
                use_default_loopback = false
                [local_server.geolocation.addresses]
                "8.8.8.8" = { country_code = "AR", city = "Buenos Aires" }
                """);
        try (TestServer s = new TestServer(module(), 8, toml).trustProxies(List.of("127.0.0.1")).observe(false, true)) {
            assertEquals("AR", logged(s, "8.8.8.8").get("client_country").asText());
            JsonNode loopback = logged(s, null);
            assertTrue(loopback.get("client_country").isNull(), "nothing known about loopback here: " + loopback);
        }
    }
}
