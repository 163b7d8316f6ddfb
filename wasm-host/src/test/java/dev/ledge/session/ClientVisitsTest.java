package dev.ledge.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import org.junit.jupiter.api.Test;

/**
 * downstream_visits_this_service and downstream_visits_this_pop through a real guest
 * (src/test/wat/visits.wat): each service counts its own requests from a client, the process (the
 * "POP") counts them across services.
 */
class ClientVisitsTest {
    private static int[] visits(TestServer server) {
        String body = server.get("/").body();
        assertTrue(body.matches("service:\\d{3} pop:\\d{3}"), body);
        return new int[] {Integer.parseInt(body.substring(8, 11)), Integer.parseInt(body.substring(16, 19))};
    }

    @Test
    void eachServiceCountsItsOwnVisitsAndThePopCountsAll() throws Exception {
        PrelinkedModule m = PrelinkedModule.load("visits", Wat.compile("visits"));
        try (TestServer a = new TestServer(m, 4); TestServer b = new TestServer(m, 4)) {
            assertEquals(1, visits(a)[0]);
            assertEquals(2, visits(a)[0]);
            int[] third = visits(a);
            assertEquals(3, third[0]);
            int[] other = visits(b);
            assertEquals(1, other[0], "another service counts from one");
            assertTrue(other[1] >= third[1] + 1, "the POP counts every service's visits");
        }
    }
}
