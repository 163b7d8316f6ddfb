package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** fastly_compute_runtime from a real guest (src/test/wat/compute_runtime.wat). */
class ComputeRuntimeCallsTest {
    @Test
    void heapAndCpuTimeAreReported() {
        try (TestServer server = new TestServer(PrelinkedModule.load("compute_runtime", Wat.compile("compute_runtime")))) {
            HttpResponse<String> r = server.get("/");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
        }
    }
}
