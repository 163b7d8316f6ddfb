package dev.ledge.backend;

import java.net.URI;

/**
 * Where a guest's requests to a named backend go, and how: scheme, host and port from the
 * backend's URL (plus an optional path prefix), the Host header override, TLS settings (trusted CA,
 * client certificate for mutual TLS, version range) and the three timeouts Fastly defines
 * (connect, first byte, between bytes).
 */
public record Backend(String name, URI url, String overrideHost, String certHost, String sniHost, boolean useSni,
                      String caCertPem, ClientCertificate clientCert, int connectTimeoutMs, int firstByteTimeoutMs, int betweenBytesTimeoutMs,
                      Integer sslMinVersion, Integer sslMaxVersion, boolean dynamic) {

    /** Fastly's defaults, used when a backend does not set its own. */
    public static final int DEFAULT_CONNECT_MS = 1_000;
    public static final int DEFAULT_FIRST_BYTE_MS = 15_000;
    public static final int DEFAULT_BETWEEN_BYTES_MS = 10_000;

    public boolean tls() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    public String host() {
        return url.getHost();
    }

    public int port() {
        return url.getPort() >= 0 ? url.getPort() : tls() ? 443 : 80;
    }

    /** The path every request's path is appended to ("" or e.g. "/api"). */
    public String pathPrefix() {
        String p = url.getRawPath();
        return p == null || p.equals("/") ? "" : p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
