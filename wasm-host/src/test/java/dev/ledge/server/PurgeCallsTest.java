package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** fastly_purge from a real guest (src/test/wat/purge.wat); each purge is logged with the request id. */
class PurgeCallsTest {
    @Test
    void purgesAreAcceptedLoggedAndAnswered() {
        Logger log = Logger.getLogger("ledge.purge");
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
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
        log.addHandler(capture);
        try (TestServer server = new TestServer(PrelinkedModule.load("purge", Wat.compile("purge")))) {
            HttpResponse<String> r = server.get("/");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(4, lines.size(), "calls that failed purge nothing: " + lines);
        assertTrue(lines.get(0).matches("\\[[0-9a-f]{32}] purge of surrogate key 'product-1' \\(purge id [0-9]+-[0-9]+-[0-9]{6}\\)"), lines.get(0));
        assertTrue(lines.get(1).matches("\\[[0-9a-f]{32}] soft purge of surrogate key 'soft-key' .*"), lines.get(1));
        assertTrue(lines.get(2).contains("purge of surrogate key 'reply-key'"), lines.get(2));
        assertTrue(lines.get(3).contains("'" + "k".repeat(1024) + "'"), lines.get(3));
    }
}
