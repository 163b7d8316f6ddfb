package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.http.HeaderMap;
import dev.ledge.http.HttpSyntax;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header hostcalls that requests and responses share ({@code header_names_get},
 * {@code header_value_get}, {@code header_values_get}, {@code header_values_set},
 * {@code header_insert}, {@code header_append}, {@code header_remove}).
 */
final class HeaderCalls {
    /** Longest header name accepted, as HTTP implementations commonly limit it. */
    static final int MAX_NAME_LEN = (1 << 16) - 1;
    /** Most header fields a guest may put on one request or response. */
    static final int MAX_FIELDS = 1000;
    /** Most bytes of header fields a guest may put on one request or response. */
    static final long MAX_BYTES = 256 * 1024;

    /** Finds the headers behind a request or response handle (badf otherwise). */
    interface HeadersOf {
        HeaderMap headers(Session s, int handle);
    }

    private HeaderCalls() {
    }

    static void register(HostcallRegistry r, String module, HeadersOf of) {
        r.fn(module, "header_names_get", i32s(6), (s, a) -> {
            HeaderMap h = of.headers(s, (int) a[0]);
            List<byte[]> names = new ArrayList<>();
            for (String n : h.names()) {
                names.add(n.getBytes(StandardCharsets.ISO_8859_1));
            }
            return MultiValue.write(s.memory(), names, (int) a[1], (int) a[2], (int) a[3], (int) a[4], (int) a[5]);
        });
        r.fn(module, "header_value_get", i32s(6), (s, a) -> {
            HeaderMap h = of.headers(s, (int) a[0]);
            String name = name(s.memory(), (int) a[1], (int) a[2]);
            List<byte[]> vs = h.values(name);
            if (vs.isEmpty()) {
                throw AbiError.none("no header " + name);
            }
            s.memory().writeSized(vs.get(0), (int) a[3], (int) a[4], (int) a[5]);
            return 0;
        });
        r.fn(module, "header_values_get", i32s(8), (s, a) -> {
            HeaderMap h = of.headers(s, (int) a[0]);
            String name = name(s.memory(), (int) a[1], (int) a[2]);
            return MultiValue.write(s.memory(), h.values(name), (int) a[3], (int) a[4], (int) a[5], (int) a[6], (int) a[7]);
        });
        r.fn(module, "header_values_set", i32s(5), (s, a) -> {
            HeaderMap h = of.headers(s, (int) a[0]);
            String name = name(s.memory(), (int) a[1], (int) a[2]);
            byte[] all = s.memory().read((int) a[3], (int) a[4], "values");
            List<byte[]> values = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == 0) {
                    values.add(value(java.util.Arrays.copyOfRange(all, start, i)));
                    start = i + 1;
                }
            }
            // Bytes after the last NUL are not a terminated value; the ABI ignores them.
            long added = 0;
            for (byte[] v : values) {
                added += name.length() + v.length + 4;
            }
            List<byte[]> old = h.values(name);
            long removed = 0;
            for (byte[] v : old) {
                removed += name.length() + v.length + 4;
            }
            checkRoom(h, values.size() - old.size(), added - removed);
            h.set(name, values);
            return 0;
        });
        r.fn(module, "header_insert", i32s(5), (s, a) -> {
            HeaderMap h = of.headers(s, (int) a[0]);
            String name = name(s.memory(), (int) a[1], (int) a[2]);
            byte[] v = value(s.memory().read((int) a[3], (int) a[4], "value"));
            long removed = 0;
            for (byte[] o : h.values(name)) {
                removed += name.length() + o.length + 4;
            }
            checkRoom(h, 1 - h.values(name).size(), name.length() + v.length + 4 - removed);
            h.insert(name, v);
            return 0;
        });
        r.fn(module, "header_append", i32s(5), (s, a) -> {
            HeaderMap h = of.headers(s, (int) a[0]);
            String name = name(s.memory(), (int) a[1], (int) a[2]);
            byte[] v = value(s.memory().read((int) a[3], (int) a[4], "value"));
            checkRoom(h, 1, name.length() + v.length + 4);
            h.append(name, v);
            return 0;
        });
        r.fn(module, "header_remove", i32s(3), (s, a) -> {
            HeaderMap h = of.headers(s, (int) a[0]);
            String name = name(s.memory(), (int) a[1], (int) a[2]);
            if (!h.remove(name)) {
                throw AbiError.inval("no header " + name + " to remove");
            }
            return 0;
        });
    }

    /** Refuses a change that would take {@code h} past {@link #MAX_FIELDS} or {@link #MAX_BYTES}. */
    static void checkRoom(HeaderMap h, int moreFields, long moreBytes) {
        if (h.fieldCount() + moreFields > MAX_FIELDS || h.byteSize() + moreBytes > MAX_BYTES) {
            throw new AbiError(Status.HTTPHEADTOOLARGE, "headers would exceed " + MAX_FIELDS + " fields or " + MAX_BYTES + " bytes");
        }
    }

    /** Reads and validates a header name. */
    static String name(GuestMemory m, int ptr, int len) {
        if (Integer.toUnsignedLong(len) > MAX_NAME_LEN) {
            throw AbiError.inval("header name longer than " + MAX_NAME_LEN + " bytes");
        }
        byte[] b = m.read(ptr, len, "header name");
        if (!HttpSyntax.isToken(b)) {
            throw AbiError.inval("invalid header name");
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Validates a header value. */
    static byte[] value(byte[] b) {
        if (!HttpSyntax.isFieldValue(b)) {
            throw new AbiError(Status.INVAL, "invalid header value (control characters)");
        }
        return b;
    }
}
