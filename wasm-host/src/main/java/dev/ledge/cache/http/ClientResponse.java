package dev.ledge.cache.http;

import dev.ledge.cache.CachedObject;
import dev.ledge.cache.ReadRange;
import dev.ledge.cache.StoredResponse;
import dev.ledge.http.HeaderMap;
import dev.ledge.http.RequestHead;
import dev.ledge.http.ResponseHead;
import java.nio.charset.StandardCharsets;

/**
 * A found response as handed to the guest: as stored, or fitted to the client's request (Age
 * set, and a single satisfiable byte range of a 200 of known length answered with 206, an
 * unsatisfiable one with 416). {@code range} is the part of the body to send; null for no body.
 */
public record ClientResponse(ResponseHead head, ReadRange range) {

    public static ClientResponse of(CachedObject found, RequestHead request, boolean transform, long now) {
        StoredResponse sr = found.options().response();
        ResponseHead head = sr != null ? sr.toResponseHead() : new ResponseHead();
        if (!transform) {
            return new ClientResponse(head, ReadRange.WHOLE);
        }
        head.headers.insert("age", ascii(Long.toString(Math.max(0, found.ageNs(now)) / 1_000_000_000L)));
        long length = found.length();
        String range = HttpCachePolicy.first(request.headers, "range");
        if (range == null || head.status != 200 || length < 0) {
            return new ClientResponse(head, ReadRange.WHOLE);
        }
        long[] r = byteRange(range, length);
        if (r == null) {
            return new ClientResponse(head, ReadRange.WHOLE);
        }
        HeaderMap h = head.headers;
        if (r.length == 0) {
            head.status = 416;
            h.insert("content-range", ascii("bytes */" + length));
            h.insert("content-length", ascii("0"));
            return new ClientResponse(head, null);
        }
        head.status = 206;
        h.insert("content-range", ascii("bytes " + r[0] + "-" + r[1] + "/" + length));
        h.insert("content-length", ascii(Long.toString(r[1] - r[0] + 1)));
        return new ClientResponse(head, new ReadRange(r[0], r[1], true));
    }

    /**
     * The inclusive range one "bytes=" range asks for within {@code length}: {first, last}; an
     * empty array when it cannot be satisfied; null when the header is not one byte range.
     */
    static long[] byteRange(String header, long length) {
        String h = header.strip();
        if (!h.startsWith("bytes=") || h.contains(",")) {
            return null;
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long first = CacheControl.parseSeconds(spec.substring(0, dash).strip());
        long last = CacheControl.parseSeconds(spec.substring(dash + 1).strip());
        if (dash == 0) {
            if (last <= 0) {
                return last == 0 ? new long[0] : null;
            }
            return new long[] {Math.max(0, length - last), length - 1};
        }
        if (first < 0 || dash < spec.length() - 1 && (last < 0 || last < first)) {
            return null;
        }
        if (first >= length) {
            return new long[0];
        }
        return new long[] {first, dash == spec.length() - 1 ? length - 1 : Math.min(last, length - 1)};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
