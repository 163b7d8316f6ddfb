package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** How the end of a run becomes the client's answer when the guest sent none; the server survives each. */
class OutcomeTest {
    @Test
    void aTrapGives500AndTheServerKeepsServing() {
        try (TestServer server = new TestServer(PrelinkedModule.load("trap", Wat.compile("trap")))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = server.get("/");
                assertEquals(500, r.statusCode());
                assertTrue(r.body().contains("trapped"), r.body());
            }
        }
    }

    @Test
    void aGuestThatSendsNothingGives200WithAnEmptyBody() {
        try (TestServer server = new TestServer(PrelinkedModule.load("nothing", Wat.compile("nothing")))) {
            HttpResponse<String> r = server.get("/");
            assertEquals(200, r.statusCode());
            assertEquals("", r.body());
        }
    }

    @Test
    void aNonZeroExitBeforeRespondingGives500NamingTheCode() {
        try (TestServer server = new TestServer(PrelinkedModule.load("exit3", Wat.compile("exit3")))) {
            HttpResponse<String> r = server.get("/");
            assertEquals(500, r.statusCode());
            assertTrue(r.body().contains("exited with code 3"), r.body());
        }
    }
}
