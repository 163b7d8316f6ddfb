package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * fastly_erl from a real guest (src/test/wat/erl.wat): counting, rates, penalty boxes, check_rate
 * and their error paths; and rate counters shared by the requests of a service, each in a fresh sandbox.
 */
class ErlCallsTest {
    @Test
    void rateCountersAndPenaltyBoxesWorkAndAreSharedByRequests() {
        try (TestServer server = new TestServer(PrelinkedModule.load("erl", Wat.compile("erl")))) {
            HttpResponse<String> first = server.get("/first");
            assertEquals("all checks passed", first.body());
            assertEquals(200, first.statusCode());
            assertEquals("1", first.headers().firstValue("x-visits").orElse(null));
            HttpResponse<String> second = server.get("/second");
            assertEquals("all checks passed", second.body());
            assertEquals("2", second.headers().firstValue("x-visits").orElse(null), "the second sandbox sees the first one's count");
        }
    }
}
