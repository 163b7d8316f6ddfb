package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.purge.Purges;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import java.nio.charset.StandardCharsets;

/**
 * {@code fastly_purge}: surrogate-key purges (hard or soft) handed to the service's {@link Purges};
 * with ret_buf the JSON reply goes into the buffer the purge_options record describes.
 */
final class PurgeCalls {
    static final String M = "fastly_purge";
    static final int SOFT_PURGE = 1;
    static final int RET_BUF = 2;

    private PurgeCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "purge_surrogate_key", i32s(4), (s, a) -> {
            GuestMemory m = s.memory();
            byte[] key = m.read((int) a[0], (int) a[1], "surrogate_key");
            if (!Purges.isSurrogateKey(key)) {
                throw AbiError.inval("a surrogate key is 1 to " + Purges.MAX_KEY_BYTES + " printable ASCII characters without spaces");
            }
            int mask = (int) a[2];
            if ((mask & ~(SOFT_PURGE | RET_BUF)) != 0) {
                throw AbiError.inval("purge_options_mask " + Integer.toHexString(mask) + " has unknown bits");
            }
            Purges purges = s.resource(Purges.class);
            String id = purges.newPurgeId();
            byte[] reply = Purges.reply(id).getBytes(StandardCharsets.US_ASCII);
            int buf = 0;
            int nwritten = 0;
            boolean retBuf = (mask & RET_BUF) != 0;
            if (retBuf) {
                int options = (int) a[3];
                m.check(options, 12, "purge_options");
                buf = m.readU32(options, "purge_options.ret_buf_ptr");
                int cap = m.readU32(options + 4, "purge_options.ret_buf_len");
                nwritten = m.readU32(options + 8, "purge_options.ret_buf_nwritten_out");
                m.check(nwritten, 4, "ret_buf_nwritten_out");
                if (Integer.toUnsignedLong(cap) < reply.length) {
                    m.writeU32(nwritten, reply.length, "ret_buf_nwritten_out");
                    throw new AbiError(Status.BUFLEN, "the purge reply needs " + reply.length + " bytes");
                }
                m.check(buf, reply.length, "ret_buf");
            }
            purges.purge(s.id(), id, new String(key, StandardCharsets.US_ASCII), (mask & SOFT_PURGE) != 0);
            if (retBuf) {
                m.write(buf, reply, "ret_buf");
                m.writeU32(nwritten, reply.length, "ret_buf_nwritten_out");
            }
            return 0;
        });
    }
}
