package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.geo.Geolocation;
import dev.ledge.session.AbiError;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code fastly_geo}: what the service knows about an IP address, as one JSON object. An address
 * nothing is known about gets an empty answer (0 bytes, status ok), as Fastly's local tool gives.
 */
final class GeoCalls {
    static final String M = "fastly_geo";

    private GeoCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "lookup", i32s(5), (s, a) -> {
            int len = (int) a[1];
            if (len != 4 && len != 16) {
                throw AbiError.inval("addr_len must be 4 or 16, got " + Integer.toUnsignedString(len));
            }
            byte[] octets = s.memory().read((int) a[0], len, "addr_octets");
            s.memory().check((int) a[4], 4, "nwritten_out");
            InetAddress addr;
            try {
                addr = InetAddress.getByAddress(octets);
            } catch (UnknownHostException e) {
                throw AbiError.inval("not an IP address");
            }
            byte[] json = s.resource(Geolocation.class).lookup(addr);
            s.memory().writeSized(json == null ? new byte[0] : json, (int) a[2], (int) a[3], (int) a[4]);
            return 0;
        });
    }
}
