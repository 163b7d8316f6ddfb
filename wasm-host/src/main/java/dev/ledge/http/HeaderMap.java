package dev.ledge.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP header fields as the ABI sees them: names lowercased, grouped by name in order of first
 * appearance, each with its values as raw bytes in order.
 */
public final class HeaderMap {
    private final LinkedHashMap<String, List<byte[]>> fields = new LinkedHashMap<>();

    /** Header names as the ABI returns them. */
    public List<String> names() {
        return new ArrayList<>(fields.keySet());
    }

    /** The values of {@code name} (any case), or an empty list. */
    public List<byte[]> values(String name) {
        List<byte[]> v = fields.get(name.toLowerCase(Locale.ROOT));
        return v == null ? List.of() : v;
    }

    /** Replaces all values of {@code name} with one value. */
    public void insert(String name, byte[] value) {
        List<byte[]> l = new ArrayList<>(1);
        l.add(value);
        fields.put(name.toLowerCase(Locale.ROOT), l);
    }

    /** Adds a value after any existing values of {@code name}. */
    public void append(String name, byte[] value) {
        fields.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }

    /** Replaces all values of {@code name}; an empty list removes the header. */
    public void set(String name, List<byte[]> values) {
        if (values.isEmpty()) {
            fields.remove(name.toLowerCase(Locale.ROOT));
        } else {
            fields.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values));
        }
    }

    /** Removes {@code name}; returns whether it was present. */
    public boolean remove(String name) {
        return fields.remove(name.toLowerCase(Locale.ROOT)) != null;
    }

    public boolean contains(String name) {
        return fields.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Total number of field lines (a name with three values counts three). */
    public int fieldCount() {
        int n = 0;
        for (List<byte[]> v : fields.values()) {
            n += v.size();
        }
        return n;
    }

    /** Bytes of all names and values (each field counted as name + value + 4 for ": " and CRLF). */
    public long byteSize() {
        long n = 0;
        for (Map.Entry<String, List<byte[]>> e : fields.entrySet()) {
            for (byte[] v : e.getValue()) {
                n += e.getKey().length() + v.length + 4;
            }
        }
        return n;
    }

    /** A deep copy. */
    public HeaderMap copy() {
        HeaderMap c = new HeaderMap();
        for (Map.Entry<String, List<byte[]>> e : fields.entrySet()) {
            List<byte[]> vs = new ArrayList<>(e.getValue().size());
            for (byte[] v : e.getValue()) {
                vs.add(Arrays.copyOf(v, v.length));
            }
            c.fields.put(e.getKey(), vs);
        }
        return c;
    }

    /** Visits every (name, value) pair in order; values are handed over as ISO-8859-1 strings. */
    public void forEachLatin1(java.util.function.BiConsumer<String, String> action) {
        for (Map.Entry<String, List<byte[]>> e : fields.entrySet()) {
            for (byte[] v : e.getValue()) {
                action.accept(e.getKey(), new String(v, StandardCharsets.ISO_8859_1));
            }
        }
    }
}
