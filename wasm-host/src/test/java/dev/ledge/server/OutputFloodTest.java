package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.session.Session;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import org.junit.jupiter.api.Test;

/**
 * Floods are bounded: log-endpoint output is cut off at the per-request limit with one line
 * saying so, and header edits stop at 1000 fields or 256 KiB with httpheadtoolarge.
 */
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

    @Test
    void headerFloodsStopAtTheLimitWithHttpheadtoolarge() {
        try (TestServer server = new TestServer(PrelinkedModule.load("header_flood", Wat.compile("header_flood")))) {
            // 200 + 11 (httpheadtoolarge), and exactly 1000 fields were accepted before it.
            assertEquals(211, server.get("/").statusCode());
        }
    }
}
