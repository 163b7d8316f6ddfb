package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.http.Body;
import dev.ledge.http.BodyException;
import dev.ledge.http.HeaderMap;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fastly_http_body} trailer calls: a guest adds trailer fields to a body it writes (sent
 * after a chunked response to the client; requests to backends go without them), and reads the
 * trailers that followed a backend's response body once that body has arrived and been read
 * ({@code again} before that).
 */
final class TrailerCalls {
    private TrailerCalls() {
    }

    static void register(HostcallRegistry r) {
        String m = HttpBodyCalls.M;
        r.fn(m, "trailer_append", i32s(5), (s, a) -> {
            Body b = HttpBodyCalls.body(s, (int) a[0]);
            String name = HeaderCalls.name(s.memory(), (int) a[1], (int) a[2]);
            byte[] value = HeaderCalls.value(s.memory().read((int) a[3], (int) a[4], "value"));
            try {
                b.appendTrailer(name, value);
            } catch (BodyException e) {
                throw new AbiError(Status.BADF, e.getMessage());
            }
            return 0;
        });
        r.fn(m, "trailer_names_get", i32s(6), (s, a) -> {
            HeaderMap t = known(s, (int) a[0]);
            List<byte[]> names = new ArrayList<>();
            for (String n : t.names()) {
                names.add(n.getBytes(StandardCharsets.ISO_8859_1));
            }
            return MultiValue.write(s.memory(), names, (int) a[1], (int) a[2], (int) a[3], (int) a[4], (int) a[5]);
        });
        r.fn(m, "trailer_value_get", i32s(6), (s, a) -> {
            HeaderMap t = known(s, (int) a[0]);
            String name = HeaderCalls.name(s.memory(), (int) a[1], (int) a[2]);
            List<byte[]> values = t.values(name);
            if (values.isEmpty()) {
                throw AbiError.none("no trailer " + name);
            }
            s.memory().writeSized(values.get(0), (int) a[3], (int) a[4], (int) a[5]);
            return 0;
        });
        r.fn(m, "trailer_values_get", i32s(8), (s, a) -> {
            HeaderMap t = known(s, (int) a[0]);
            String name = HeaderCalls.name(s.memory(), (int) a[1], (int) a[2]);
            return MultiValue.write(s.memory(), t.values(name), (int) a[3], (int) a[4], (int) a[5], (int) a[6], (int) a[7]);
        });
    }

    /** The body's trailers, or {@code again} while its end has not been read. */
    private static HeaderMap known(Session s, int handle) {
        HeaderMap t = HttpBodyCalls.body(s, handle).trailersIfKnown();
        if (t == null) {
            throw new AbiError(Status.AGAIN, "the body has not been read to its end; its trailers are not known yet");
        }
        return t;
    }
}
