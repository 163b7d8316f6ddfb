package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.session.Session;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import org.junit.jupiter.api.Test;

/** A guest that floods a log endpoint is cut off at the per-request limit, with one line saying so. */
class OutputFloodTest {
    @Test
    void logFloodsAreBoundedAndReported() {
        try (TestServer server = new TestServer(PrelinkedModule.load("log_flood", Wat.compile("log_flood")))) {
            assertEquals(200, server.get("/").statusCode(), "the guest itself is not harmed");
            long kept = server.guestLines.stream().filter(l -> l.contains(" flood: x")).count();
            assertEquals(Session.OUTPUT_LIMIT / 1000, kept);
            assertEquals(1, server.guestLines.stream().filter(l -> l.contains("log output past " + Session.OUTPUT_LIMIT)).count());
            assertTrue(server.guestLines.size() < 1100, "nothing past the notice: " + server.guestLines.size());
        }
    }
}
