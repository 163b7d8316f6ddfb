package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Bad handles, bad pointers, bad enums, short buffers and the cursor protocol, driven from a real
 * guest (src/test/wat/abi_errors.wat) that checks every status itself and reports the first wrong one.
 */
class AbiErrorPathsTest {
    @Test
    void everyErrorPathAnswersTheAbiStatus() {
        PrelinkedModule m = PrelinkedModule.load("abi_errors", Wat.compile("abi_errors"));
        try (TestServer server = new TestServer(m)) {
            HttpResponse<String> r = server.get("/checks");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
            // The guest's log line went to the server log with the request id.
            assertTrue(server.guestLines.stream().anyMatch(l -> l.matches("[0-9a-f]{32} ep: hello")), server.guestLines.toString());
            // The server is still serving after all that.
            assertEquals(200, server.get("/again").statusCode());
        }
    }
}
