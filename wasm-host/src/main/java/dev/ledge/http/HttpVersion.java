package dev.ledge.http;

/** The ABI's http_version enum. */
public enum HttpVersion {
    HTTP_09, HTTP_10, HTTP_11, H2, H3;

    /** The enum value the guest sees. */
    public int code() {
        return ordinal();
    }

    /** The version with this ABI code, or {@code null} when out of range. */
    public static HttpVersion byCode(long code) {
        return code >= 0 && code < values().length ? values()[(int) code] : null;
    }
}
