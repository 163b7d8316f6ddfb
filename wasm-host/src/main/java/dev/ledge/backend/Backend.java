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

    /**
     * The host name in a guest's cert_hostname or sni_hostname: Fastly's JS SDK passes the
     * backend's target there, port and all ("origin.example:8443", "[::1]:8443"), and a TLS name
     * never has a port, so a trailing ":digits" (after a host or a bracketed IPv6 literal) goes.
     */
    public static String tlsHostName(String name) {
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            return close > 0 && (close == name.length() - 1 || name.substring(close + 1).matches(":[0-9]+"))
                    ? name.substring(1, close) : name;
        }
        int colon = name.indexOf(':');
        return colon > 0 && colon == name.lastIndexOf(':') && name.substring(colon + 1).matches("[0-9]+")
                ? name.substring(0, colon) : name;
    }

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
