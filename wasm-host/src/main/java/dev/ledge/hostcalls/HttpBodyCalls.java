package dev.ledge.hostcalls;

import static com.dylibso.chicory.wasm.types.ValType.I32;
import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.http.Body;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/** {@code fastly_http_body}: creating, reading, writing, appending and closing bodies. */
final class HttpBodyCalls {
    static final String M = "fastly_http_body";

    private HttpBodyCalls() {
    }

    static Body body(Session s, int handle) {
        return s.handles().get(handle, Body.class);
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "new", i32s(1), (s, a) -> {
            s.memory().check((int) a[0], 4, "body handle out");
            s.memory().writeU32((int) a[0], s.handles().add(new Body()), "body handle out");
            return 0;
        });
        r.fn(M, "read", i32s(4), (s, a) -> {
            Body b = body(s, (int) a[0]);
            GuestMemory m = s.memory();
            int buf = (int) a[1];
            int len = (int) a[2];
            m.check(buf, len, "buf");
            m.check((int) a[3], 4, "nread_out");
            byte[] data = b.read((int) Math.min(Integer.toUnsignedLong(len), Integer.MAX_VALUE));
            m.write(buf, data, "buf");
            m.writeU32((int) a[3], data.length, "nread_out");
            return 0;
        });
        r.fn(M, "write", i32s(5), (s, a) -> {
            Body b = body(s, (int) a[0]);
            GuestMemory m = s.memory();
            int end = (int) a[3];
            if (end != 0 && end != 1) {
                throw AbiError.inval("body_write_end " + Integer.toUnsignedString(end) + " does not exist");
            }
            m.check((int) a[4], 4, "nwritten_out");
            byte[] data = m.read((int) a[1], (int) a[2], "buf");
            if (end == 0) {
                b.writeBack(data);
            } else {
                b.writeFront(data);
            }
            m.writeU32((int) a[4], data.length, "nwritten_out");
            return 0;
        });
        r.fn(M, "append", i32s(2), (s, a) -> {
            Body dest = body(s, (int) a[0]);
            body(s, (int) a[1]);
            if (a[0] == a[1]) {
                throw AbiError.inval("cannot append a body to itself");
            }
            Body src = s.handles().take((int) a[1], Body.class);
            dest.appendFrom(src);
            return 0;
        });
        r.fn(M, "close", i32s(1), (s, a) -> {
            s.handles().take((int) a[0], Body.class).close();
            return 0;
        });
        r.fn(M, "abandon", i32s(1), (s, a) -> {
            s.handles().take((int) a[0], Body.class).abandon();
            return 0;
        });
        r.fn(M, "known_length", HostcallRegistry.p(I32, I32), (s, a) -> {
            Body b = body(s, (int) a[0]);
            s.memory().check((int) a[1], 8, "length out");
            long len = b.knownLength();
            if (len < 0) {
                throw AbiError.none("the body's length is not known");
            }
            s.memory().writeU64((int) a[1], len, "length out");
            return 0;
        });
    }
}
