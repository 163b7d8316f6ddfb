package dev.ledge.acl;

import java.nio.charset.StandardCharsets;

/** One ACL entry: a network and what to do with addresses in it (ALLOW or BLOCK). */
record AclEntry(IpPrefix prefix, String action) {

    /** The JSON a lookup answers with, laid out as Fastly's local tool lays it out. */
    byte[] json() {
        return ("{\n  \"prefix\": \"" + prefix + "\",\n  \"action\": \"" + action + "\"\n}").getBytes(StandardCharsets.US_ASCII);
    }
}
