package dev.ledge.hostcalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher records each (hostcall, status) pair a real guest produced, and the unsupported
 * stub's calls, in the file named by {@code ledge.coverage.file} (which surefire sets).
 */
class CallRecorderTest {
    @Test
    void guestCallsAreRecordedWithTheirStatusesOnceEach() throws Exception {
        String file = System.getProperty(CallRecorder.PROPERTY);
        assertNotNull(file, "surefire sets " + CallRecorder.PROPERTY);
        assertTrue(CallRecorder.ENABLED);
        PrelinkedModule m = PrelinkedModule.load("abi_errors", Wat.compile("abi_errors"));
        try (TestServer server = new TestServer(m)) {
            assertEquals("all checks passed", server.get("/checks").body());
        }
        CallRecorder.flush();
        CallRecorder.flush();
        List<String> lines = Files.readAllLines(Path.of(file));
        assertTrue(lines.contains("fastly_abi.init ok"), lines.toString());
        assertTrue(lines.contains("fastly_http_body.new ok"), lines.toString());
        assertTrue(lines.contains("fastly_http_body.read badf"), lines.toString());
        assertTrue(lines.contains("fastly_http_resp.header_names_get buflen"), lines.toString());
        assertTrue(lines.contains("fastly_http_req.uri_set inval"), lines.toString());
        assertTrue(lines.contains("fastly_http_req.downstream_client_ddos_detected stub"), lines.toString());
        assertEquals(new HashSet<>(lines).size(), lines.size(), "each line once, also after a second flush");
    }
}
