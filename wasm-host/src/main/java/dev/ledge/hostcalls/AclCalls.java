package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.acl.Acl;
import dev.ledge.acl.Acls;
import dev.ledge.http.Body;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;

/**
 * {@code fastly_acl}: opening the service's ACLs by name and longest-prefix lookups of IPv4 and
 * IPv6 addresses; a match comes back as a JSON body, no match as acl_error no_content.
 */
final class AclCalls {
    static final String M = "fastly_acl";
    /** acl_error values (types.abi). */
    static final int ACL_OK = 1;
    static final int ACL_NO_CONTENT = 2;

    private AclCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "open", i32s(3), (s, a) -> {
            String name = s.memory().readUtf8((int) a[0], (int) a[1], "acl name");
            s.memory().check((int) a[2], 4, "acl_handle_out");
            Acl acl = s.resource(Acls.class).get(name);
            if (acl == null) {
                throw AbiError.none("no ACL named '" + name + "'");
            }
            s.memory().writeU32((int) a[2], s.handles().add(acl), "acl_handle_out");
            return 0;
        });
        r.fn(M, "lookup", i32s(5), (s, a) -> {
            Acl acl = s.handles().get((int) a[0], Acl.class);
            GuestMemory m = s.memory();
            int len = (int) a[2];
            if (len != 4 && len != 16) {
                throw AbiError.inval("ip_len " + Integer.toUnsignedString(len) + " is neither 4 nor 16");
            }
            byte[] ip = m.read((int) a[1], len, "ip_octets");
            m.check((int) a[3], 4, "body_handle_out");
            m.check((int) a[4], 4, "acl_error_out");
            byte[] json = acl.lookup(ip);
            if (json == null) {
                m.writeU32((int) a[4], ACL_NO_CONTENT, "acl_error_out");
                return 0;
            }
            Body body = new Body();
            body.writeBack(json);
            m.writeU32((int) a[3], s.handles().add(body), "body_handle_out");
            m.writeU32((int) a[4], ACL_OK, "acl_error_out");
            return 0;
        });
    }
}
