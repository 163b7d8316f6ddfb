package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client address a guest sees comes from the socket; Forwarded and X-Forwarded-For count only
 * when the socket's peer is a trusted proxy, and then the rightmost untrusted hop wins.
 */
class TrustedProxyTest {
    private static String clientSeen(TestServer s, String header, String value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/"));
        if (header != null) {
            b.header(header, value);
        }
        HttpResponse<byte[]> r = s.client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return InetAddress.getByAddress(r.body()).getHostAddress();
    }

    @Test
    void withoutTrustedProxiesTheHeadersAreIgnored() throws Exception {
        try (TestServer s = new TestServer(PrelinkedModule.load("client_ip", Wat.compile("client_ip")))) {
            assertEquals("127.0.0.1", clientSeen(s, null, null));
            assertEquals("127.0.0.1", clientSeen(s, "X-Forwarded-For", "203.0.113.9"));
            assertEquals("127.0.0.1", clientSeen(s, "Forwarded", "for=203.0.113.9"));
        }
    }

    @Test
    void aTrustedProxyPassesTheClientOn() throws Exception {
        try (TestServer s = new TestServer(PrelinkedModule.load("client_ip", Wat.compile("client_ip")))
                .trustProxies(List.of("127.0.0.1", "10.0.0.0/8"))) {
            assertEquals("203.0.113.9", clientSeen(s, "X-Forwarded-For", "203.0.113.9"));
            // A client-supplied first hop does not win over what the trusted chain appended.
            assertEquals("198.51.100.4", clientSeen(s, "X-Forwarded-For", "1.2.3.4, 198.51.100.4, 10.1.2.3"));
            assertEquals("2001:db8:0:0:0:0:0:7", clientSeen(s, "Forwarded", "for=\"[2001:db8::7]:4711\";proto=http"));
            assertEquals("127.0.0.1", clientSeen(s, "X-Forwarded-For", "not-an-address"));
        }
    }

    @Test
    void aBadTrustedProxyIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ClientAddress.trusting(List.of("10.0.0.0/99")));
        assertTrue(e.getMessage().startsWith("--trusted-proxy 10.0.0.0/99: "), e.getMessage());
    }
}
