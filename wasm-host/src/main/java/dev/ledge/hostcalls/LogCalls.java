package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.session.AbiError;
import dev.ledge.session.LogEndpoint;

/** {@code fastly_log}: named log endpoints; lines go to the server log with the request id. */
final class LogCalls {
    static final String M = "fastly_log";
    /** Longest endpoint name accepted. */
    static final int MAX_NAME = 255;

    private LogCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "endpoint_get", i32s(3), (s, a) -> {
            if (Integer.toUnsignedLong((int) a[1]) > MAX_NAME) {
                throw AbiError.inval("log endpoint name longer than " + MAX_NAME + " bytes");
            }
            String name = s.memory().readUtf8((int) a[0], (int) a[1], "endpoint name");
            if (name.isEmpty()) {
                throw AbiError.inval("empty log endpoint name");
            }
            s.memory().check((int) a[2], 4, "endpoint handle out");
            s.memory().writeU32((int) a[2], s.handles().add(new LogEndpoint(name)), "endpoint handle out");
            return 0;
        });
        r.fn(M, "write", i32s(4), (s, a) -> {
            LogEndpoint ep = s.handles().get((int) a[0], LogEndpoint.class);
            s.memory().check((int) a[3], 4, "nwritten_out");
            byte[] msg = s.memory().read((int) a[1], (int) a[2], "message");
            String text = new String(msg, java.nio.charset.StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            s.logLine(ep.name(), text);
            s.memory().writeU32((int) a[3], msg.length, "nwritten_out");
            return 0;
        });
    }
}
