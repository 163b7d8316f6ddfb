package dev.ledge.backend;

import dev.ledge.abi.Status;

/**
 * Why a request to a backend failed: the status the send hostcalls return and the
 * send_error_detail tag that says more (the guest reads it through send_v2 and friends).
 */
public final class SendError extends RuntimeException {
    /** send_error_detail_tag values (abi/spec/types.abi). */
    public static final int DNS_ERROR = 3;
    public static final int DESTINATION_NOT_FOUND = 4;
    public static final int CONNECTION_REFUSED = 7;
    public static final int CONNECTION_TERMINATED = 8;
    public static final int CONNECTION_TIMEOUT = 9;
    public static final int TLS_CERTIFICATE_ERROR = 11;
    public static final int HTTP_INCOMPLETE_RESPONSE = 13;
    public static final int HTTP_RESPONSE_TIMEOUT = 16;
    public static final int HTTP_PROTOCOL_ERROR = 19;
    public static final int HTTP_REQUEST_URI_INVALID = 21;
    public static final int INTERNAL_ERROR = 22;
    public static final int TLS_ALERT_RECEIVED = 23;
    public static final int TLS_PROTOCOL_ERROR = 24;

    /** TLS alert numbers (RFC 8446 section 6) by the names the JDK gives them in its messages. */
    private static final java.util.Map<String, Integer> ALERTS = java.util.Map.ofEntries(
            java.util.Map.entry("handshake_failure", 40), java.util.Map.entry("bad_certificate", 42),
            java.util.Map.entry("unsupported_certificate", 43), java.util.Map.entry("certificate_revoked", 44),
            java.util.Map.entry("certificate_expired", 45), java.util.Map.entry("certificate_unknown", 46),
            java.util.Map.entry("illegal_parameter", 47), java.util.Map.entry("unknown_ca", 48),
            java.util.Map.entry("access_denied", 49), java.util.Map.entry("decrypt_error", 51),
            java.util.Map.entry("insufficient_security", 71), java.util.Map.entry("internal_error", 80),
            java.util.Map.entry("unrecognized_name", 112), java.util.Map.entry("certificate_required", 116),
            java.util.Map.entry("no_application_protocol", 120));
    private static final java.util.regex.Pattern RECEIVED_ALERT = java.util.regex.Pattern.compile("Received fatal alert: (\\w+)");

    private final Status status;
    private final int detailTag;
    private final int tlsAlertId;

    public SendError(Status status, int detailTag, String message) {
        this(status, detailTag, -1, message);
    }

    private SendError(Status status, int detailTag, int tlsAlertId, String message) {
        super(message, null, false, false);
        this.status = status;
        this.detailTag = detailTag;
        this.tlsAlertId = tlsAlertId;
    }

    public Status status() {
        return status;
    }

    public int detailTag() {
        return detailTag;
    }

    /** The number of the TLS alert the backend sent (with tag tls_alert_received), or -1. */
    public int tlsAlertId() {
        return tlsAlertId;
    }

    /** Classifies a failure of the HTTP client by the exceptions anywhere in its cause chain. */
    static SendError from(Throwable t, Backend b) {
        String what = "backend " + b.name() + " (" + b.host() + ":" + b.port() + "): ";
        String deepest = String.valueOf(t.getMessage());
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException && isVersionMismatch(String.valueOf(c.getMessage()))) {
                return new SendError(Status.ERROR, TLS_PROTOCOL_ERROR, what + "no TLS version both sides accept: " + c.getMessage());
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            java.util.regex.Matcher alert = c instanceof javax.net.ssl.SSLException
                    ? RECEIVED_ALERT.matcher(String.valueOf(c.getMessage())) : null;
            if (alert != null && alert.find() && ALERTS.containsKey(alert.group(1))) {
                // the backend refused the handshake, e.g. bad_certificate / certificate_required when it
                // wants a client certificate Ledge did not have or it does not trust
                return new SendError(Status.ERROR, TLS_ALERT_RECEIVED, ALERTS.get(alert.group(1)),
                        what + "the backend ended the TLS handshake with alert " + alert.group(1) + ": " + c.getMessage());
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            deepest = String.valueOf(c.getMessage());
            String msg = deepest;
            String type = c.getClass().getSimpleName();
            if (c instanceof java.net.UnknownHostException) {
                return new SendError(Status.ERROR, DNS_ERROR, what + "cannot resolve host: " + msg);
            }
            if (c instanceof java.security.cert.CertificateException || c instanceof java.security.cert.CertPathBuilderException
                    || c instanceof java.security.cert.CertPathValidatorException || c instanceof javax.net.ssl.SSLHandshakeException) {
                return new SendError(Status.ERROR, TLS_CERTIFICATE_ERROR, what + "TLS certificate not accepted: " + msg);
            }
            if (type.contains("ConnectTimeout") || type.contains("TimeoutException") && msg.contains("getting a connection")) {
                return new SendError(Status.ERROR, CONNECTION_TIMEOUT, what + "connect timed out");
            }
            if (c instanceof java.net.ConnectException || msg.contains("Connection refused")) {
                return new SendError(Status.ERROR, CONNECTION_REFUSED, what + "connection refused");
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return new SendError(Status.ERROR, TLS_PROTOCOL_ERROR, what + "TLS error: " + c.getMessage());
            }
        }
        if (deepest.contains("closed") || deepest.contains("reset")) {
            return new SendError(Status.ERROR, CONNECTION_TERMINATED, what + "connection closed before a response: " + deepest);
        }
        return new SendError(Status.ERROR, HTTP_PROTOCOL_ERROR, what + t);
    }

    /** True for the JDK's handshake messages that mean the two sides share no protocol version. */
    private static boolean isVersionMismatch(String msg) {
        return msg.contains("protocol_version") || msg.contains("No appropriate protocol")
                || msg.contains("not accepted by client preferences") || msg.contains("protocol version");
    }
}
