package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.http.Body;
import dev.ledge.http.HttpSyntax;
import dev.ledge.http.HttpVersion;
import dev.ledge.http.ResponseHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;

/** {@code fastly_http_resp}: responses the guest builds and sends to the client. */
final class HttpRespCalls {
    static final String M = "fastly_http_resp";

    private HttpRespCalls() {
    }

    static ResponseHead response(Session s, int handle) {
        return s.handles().get(handle, ResponseHead.class);
    }

    /** The backend address a response came from; none for a response the guest built. */
    private static java.net.InetSocketAddress backend(ResponseHead resp) {
        if (resp.backendAddress == null || resp.backendAddress.getAddress() == null) {
            throw AbiError.none("this response did not come from a backend");
        }
        return resp.backendAddress;
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "new", i32s(1), (s, a) -> {
            s.memory().check((int) a[0], 4, "response handle out");
            s.memory().writeU32((int) a[0], s.handles().add(new ResponseHead()), "response handle out");
            return 0;
        });
        r.fn(M, "close", i32s(1), (s, a) -> {
            s.handles().remove((int) a[0], ResponseHead.class);
            return 0;
        });
        r.fn(M, "status_get", i32s(2), (s, a) -> {
            ResponseHead resp = response(s, (int) a[0]);
            s.memory().check((int) a[1], 2, "status out");
            s.memory().write((int) a[1], new byte[] {(byte) resp.status, (byte) (resp.status >> 8)}, "status out");
            return 0;
        });
        r.fn(M, "status_set", i32s(2), (s, a) -> {
            ResponseHead resp = response(s, (int) a[0]);
            int status = (int) a[1];
            if (!HttpSyntax.isStatus(status)) {
                throw AbiError.inval("status " + Integer.toUnsignedString(status) + " is outside 100..999");
            }
            resp.status = status;
            return 0;
        });
        r.fn(M, "version_get", i32s(2), (s, a) -> {
            ResponseHead resp = response(s, (int) a[0]);
            s.memory().writeU32((int) a[1], resp.version.code(), "version out");
            return 0;
        });
        r.fn(M, "version_set", i32s(2), (s, a) -> {
            ResponseHead resp = response(s, (int) a[0]);
            HttpVersion v = HttpVersion.byCode(Integer.toUnsignedLong((int) a[1]));
            if (v == null) {
                throw AbiError.inval("http_version " + Integer.toUnsignedString((int) a[1]) + " does not exist");
            }
            resp.version = v;
            return 0;
        });
        r.fn(M, "send_downstream", i32s(3), (s, a) -> {
            boolean streaming = a[2] == 1;
            // Check both handles before consuming either, so a bad call changes nothing.
            response(s, (int) a[0]);
            s.handles().get((int) a[1], Body.class);
            if (s.responseSent()) {
                throw new AbiError(dev.ledge.abi.Status.ERROR, "a response has already been sent downstream");
            }
            ResponseHead head = s.handles().take((int) a[0], ResponseHead.class);
            Body body = streaming ? s.handles().get((int) a[1], Body.class) : s.handles().take((int) a[1], Body.class);
            s.sendDownstream(head, body, streaming);
            return 0;
        });
        r.fn(M, "framing_headers_mode_set", i32s(2), (s, a) -> {
            ResponseHead resp = response(s, (int) a[0]);
            int mode = (int) a[1];
            if (mode != 0 && mode != 1) {
                throw AbiError.inval("framing_headers_mode " + Integer.toUnsignedString(mode) + " does not exist");
            }
            resp.manualFraming = mode == 1;
            return 0;
        });
        r.fn(M, "http_keepalive_mode_set", i32s(2), (s, a) -> {
            ResponseHead resp = response(s, (int) a[0]);
            int mode = (int) a[1];
            if (mode != 0 && mode != 1) {
                throw AbiError.inval("http_keepalive_mode " + Integer.toUnsignedString(mode) + " does not exist");
            }
            resp.closeConnection = mode == 1;
            return 0;
        });
        r.fn(M, "get_addr_dest_ip", i32s(3), (s, a) -> {
            ResponseHead resp = response(s, (int) a[0]);
            s.memory().check((int) a[1], 16, "address out (16 bytes)");
            s.memory().check((int) a[2], 4, "nwritten_out");
            return DownstreamCalls.writeAddr(s.memory(), backend(resp).getAddress(), (int) a[1], (int) a[2]);
        });
        r.fn(M, "get_addr_dest_port", i32s(2), (s, a) -> {
            ResponseHead resp = response(s, (int) a[0]);
            s.memory().check((int) a[1], 2, "port out");
            int port = backend(resp).getPort();
            s.memory().write((int) a[1], new byte[] {(byte) port, (byte) (port >> 8)}, "port out");
            return 0;
        });
        HeaderCalls.register(r, M, (s, h) -> response(s, h).headers);
    }
}
