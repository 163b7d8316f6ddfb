package dev.ledge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A dynamic backend's cert_hostname / sni_hostname lose the port Fastly's JS SDK copies into them
 * from the target (MtlsProxySampleTest runs the SDK against a TLS origin on a non-default port).
 */
class TlsHostNameTest {
    @Test
    void aPortAfterAHostOrABracketedAddressIsDropped() {
        assertEquals("localhost", Backend.tlsHostName("localhost:8443"));
        assertEquals("origin.example", Backend.tlsHostName("origin.example:443"));
        assertEquals("127.0.0.1", Backend.tlsHostName("127.0.0.1:8443"));
        assertEquals("::1", Backend.tlsHostName("[::1]:8443"));
        assertEquals("::1", Backend.tlsHostName("[::1]"));
    }

    @Test
    void namesWithoutAPortStayAsTheyAre() {
        assertEquals("origin.example", Backend.tlsHostName("origin.example"));
        assertEquals("::1", Backend.tlsHostName("::1"), "a bare IPv6 address is not host:port");
        assertEquals("a:b", Backend.tlsHostName("a:b"), "not a port");
        assertEquals("[::1", Backend.tlsHostName("[::1"));
    }
}
