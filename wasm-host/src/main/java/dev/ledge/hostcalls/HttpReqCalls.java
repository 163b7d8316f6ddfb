package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.http.Body;
import dev.ledge.http.HttpSyntax;
import dev.ledge.http.HttpVersion;
import dev.ledge.http.RequestHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * {@code fastly_http_req}: the client request and requests the guest builds: method, URI,
 * version, headers. Sending requests to backends is in {@link SendCalls}, WebSocket hand-offs in
 * {@link WebSocketCalls}.
 */
final class HttpReqCalls {
    static final String M = "fastly_http_req";

    private HttpReqCalls() {
    }

    static RequestHead request(Session s, int handle) {
        return s.handles().get(handle, RequestHead.class);
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "body_downstream_get", i32s(2), (s, a) -> {
            GuestMemory m = s.memory();
            m.check((int) a[0], 4, "request handle out");
            m.check((int) a[1], 4, "body handle out");
            if (!s.takeDownstream()) {
                throw new AbiError(Status.ERROR, "the client request has already been taken");
            }
            m.writeU32((int) a[0], s.handles().add(s.downstreamHead()), "request handle out");
            m.writeU32((int) a[1], s.handles().add(s.downstreamBody()), "body handle out");
            return 0;
        });
        r.fn(M, "new", i32s(1), (s, a) -> {
            s.memory().check((int) a[0], 4, "request handle out");
            s.memory().writeU32((int) a[0], s.handles().add(new RequestHead()), "request handle out");
            return 0;
        });
        r.fn(M, "close", i32s(1), (s, a) -> {
            s.handles().remove((int) a[0], RequestHead.class);
            return 0;
        });
        r.fn(M, "method_get", i32s(4), (s, a) -> {
            RequestHead req = request(s, (int) a[0]);
            s.memory().writeSized(req.method.getBytes(StandardCharsets.US_ASCII), (int) a[1], (int) a[2], (int) a[3]);
            return 0;
        });
        r.fn(M, "method_set", i32s(3), (s, a) -> {
            RequestHead req = request(s, (int) a[0]);
            byte[] m = s.memory().read((int) a[1], (int) a[2], "method");
            if (!HttpSyntax.isToken(m)) {
                throw AbiError.inval("invalid method");
            }
            req.method = new String(m, StandardCharsets.US_ASCII);
            return 0;
        });
        r.fn(M, "uri_get", i32s(4), (s, a) -> {
            RequestHead req = request(s, (int) a[0]);
            s.memory().writeSized(req.uri.getBytes(StandardCharsets.UTF_8), (int) a[1], (int) a[2], (int) a[3]);
            return 0;
        });
        r.fn(M, "uri_set", i32s(3), (s, a) -> {
            RequestHead req = request(s, (int) a[0]);
            String uri = s.memory().readUtf8((int) a[1], (int) a[2], "uri");
            req.uri = checkUri(uri);
            return 0;
        });
        r.fn(M, "version_get", i32s(2), (s, a) -> {
            RequestHead req = request(s, (int) a[0]);
            s.memory().writeU32((int) a[1], req.version.code(), "version out");
            return 0;
        });
        r.fn(M, "version_set", i32s(2), (s, a) -> {
            RequestHead req = request(s, (int) a[0]);
            HttpVersion v = HttpVersion.byCode(Integer.toUnsignedLong((int) a[1]));
            if (v == null) {
                throw AbiError.inval("http_version " + Integer.toUnsignedString((int) a[1]) + " does not exist");
            }
            req.version = v;
            return 0;
        });
        HeaderCalls.register(r, M, (s, h) -> request(s, h).headers);
        DownstreamCalls.registerDeprecatedForms(r);
        WebSocketCalls.register(r);
    }

    /** Accepts an absolute URI or an origin-form path; anything else is {@code inval}. */
    static String checkUri(String uri) {
        if (uri.isEmpty()) {
            throw AbiError.inval("empty URI");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw AbiError.inval("URI contains a space or control character");
            }
        }
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute() && !uri.startsWith("/") && !uri.equals("*")) {
                throw AbiError.inval("URI is neither absolute nor a path: " + uri);
            }
        } catch (URISyntaxException e) {
            throw AbiError.inval("invalid URI: " + e.getMessage());
        }
        return uri;
    }

    /** Whether a handle names a body; used by calls that take either kind. */
    static Body body(Session s, int handle) {
        return s.handles().get(handle, Body.class);
    }
}
