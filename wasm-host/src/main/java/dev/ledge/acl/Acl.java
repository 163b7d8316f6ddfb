package dev.ledge.acl;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One access control list: IPv4 and IPv6 networks with an action each. A lookup finds the most
 * specific network holding the address (the longest prefix); of equal prefixes the later entry wins.
 * Immutable once built; a handle to it is what {@code fastly_acl.open} gives out.
 */
public final class Acl {
    private final String name;
    /** By address length (4 or 16), then prefix bits, longest first, then network. */
    private final Map<Integer, TreeMap<Integer, Map<ByteBuffer, AclEntry>>> byLength = new HashMap<>();
    private final int size;

    Acl(String name, List<AclEntry> entries) {
        this.name = name;
        for (AclEntry e : entries) {
            byte[] net = e.prefix().network();
            byLength.computeIfAbsent(net.length, k -> new TreeMap<>(Collections.reverseOrder()))
                    .computeIfAbsent(e.prefix().bits(), k -> new HashMap<>())
                    .put(ByteBuffer.wrap(net), e);
        }
        this.size = entries.size();
    }

    public String name() {
        return name;
    }

    /** Number of entries in the file (before equal prefixes replaced each other). */
    public int size() {
        return size;
    }

    /** The JSON of the longest matching entry for {@code ip} (4 or 16 octets), or null when none matches. */
    public byte[] lookup(byte[] ip) {
        TreeMap<Integer, Map<ByteBuffer, AclEntry>> tables = byLength.get(ip.length);
        if (tables == null) {
            return null;
        }
        for (Map.Entry<Integer, Map<ByteBuffer, AclEntry>> t : tables.entrySet()) {
            AclEntry hit = t.getValue().get(ByteBuffer.wrap(IpPrefix.mask(ip, t.getKey())));
            if (hit != null) {
                return hit.json();
            }
        }
        return null;
    }
}
