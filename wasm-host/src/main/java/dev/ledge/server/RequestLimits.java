package dev.ledge.server;

/**
 * Limits on what a client may send, checked before a sandbox starts: header count and size,
 * body size (413 past it; 0 means no limit), and how long a connection may sit idle (a stalled
 * client is cut off). Content-Length values that disagree, and a request with both Content-Length and
 * Transfer-Encoding, are always refused with 400 (the latter by {@link StrictRequestDecoder}, since
 * the plain HTTP decoder would drop the Content-Length before any handler sees it).
 */
public record RequestLimits(int maxHeaders, int maxHeaderBytes, long maxBodyBytes, int idleTimeoutSeconds) {
    public static final int DEFAULT_MAX_HEADERS = 100;
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

    public static RequestLimits defaults() {
        return new RequestLimits(DEFAULT_MAX_HEADERS, DEFAULT_MAX_HEADER_BYTES, 0, DEFAULT_IDLE_TIMEOUT_SECONDS);
    }
}
