package dev.ledge.kv;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * Fastly's rules for KV store keys, checked the way its local tool checks them: 1 to 1024 bytes
 * of UTF-8; not "." or ".."; not starting with ".well-known/acme-challenge"; none of the characters
 * CR, LF, '#', ';', '?', '^' and '|'; and a key of one character cannot be U+0000..U+0020, U+FFFE or U+FFFF.
 */
public final class KvKeys {
    /** Longest key, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;
    private static final String FORBIDDEN = "\r\n#;?^|";

    /** Keys in the order listings give them: by code point, which is the order of their UTF-8 bytes. */
    public static final Comparator<String> ORDER = KvKeys::compareByCodePoint;

    private KvKeys() {
    }

    /** Why {@code key} is not a valid key, or {@code null} when it is. */
    public static String problem(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0) {
            return "a key cannot be empty";
        }
        if (bytes > MAX_KEY_BYTES) {
            return "a key cannot be longer than " + MAX_KEY_BYTES + " bytes (this one has " + bytes + ")";
        }
        if (key.startsWith(".well-known/acme-challenge")) {
            return "a key cannot start with \".well-known/acme-challenge\"";
        }
        if (key.equals(".") || key.equals("..")) {
            return "a key cannot be \"" + key + "\"";
        }
        for (int i = 0; i < FORBIDDEN.length(); i++) {
            char c = FORBIDDEN.charAt(i);
            if (key.indexOf(c) >= 0) {
                return "a key cannot contain " + (c == '\r' ? "a carriage return" : c == '\n' ? "a line feed" : "'" + c + "'");
            }
        }
        if (key.codePointCount(0, key.length()) == 1) {
            int cp = key.codePointAt(0);
            if (cp <= 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
                return String.format("a key of one character cannot be U+%04X", cp);
            }
        }
        return null;
    }

    private static int compareByCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
