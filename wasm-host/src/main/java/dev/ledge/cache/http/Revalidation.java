package dev.ledge.cache.http;

import dev.ledge.cache.CachedObject;
import dev.ledge.cache.StoredResponse;
import dev.ledge.http.HeaderMap;
import dev.ledge.http.RequestHead;
import dev.ledge.http.ResponseHead;
import java.util.List;
import java.util.Set;

/**
 * The HTTP cache's side of talking to a backend: the request to send (never ranged, a revalidation
 * when a stored response has validators) and the merge of a 304 answer into the stored response.
 */
public final class Revalidation {
    /** Headers of a 304 that describe its own (empty) framing, not the stored response. */
    static final Set<String> NOT_MERGED = Set.of("content-length", "transfer-encoding", "content-range", "connection");

    private Revalidation() {
    }

    /** The request to send to the backend for {@code looked}, given the response stored (or null). */
    public static RequestHead backendRequest(RequestHead looked, CachedObject stored) {
        RequestHead r = new RequestHead(looked.headers.copy());
        r.method = looked.method.equals("HEAD") ? "GET" : looked.method;
        r.uri = looked.uri;
        r.version = looked.version;
        r.headers.remove("range");
        r.headers.remove("if-range");
        StoredResponse sr = stored == null ? null : stored.options().response();
        if (sr != null) {
            copyValidator(sr.headers(), "etag", r.headers, "if-none-match");
            copyValidator(sr.headers(), "last-modified", r.headers, "if-modified-since");
        }
        return r;
    }

    private static void copyValidator(HeaderMap from, String name, HeaderMap to, String as) {
        List<byte[]> v = from.values(name);
        if (!v.isEmpty() && !to.contains(as)) {
            to.insert(as, v.get(0));
        }
    }

    /** The stored response with the header fields of a 304 answer laid over it. */
    public static ResponseHead merge(StoredResponse stored, ResponseHead notModified) {
        ResponseHead merged = stored.toResponseHead();
        for (String name : notModified.headers.names()) {
            if (!NOT_MERGED.contains(name)) {
                merged.headers.set(name, notModified.headers.values(name));
            }
        }
        return merged;
    }
}
