package dev.ledge.http;

/** Validity rules for header names and values, methods and status codes (RFC 9110 tokens). */
public final class HttpSyntax {
    private HttpSyntax() {
    }

    private static boolean tchar(int c) {
        if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** A non-empty token: valid as a header name or a method. */
    public static boolean isToken(byte[] b) {
        if (b.length == 0) {
            return false;
        }
        for (byte x : b) {
            if (!tchar(x & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** A field value: visible bytes, spaces and tabs, and obs-text; no CR, LF or NUL. */
    public static boolean isFieldValue(byte[] b) {
        for (byte x : b) {
            int c = x & 0xff;
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A status code the ABI accepts: three digits, 100 to 999. */
    public static boolean isStatus(int code) {
        return code >= 100 && code <= 999;
    }
}
