package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The optional Server-Timing header and the JSON access log line per request. */
class ObservabilityTest {
    @Test
    void serverTimingAndAccessLogDescribeEachRequest() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
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
        Logger access = Logger.getLogger("ledge.access");
        access.addHandler(h);
        try (TestServer server = new TestServer(PrelinkedModule.load("isolation", Wat.compile("isolation"))).observe(true, true)) {
            HttpResponse<String> r = server.get("/shop?x=1");
            assertEquals(200, r.statusCode());
            String timing = r.headers().firstValue("server-timing").orElse("");
            assertTrue(timing.matches("instantiate;dur=\\d+\\.\\d{3}, execute;dur=\\d+\\.\\d{3}"), timing);
            try (TestServer other = new TestServer(PrelinkedModule.load("nothing", Wat.compile("nothing")))) {
                HttpResponse<String> empty = other.observe(true, false).get("/");
                assertTrue(empty.headers().firstValue("server-timing").isPresent(), "also on responses the host makes");
            }
            for (int i = 0; i < 50 && lines.isEmpty(); i++) {
                Thread.sleep(20);
            }
            JsonNode json = new ObjectMapper().readTree(lines.get(0));
            assertEquals("GET", json.get("method").asText());
            assertEquals("/shop?x=1", json.get("path").asText());
            assertEquals(200, json.get("status").asInt());
            assertEquals("isolation", json.get("service").asText());
            assertTrue(json.get("id").asText().matches("[0-9a-f]{32}"));
            assertTrue(json.get("instantiate_us").asLong() >= 0 && json.get("execute_us").asLong() >= 0, lines.get(0));
            assertEquals("127.0.0.1", json.get("client").asText());
        } finally {
            access.removeHandler(h);
        }
    }
}
