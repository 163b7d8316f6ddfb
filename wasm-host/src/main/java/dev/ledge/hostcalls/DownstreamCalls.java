package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.http.DownstreamInfo;
import dev.ledge.http.RequestHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.ClientVisits;
import dev.ledge.session.Exchange;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.RequestPromise;
import dev.ledge.session.Session;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fastly_http_downstream}, and the older forms of the same calls in {@code fastly_http_req}
 * that take no request handle: facts about the client connection. Ledge serves plain HTTP, so
 * every TLS fact answers {@code none}, as it does on Fastly for a request without TLS.
 */
final class DownstreamCalls {
    static final String M = "fastly_http_downstream";
    /** Off Fastly's network no request is bound to a compliance region. */
    private static final byte[] NO_COMPLIANCE_REGION = "none".getBytes(StandardCharsets.US_ASCII);
    /** Calls that read a TLS or fingerprint fact into (buf, buf_len, nwritten_out). */
    private static final List<String> TLS_STRING_FACTS = List.of("downstream_tls_cipher_openssl_name",
            "downstream_tls_protocol", "downstream_tls_client_hello", "downstream_tls_raw_client_certificate",
            "downstream_tls_ja4", "downstream_client_h2_fingerprint", "downstream_client_oh_fingerprint");

    private DownstreamCalls() {
    }

    /** The client facts of a request handle; badf for other handles, inval for guest-built requests. */
    static DownstreamInfo info(Session s, int handle) {
        RequestHead req = s.handles().get(handle, RequestHead.class);
        if (req.downstream == null) {
            throw AbiError.inval("request " + handle + " did not come from a client");
        }
        return req.downstream;
    }

    /** The client facts of the session's own request, for the forms without a handle. */
    static DownstreamInfo sessionInfo(Session s) {
        RequestHead req = s.downstreamHead();
        if (req == null || req.downstream == null) {
            throw AbiError.none("this run has no client request");
        }
        return req.downstream;
    }

    /** next_request_options_mask bits (abi/spec/types.abi). */
    private static final int NEXT_RESERVED = 1, NEXT_TIMEOUT = 2;
    /** How long a guest waits for a further request when it sets no timeout. */
    static final long DEFAULT_NEXT_REQUEST_MS = 10_000;
    /** The longest wait a guest may ask for. */
    static final long MAX_NEXT_REQUEST_MS = 600_000;

    static void register(HostcallRegistry r) {
        r.fn(M, "next_request", i32s(3), (s, a) -> {
            int mask = (int) a[0];
            if ((mask & ~(NEXT_RESERVED | NEXT_TIMEOUT)) != 0 || (mask & NEXT_RESERVED) != 0) {
                throw AbiError.inval("next_request_options_mask " + Integer.toUnsignedString(mask) + " has reserved or unknown bits");
            }
            s.memory().check((int) a[2], 4, "request promise out");
            long timeout = DEFAULT_NEXT_REQUEST_MS;
            if ((mask & NEXT_TIMEOUT) != 0) {
                timeout = s.memory().readU64((int) a[1], "next_request_options");
                if (timeout <= 0 || timeout > MAX_NEXT_REQUEST_MS) {
                    throw AbiError.inval("timeout_ms must be from 1 to " + MAX_NEXT_REQUEST_MS);
                }
            }
            s.memory().writeU32((int) a[2], s.handles().add(s.promiseNextRequest(timeout)), "request promise out");
            return 0;
        });
        r.fn(M, "next_request_wait", i32s(3), (s, a) -> {
            s.handles().get((int) a[0], RequestPromise.class);
            s.memory().check((int) a[1], 4, "request handle out");
            s.memory().check((int) a[2], 4, "body handle out");
            RequestPromise p = s.handles().take((int) a[0], RequestPromise.class);
            Exchange e = p.await();
            if (e == null) {
                s.abandon(p);
                throw AbiError.none("no further request arrived before the promise ended");
            }
            s.accept(p, e);
            s.memory().writeU32((int) a[1], s.handles().add(e.head()), "request handle out");
            s.memory().writeU32((int) a[2], s.handles().add(e.body()), "body handle out");
            return 0;
        });
        r.fn(M, "next_request_abandon", i32s(1), (s, a) -> {
            s.abandon(s.handles().take((int) a[0], RequestPromise.class));
            return 0;
        });
        r.fn(M, "downstream_client_ip_addr", i32s(3), (s, a) ->
                writeAddr(s.memory(), info(s, (int) a[0]).clientAddress(), (int) a[1], (int) a[2]));
        r.fn(M, "downstream_server_ip_addr", i32s(3), (s, a) ->
                writeAddr(s.memory(), info(s, (int) a[0]).serverAddress(), (int) a[1], (int) a[2]));
        r.fn(M, "downstream_original_header_names", i32s(6), (s, a) ->
                MultiValue.write(s.memory(), names(info(s, (int) a[0])), (int) a[1], (int) a[2], (int) a[3], (int) a[4], (int) a[5]));
        r.fn(M, "downstream_original_header_count", i32s(2), (s, a) -> {
            s.memory().writeU32((int) a[1], info(s, (int) a[0]).originalHeaderNames().size(), "count out");
            return 0;
        });
        r.fn(M, "downstream_client_request_id", i32s(4), (s, a) -> {
            DownstreamInfo d = info(s, (int) a[0]);
            s.memory().writeSized(d.requestId().getBytes(StandardCharsets.US_ASCII), (int) a[1], (int) a[2], (int) a[3]);
            return 0;
        });
        for (String fact : TLS_STRING_FACTS) {
            r.fn(M, fact, i32s(4), (s, a) -> {
                info(s, (int) a[0]);
                throw AbiError.none("the client connection is not TLS");
            });
        }
        r.fn(M, "downstream_visits_this_service", i32s(1), (s, a) -> {
            long n = ClientVisits.toService(s.resources(), sessionInfo(s).clientAddress());
            s.memory().writeU32((int) a[0], (int) Math.min(n, 0xFFFFFFFFL), "count out");
            return 0;
        });
        r.fn(M, "downstream_visits_this_pop", i32s(1), (s, a) -> {
            long n = ClientVisits.toPop(sessionInfo(s).clientAddress());
            s.memory().writeU32((int) a[0], (int) Math.min(n, 0xFFFFFFFFL), "count out");
            return 0;
        });
        r.fn(M, "downstream_compliance_region", i32s(4), (s, a) -> {
            info(s, (int) a[0]);
            s.memory().writeSized(NO_COMPLIANCE_REGION, (int) a[1], (int) a[2], (int) a[3]);
            return 0;
        });
        r.fn(M, "downstream_tls_client_servername", i32s(4), (s, a) -> {
            info(s, (int) a[0]);
            throw AbiError.none("the client connection is not TLS");
        });
        r.fn(M, "downstream_tls_ja3_md5", i32s(3), (s, a) -> {
            info(s, (int) a[0]);
            throw AbiError.none("the client connection is not TLS");
        });
        r.fn(M, "downstream_tls_client_cert_verify_result", i32s(2), (s, a) -> {
            info(s, (int) a[0]);
            throw AbiError.none("the client connection is not TLS");
        });
    }

