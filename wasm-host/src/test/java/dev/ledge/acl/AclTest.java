package dev.ledge.acl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prefix parsing and printing, and longest-prefix lookups. */
class AclTest {
    private static byte[] v4(String s) {
        return IpText.parseV4(s);
    }

    private static byte[] v6(String s) {
        return IpText.parseV6(s);
    }

    private static AclEntry e(String prefix, String action) {
        return new AclEntry(IpPrefix.parse(prefix), action);
    }

    private static String json(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void prefixesAreNormalisedToTheirNetwork() {
        assertEquals("255.255.255.255/32", IpPrefix.parse("255.255.255.255/32").toString());
        assertEquals("255.0.0.0/8", IpPrefix.parse("255.255.255.255/8").toString());
        assertEquals("1.2.3.0/24", IpPrefix.parse("1.2.3.4/24").toString());
        assertEquals("192.168.0.0/13", IpPrefix.parse("192.175.1.1/13").toString());
        assertEquals("2002:0:0:1234::/64", IpPrefix.parse("2002::1234:abcd:ffff:c0a8:101/64").toString());
        assertEquals("2000::/32", IpPrefix.parse("2000::AB/32").toString());
        assertEquals("::/1", IpPrefix.parse("::1/1").toString());
        assertEquals("::1/128", IpPrefix.parse("::1/128").toString());
        assertEquals("::ffff:1.2.3.0/120", IpPrefix.parse("::ffff:1.2.3.4/120").toString());
        assertEquals("1:0:2::/48", IpPrefix.parse("1:0:2:0:0:0:0:0/48").toString());
        assertEquals("1::2:0:0:3:4/128", IpPrefix.parse("1:0:0:2:0:0:3:4/128").toString(), "the first of equal runs is compressed");
        assertEquals("1:0:0:2::3/128", IpPrefix.parse("1:0:0:2:0:0:0:3/128").toString(), "the longest run is compressed");
        assertEquals("1:2:3:4:5:6:0:8/128", IpPrefix.parse("1:2:3:4:5:6::8/128").toString(), "a single zero group stays");
    }

    @Test
    void badPrefixesAreRefusedWithAReason() {
        for (String bad : List.of("1.2.3.4/33", "1.2.3.4/0", "200::/129", "200::/none", "1.2.3.four/16", "200::end/32",
                "1.2.3.4", "200::", "1.2.3/8", "01.2.3.4/8", "256.1.1.1/8", "1::2::3/64", "1:2:3:4:5:6:7:8:9/64",
                "1:2:3:4:5:6:7/64", ":1::/64", "1.2.3.4/", "/8", "12345::/16", "1.2.3.4/+8")) {
            assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(bad), bad);
        }
    }

    @Test
    void theLongestMatchingPrefixWins() {
        Acl acl = new Acl("t", List.of(e("192.168.100.0/16", "BLOCK"), e("192.168.100.0/24", "ALLOW"), e("192.168.100.0/8", "BLOCK"),
                e("2001:db8::/32", "BLOCK"), e("2001:db8:1::/48", "ALLOW")));
        assertEquals("{\n  \"prefix\": \"192.168.100.0/24\",\n  \"action\": \"ALLOW\"\n}", json(acl.lookup(v4("192.168.100.1"))));
        assertEquals("{\n  \"prefix\": \"192.168.0.0/16\",\n  \"action\": \"BLOCK\"\n}", json(acl.lookup(v4("192.168.200.1"))));
        assertEquals("{\n  \"prefix\": \"192.0.0.0/8\",\n  \"action\": \"BLOCK\"\n}", json(acl.lookup(v4("192.1.1.1"))));
        assertNull(acl.lookup(v4("1.1.1.1")));
        assertEquals("{\n  \"prefix\": \"2001:db8:1::/48\",\n  \"action\": \"ALLOW\"\n}", json(acl.lookup(v6("2001:db8:1::7"))));
        assertEquals("{\n  \"prefix\": \"2001:db8::/32\",\n  \"action\": \"BLOCK\"\n}", json(acl.lookup(v6("2001:db8:2::7"))));
        assertNull(acl.lookup(v6("2001:db9::1")));
    }

    @Test
    void ipv4AndIpv6NeverMatchEachOther() {
        Acl acl = new Acl("t", List.of(e("192.168.0.0/16", "BLOCK"), e("::ffff:10.0.0.0/104", "BLOCK")));
        assertNull(acl.lookup(v6("::ffff:192.168.1.1")));
        assertNull(acl.lookup(v4("10.1.1.1")));
    }

    @Test
    void ofEqualPrefixesTheLaterEntryWins() {
        Acl acl = new Acl("t", List.of(e("10.0.0.0/8", "BLOCK"), e("10.1.2.3/8", "ALLOW")));
        assertEquals("{\n  \"prefix\": \"10.0.0.0/8\",\n  \"action\": \"ALLOW\"\n}", json(acl.lookup(v4("10.9.9.9"))));
        assertEquals(2, acl.size());
    }

    @Test
    void addressesParseStrictly() {
        assertArrayEquals(new byte[] {1, 2, 3, 4}, v4("1.2.3.4"));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4}, v6("::ffff:1.2.3.4"));
        assertEquals("::", IpText.format(new byte[16]));
        assertEquals("::1", IpText.format(v6("0:0:0:0:0:0:0:1")));
        assertEquals("1::", IpText.format(v6("1::")));
        assertEquals("fe80::1:2", IpText.format(v6("FE80:0:0:0:0:0:1:2")));
    }
}
