package dev.ledge.cache;

import dev.ledge.http.HeaderMap;
import dev.ledge.http.HttpSyntax;
import dev.ledge.session.AbiError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The request headers whose values select one variant of a cached object: lowercase header names,
 * kept sorted and without repeats so that the same rule written twice is the same rule.
 */
public record VaryRule(List<String> names) {
    /** The rule that varies on nothing: every request gets the same variant. */
    public static final VaryRule NONE = new VaryRule(List.of());
    /** The longest rule accepted, in bytes. */
    public static final int MAX_LENGTH = 4096;

    /** Parses the ABI form, header names separated by spaces; anything else is {@code inval}. */
    public static VaryRule parse(byte[] abi) {
        if (abi.length > MAX_LENGTH) {
            throw AbiError.inval("vary rule of " + abi.length + " bytes is longer than " + MAX_LENGTH);
        }
        TreeSet<String> names = new TreeSet<>();
        for (String part : new String(abi, StandardCharsets.ISO_8859_1).split(" ")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!HttpSyntax.isToken(part.getBytes(StandardCharsets.ISO_8859_1))) {
                throw AbiError.inval("vary rule names an invalid header: " + part);
            }
            names.add(part.toLowerCase(Locale.ROOT));
        }
        return new VaryRule(List.copyOf(names));
    }

    /** Parses a Vary response header (names separated by commas); {@code null} for "*". */
    public static VaryRule fromVaryHeader(List<byte[]> values) {
        TreeSet<String> names = new TreeSet<>();
        for (byte[] v : values) {
            for (String part : new String(v, StandardCharsets.ISO_8859_1).split(",")) {
                String n = part.strip();
                if (n.equals("*")) {
                    return null;
                }
                if (!n.isEmpty() && HttpSyntax.isToken(n.getBytes(StandardCharsets.ISO_8859_1))) {
                    names.add(n.toLowerCase(Locale.ROOT));
                }
            }
        }
        return new VaryRule(List.copyOf(names));
    }

    /** The variant of a request with these headers (null headers count as none). */
    public String variant(HeaderMap headers) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(n).append('\0');
            if (headers != null) {
                for (byte[] v : headers.values(n)) {
                    sb.append(new String(v, StandardCharsets.ISO_8859_1)).append('\1');
                }
            }
            sb.append('\2');
        }
        return sb.toString();
    }

    /** The ABI form: names separated by spaces. */
    public byte[] toAbi() {
        return String.join(" ", names).getBytes(StandardCharsets.ISO_8859_1);
    }
}
