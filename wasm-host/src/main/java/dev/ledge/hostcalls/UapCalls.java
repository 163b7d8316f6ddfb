package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.uap.UserAgent;
import dev.ledge.uap.UserAgentParser;
import java.nio.charset.StandardCharsets;

/**
 * {@code fastly_uap} (deprecated): splits a user-agent string into family, major, minor and patch
 * with {@link UserAgentParser}. Each part goes into its own buffer; when any buffer is too short,
 * nothing is written but the needed lengths of the short ones, and the status is buflen.
 */
final class UapCalls {
    static final String M = "fastly_uap";

    private UapCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "parse", i32s(14), (s, a) -> {
            GuestMemory m = s.memory();
            String ua = m.readUtf8((int) a[0], (int) a[1], "user_agent");
            UserAgent parsed = UserAgentParser.parse(ua);
            byte[][] parts = {bytes(parsed.family()), bytes(parsed.major()), bytes(parsed.minor()), bytes(parsed.patch())};
            boolean anyShort = false;
            for (int i = 0; i < 4; i++) {
                int buf = (int) a[2 + 3 * i];
                int cap = (int) a[3 + 3 * i];
                m.check((int) a[4 + 3 * i], 4, "nwritten_out");
                if (Integer.toUnsignedLong(cap) < parts[i].length) {
                    anyShort = true;
                } else {
                    m.check(buf, parts[i].length, "buffer");
                }
            }
            if (anyShort) {
                for (int i = 0; i < 4; i++) {
                    if (Integer.toUnsignedLong((int) a[3 + 3 * i]) < parts[i].length) {
                        m.writeU32((int) a[4 + 3 * i], parts[i].length, "nwritten_out");
                    }
                }
                throw new AbiError(Status.BUFLEN, "a user-agent part does not fit its buffer");
            }
            for (int i = 0; i < 4; i++) {
                m.write((int) a[2 + 3 * i], parts[i], "buffer");
                m.writeU32((int) a[4 + 3 * i], parts[i].length, "nwritten_out");
            }
            return 0;
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
