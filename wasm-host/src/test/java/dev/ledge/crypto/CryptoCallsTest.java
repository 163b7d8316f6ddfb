package dev.ledge.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Every ledge_crypto hostcall driven from a real guest (src/test/wat/crypto.wat) with known
 * answers (FIPS 180-2, RFC 4231, RFC 8032) and every error path; the guest checks each status itself.
 */
class CryptoCallsTest {
    @Test
    void everyCallAndErrorPathAnswersTheAbiStatus() {
        PrelinkedModule m = PrelinkedModule.load("crypto", Wat.compile("crypto"));
        try (TestServer server = new TestServer(m)) {
            HttpResponse<String> r = server.get("/");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
        }
    }
}