    /** The handle-less forms in fastly_http_req (deprecated, still imported by SDK builds). */
    static void registerDeprecatedForms(HostcallRegistry r) {
        String m = HttpReqCalls.M;
        r.fn(m, "downstream_client_ip_addr", i32s(2), (s, a) ->
                writeAddr(s.memory(), sessionInfo(s).clientAddress(), (int) a[0], (int) a[1]));
        r.fn(m, "downstream_server_ip_addr", i32s(2), (s, a) ->
                writeAddr(s.memory(), sessionInfo(s).serverAddress(), (int) a[0], (int) a[1]));
        r.fn(m, "original_header_names_get", i32s(5), (s, a) ->
                MultiValue.write(s.memory(), names(sessionInfo(s)), (int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4]));
        r.fn(m, "original_header_count", i32s(1), (s, a) -> {
            s.memory().writeU32((int) a[0], sessionInfo(s).originalHeaderNames().size(), "count out");
            return 0;
        });
        r.fn(m, "downstream_client_request_id", i32s(3), (s, a) -> {
            s.memory().writeSized(sessionInfo(s).requestId().getBytes(StandardCharsets.US_ASCII), (int) a[0], (int) a[1], (int) a[2]);
            return 0;
        });
        for (String fact : TLS_STRING_FACTS) {
            r.fn(m, fact, i32s(3), (s, a) -> {
                sessionInfo(s);
                throw AbiError.none("the client connection is not TLS");
            });
        }
        r.fn(m, "downstream_compliance_region", i32s(3), (s, a) -> {
            sessionInfo(s);
            s.memory().writeSized(NO_COMPLIANCE_REGION, (int) a[0], (int) a[1], (int) a[2]);
            return 0;
        });
        r.fn(m, "downstream_tls_ja3_md5", i32s(2), (s, a) -> {
            sessionInfo(s);
            throw AbiError.none("the client connection is not TLS");
        });
        r.fn(m, "downstream_tls_client_cert_verify_result", i32s(1), (s, a) -> {
            sessionInfo(s);
            throw AbiError.none("the client connection is not TLS");
        });
    }

    /** Writes 4 or 16 address octets into a 16-byte guest buffer and the count to nwritten. */
    static int writeAddr(GuestMemory m, InetAddress addr, int out, int nwrittenOut) {
        m.check(out, 16, "address out (16 bytes)");
        m.check(nwrittenOut, 4, "nwritten_out");
        if (addr == null) {
            throw AbiError.none("address not known");
        }
        byte[] octets = addr.getAddress();
        m.write(out, octets, "address out");
        m.writeU32(nwrittenOut, octets.length, "nwritten_out");
        return 0;
    }

    private static List<byte[]> names(DownstreamInfo d) {
        List<byte[]> out = new ArrayList<>();
        for (String n : d.originalHeaderNames()) {
            out.add(n.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
