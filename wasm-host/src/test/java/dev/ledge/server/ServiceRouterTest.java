package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Host names are compared without port, case or a trailing dot; IPv6 literals keep their colons. */
class ServiceRouterTest {
    @Test
    void hostNamesLoseTheirPortCaseAndTrailingDot() {
        assertEquals("shop.example", ServiceRouter.hostName("Shop.Example:8080"));
        assertEquals("shop.example", ServiceRouter.hostName("shop.example."));
        assertEquals("::1", ServiceRouter.hostName("[::1]:7676"));
        assertEquals("::1", ServiceRouter.hostName("::1"));
        assertEquals("127.0.0.1", ServiceRouter.hostName("127.0.0.1:80"));
    }
}
