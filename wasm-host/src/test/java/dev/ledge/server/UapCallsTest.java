package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** fastly_uap.parse from a real guest (src/test/wat/uap.wat). */
class UapCallsTest {
    @Test
    void userAgentsAreSplitIntoFamilyAndVersion() {
        try (TestServer server = new TestServer(PrelinkedModule.load("uap", Wat.compile("uap")))) {
            HttpResponse<String> r = server.get("/");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
        }
    }
}
