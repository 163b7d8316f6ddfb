package dev.ledge.cache;

import dev.ledge.session.AbiError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/** The surrogate keys an object can be purged by: visible-ASCII words, as Fastly limits them. */
public record SurrogateKeys(Set<String> keys) {
    public static final SurrogateKeys NONE = new SurrogateKeys(Set.of());
    /** Longest list accepted, spaces included. */
    public static final int MAX_TOTAL = 16 * 1024;
    /** Longest single key. */
    public static final int MAX_KEY = 1024;

    /** Parses keys separated by spaces; a key too long or with other characters is {@code inval}. */
    public static SurrogateKeys parse(byte[] abi) {
        if (abi.length > MAX_TOTAL) {
            throw AbiError.inval("surrogate keys of " + abi.length + " bytes are longer than " + MAX_TOTAL);
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String k : new String(abi, StandardCharsets.ISO_8859_1).split(" ")) {
            if (k.isEmpty()) {
                continue;
            }
            if (!isValidKey(k)) {
                throw AbiError.inval("invalid surrogate key: " + k);
            }
            keys.add(k);
        }
        return new SurrogateKeys(Set.copyOf(keys));
    }

    /** Parses a Surrogate-Key header, leaving out words that are not valid keys. */
    public static SurrogateKeys fromHeader(java.util.List<byte[]> values) {
        Set<String> keys = new LinkedHashSet<>();
        for (byte[] v : values) {
            for (String k : new String(v, StandardCharsets.ISO_8859_1).split("[ \t]+")) {
                if (isValidKey(k)) {
                    keys.add(k);
                }
            }
        }
        return new SurrogateKeys(Set.copyOf(keys));
    }

    /** A non-empty key of at most {@link #MAX_KEY} visible ASCII characters. */
    public static boolean isValidKey(String k) {
        if (k.isEmpty() || k.length() > MAX_KEY) {
            return false;
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The ABI form: keys separated by spaces, sorted so that the answer does not depend on set order. */
    public byte[] toAbi() {
        return String.join(" ", new java.util.TreeSet<>(keys)).getBytes(StandardCharsets.US_ASCII);
    }

    int byteSize() {
        int n = 0;
        for (String k : keys) {
            n += k.length() + 1;
        }
        return n;
    }
}
