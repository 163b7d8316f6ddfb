package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.backend.Backend;
import dev.ledge.backend.Backends;
import dev.ledge.backend.ClientCertificate;
import dev.ledge.http.RequestHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;
import dev.ledge.stores.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@code fastly_http_req} calls that configure how a request is sent: cache override, automatic
 * gzip decompression, framing headers mode, and registering dynamic backends (with their TLS
 * settings, client certificate included).
 */
final class RequestSettingsCalls {
    static final String M = "fastly_http_req";
    private static final int CACHE_OVERRIDE_BITS = 0x1f;
    private static final int GZIP = 1;
    /** backend_config_options bits (abi/spec/types.abi). */
    private static final int RESERVED = 1, HOST_OVERRIDE = 2, CONNECT_TIMEOUT = 4, FIRST_BYTE_TIMEOUT = 8,
            BETWEEN_BYTES_TIMEOUT = 16, USE_SSL = 32, SSL_MIN = 64, SSL_MAX = 128, CERT_HOSTNAME = 256, CA_CERT = 512,
            SNI_HOSTNAME = 2048, CLIENT_CERT = 8192, ALL_OPTIONS = (1 << 19) - 1;
    /** Longest dynamic backend name accepted. */
    static final int MAX_NAME = 1024;

    private RequestSettingsCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "cache_override_set", i32s(4), (s, a) -> {
            RequestHead req = s.handles().get((int) a[0], RequestHead.class);
            setOverride(req, (int) a[1], (int) a[2], (int) a[3], null);
            return 0;
        });
        r.fn(M, "cache_override_v2_set", i32s(6), (s, a) -> {
            RequestHead req = s.handles().get((int) a[0], RequestHead.class);
            String keys = s.memory().readUtf8((int) a[4], (int) a[5], "surrogate keys");
            if (keys.chars().anyMatch(ch -> (ch < 0x20 && ch != '\t') || ch == 0x7f)) {
                throw AbiError.inval("surrogate keys are not a valid header value (control characters)");
            }
            setOverride(req, (int) a[1], (int) a[2], (int) a[3], keys);
            return 0;
        });
        r.fn(M, "auto_decompress_response_set", i32s(2), (s, a) -> {
            RequestHead req = s.handles().get((int) a[0], RequestHead.class);
            int enc = (int) a[1];
            if ((enc & ~GZIP) != 0) {
                throw AbiError.inval("content_encodings " + Integer.toUnsignedString(enc) + " has unknown bits");
            }
            req.autoDecompressGzip = (enc & GZIP) != 0;
            return 0;
        });
        r.fn(M, "framing_headers_mode_set", i32s(2), (s, a) -> {
            RequestHead req = s.handles().get((int) a[0], RequestHead.class);
            int mode = (int) a[1];
            if (mode != 0 && mode != 1) {
                throw AbiError.inval("framing_headers_mode " + Integer.toUnsignedString(mode) + " does not exist");
            }
            req.manualFraming = mode == 1;
            return 0;
        });
        r.fn(M, "register_dynamic_backend", i32s(6), RequestSettingsCalls::registerDynamic);
    }

    private static void setOverride(RequestHead req, int tag, int ttl, int swr, String keys) {
        if ((tag & ~CACHE_OVERRIDE_BITS) != 0) {
            throw AbiError.inval("cache_override_tag " + Integer.toUnsignedString(tag) + " has unknown bits");
        }
        req.cacheOverrideTag = tag;
        req.cacheOverrideTtl = ttl;
        req.cacheOverrideSwr = swr;
        req.cacheOverrideSurrogateKeys = keys;
    }

    private static int registerDynamic(Session s, long[] a) {
        GuestMemory m = s.memory();
        if (Integer.toUnsignedLong((int) a[1]) > MAX_NAME) {
            throw AbiError.inval("backend name longer than " + MAX_NAME + " bytes");
        }
        String name = m.readUtf8((int) a[0], (int) a[1], "backend name");
        String target = m.readUtf8((int) a[2], (int) a[3], "backend target");
        int mask = (int) a[4];
        int cfg = (int) a[5];
        if ((mask & RESERVED) != 0 || (mask & ~ALL_OPTIONS) != 0) {
            throw AbiError.inval("backend_config_options " + Integer.toUnsignedString(mask) + " has reserved or unknown bits");
        }
        if (mask != 0) {
            m.check(cfg, 108, "dynamic_backend_config");
        }
        if (name.isEmpty()) {
            throw AbiError.inval("empty backend name");
        }
        Backends backends = s.resource(Backends.class);
        if (backends.find(s, name) != null) {
            throw AbiError.inval("a backend named '" + name + "' already exists");
        }
        boolean tls = (mask & USE_SSL) != 0;
        URI url;
        try {
            url = new URI((tls ? "https://" : "http://") + target);
        } catch (java.net.URISyntaxException e) {
            throw AbiError.inval("backend target '" + target + "' is not host[:port]");
        }
        if (url.getHost() == null || url.getRawPath() != null && !url.getRawPath().isEmpty() || url.getRawQuery() != null || url.getUserInfo() != null) {
            throw AbiError.inval("backend target '" + target + "' is not host[:port]");
        }
        Integer sslMin = (mask & SSL_MIN) != 0 ? tlsVersion(m, cfg + 20) : null;
        Integer sslMax = (mask & SSL_MAX) != 0 ? tlsVersion(m, cfg + 24) : null;
        dev.ledge.backend.TlsVersions.checkRange(sslMin, sslMax);
        Backend b = new Backend(name, url,
                (mask & HOST_OVERRIDE) != 0 ? text(m, cfg, "host_override") : null,
                (mask & CERT_HOSTNAME) != 0 ? Backend.tlsHostName(text(m, cfg + 28, "cert_hostname")) : null,
                (mask & SNI_HOSTNAME) != 0 ? Backend.tlsHostName(text(m, cfg + 52, "sni_hostname")) : null,
                true,
                (mask & CA_CERT) != 0 ? text(m, cfg + 36, "ca_cert") : null,
                (mask & CLIENT_CERT) != 0 ? clientCertificate(s, cfg, name) : null,
                (mask & CONNECT_TIMEOUT) != 0 ? timeout(m, cfg + 8, "connect_timeout_ms") : Backend.DEFAULT_CONNECT_MS,
                (mask & FIRST_BYTE_TIMEOUT) != 0 ? timeout(m, cfg + 12, "first_byte_timeout_ms") : Backend.DEFAULT_FIRST_BYTE_MS,
                (mask & BETWEEN_BYTES_TIMEOUT) != 0 ? timeout(m, cfg + 16, "between_bytes_timeout_ms") : Backend.DEFAULT_BETWEEN_BYTES_MS,
                sslMin,
                sslMax,
                true);
        Backends.dynamic(s).put(name, b);
        return 0;
    }

    /**
     * The client certificate of a dynamic backend: PEM text at client_certificate (@60/@64) and
     * the key as the plaintext of the secret handle at client_key (@68). An invalid handle is badf,
     * a bad certificate or key, or a key of another certificate, inval.
     */
    private static ClientCertificate clientCertificate(Session s, int cfg, String name) {
        GuestMemory m = s.memory();
        String cert = text(m, cfg + 60, "client_certificate");
        int handle = m.readU32(cfg + 68, "client_key");
        Secret key;
        try {
            key = s.handles().get(handle, Secret.class);
        } catch (AbiError e) {
            throw refused(s, name, AbiError.badf("client_key: " + e.getMessage() + " (it must be a secret handle holding the PEM private key)"));
        }
        try {
            return ClientCertificate.parse(cert, new String(key.plaintext(), StandardCharsets.UTF_8));
        } catch (ClientCertificate.Invalid e) {
            throw refused(s, name, AbiError.inval(e.getMessage()));
        }
    }

    /** Logs why backend {@code name}'s client certificate was refused (SDKs rarely pass the reason on) and returns {@code e}. */
    private static AbiError refused(Session s, String name, AbiError e) {
        s.log().line(s.id(), "ledge", "dynamic backend " + name + ": client certificate refused: " + e.getMessage());
        return e;
    }

    private static String text(GuestMemory m, int at, String what) {
        int ptr = m.readU32(at, what);
        int len = m.readU32(at + 4, what);
        return m.readUtf8(ptr, len, what);
    }

    private static int timeout(GuestMemory m, int at, String what) {
        int v = m.readU32(at, what);
        if (v <= 0) {
            throw AbiError.inval(what + " must be a positive number of milliseconds");
        }
        return v;
    }

    private static Integer tlsVersion(GuestMemory m, int at) {
        int v = m.readU32(at, "tls_version");
        if (v < 0 || v > 3) {
            throw AbiError.inval("tls_version " + Integer.toUnsignedString(v) + " does not exist");
        }
        return v;
    }
}
