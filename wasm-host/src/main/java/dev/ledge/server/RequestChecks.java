package dev.ledge.server;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/** Checks a request head against {@link RequestLimits}; the refusal is "STATUS reason" or null. */
final class RequestChecks {
    private RequestChecks() {
    }

    static String refusal(HttpServerRequest req, RequestLimits limits) {
        if (req.headers().size() > limits.maxHeaders()) {
            return "431 too many header fields (" + req.headers().size() + "; at most " + limits.maxHeaders() + ")";
        }
        List<String> lengths = req.headers().getAll("content-length");
        boolean chunked = req.headers().contains("transfer-encoding");
        if (!lengths.isEmpty() && chunked) {
            return "400 a request may not carry both Content-Length and Transfer-Encoding";
        }
        String first = null;
        for (String l : lengths) {
            for (String v : l.split(",")) {
                String t = v.trim();
                if (!t.matches("[0-9]{1,18}")) {
                    return "400 invalid Content-Length '" + t + "'";
                }
                if (first != null && !first.equals(t)) {
                    return "400 conflicting Content-Length values";
                }
                first = t;
            }
        }
        if (first != null && limits.maxBodyBytes() > 0 && Long.parseLong(first) > limits.maxBodyBytes()) {
            return "413 request body of " + first + " bytes is larger than " + limits.maxBodyBytes() + " bytes";
        }
        return null;
    }
}
