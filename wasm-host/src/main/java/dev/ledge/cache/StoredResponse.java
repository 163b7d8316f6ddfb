package dev.ledge.cache;

import dev.ledge.http.HeaderMap;
import dev.ledge.http.ResponseHead;

/** The head of a response kept by the HTTP cache: status and headers (the body is the object's). */
public record StoredResponse(int status, HeaderMap headers) {

    /** A copy of {@code r}'s status and headers. */
    public static StoredResponse of(ResponseHead r) {
        return new StoredResponse(r.status, r.headers.copy());
    }

    /** A fresh response head the guest may change without touching the cache. */
    public ResponseHead toResponseHead() {
        ResponseHead r = new ResponseHead();
        r.status = status;
        headers.forEachLatin1((n, v) -> r.headers.append(n, v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        return r;
    }

    int byteSize() {
        int[] n = {16};
        headers.forEachLatin1((k, v) -> n[0] += k.length() + v.length() + 4);
        return n[0];
    }
}
