package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A guest that opts in with next_request handles further requests in the same instance (no
 * new instantiation, its state carries over), one at a time; when it stops asking, the next
 * request gets a fresh sandbox again. The fixture (src/test/wat/reuse.wat) answers 200 + the
 * number of requests its instance has served and checks next_request's error paths itself.
 */
class ReusableSandboxTest {
    @Test
    void requestsGoToTheWaitingSandboxUntilItStops() {
        try (TestServer server = new TestServer(PrelinkedModule.load("reuse", Wat.compile("reuse")))) {
            HttpResponse<String> first = server.get("/1");
            assertEquals("", first.body());
            assertEquals(201, first.statusCode());
            assertEquals(202, server.get("/2").statusCode(), "the second request reuses the instance");
            assertEquals(203, server.get("/3").statusCode());
            assertEquals(201, server.get("/4").statusCode(), "after three the guest ends; a fresh sandbox starts");
            assertEquals(202, server.get("/5").statusCode());
        }
    }
}
