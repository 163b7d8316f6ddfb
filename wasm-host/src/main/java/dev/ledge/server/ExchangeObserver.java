package dev.ledge.server;

import dev.ledge.http.RequestHead;
import dev.ledge.session.Session;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * What the server adds around each exchange for operators: an optional Server-Timing header
 * (instantiate and execute durations so far) and an optional JSON access log line, one per
 * request, written when its response has been sent completely.
 */
final class ExchangeObserver {
    private static final Logger ACCESS = Logger.getLogger("ledge.access");

    private final String service;
    private final dev.ledge.geo.Geolocation geolocation;
    private final boolean serverTiming;
    private final boolean accessLog;
    private final dev.ledge.ops.Metrics metrics = dev.ledge.ops.Metrics.global();

    /** Observes {@code service}'s exchanges; {@code geolocation} (may be null) gives the access log's client country. */
    ExchangeObserver(String service, dev.ledge.geo.Geolocation geolocation, boolean serverTiming, boolean accessLog) {
        this.service = service;
        this.geolocation = geolocation;
        this.serverTiming = serverTiming;
        this.accessLog = accessLog;
    }

    /** The Server-Timing value for a response sent now, or null when switched off. */
    String serverTiming(Session s) {
        if (!serverTiming || s == null) {
            return null;
        }
        return String.format(Locale.ROOT, "instantiate;dur=%.3f, execute;dur=%.3f",
                millis(s.instantiateNanos()), millis(s.executeNanosSoFar()));
    }

    /** Logs the exchange and records its metrics when {@code response} has ended. */
    void watch(HttpServerResponse response, RequestHead head, java.util.function.Supplier<Session> session) {
        if (!accessLog && !metrics.enabled()) {
            return;
        }
        long started = System.currentTimeMillis();
        long startedNanos = System.nanoTime();
        response.endHandler(v -> {
            Session s = session.get();
            metrics.exchange(service, response.getStatusCode(), s == null ? -1 : s.instantiateNanos(),
                    s == null ? -1 : s.executeNanosSoFar(), System.nanoTime() - startedNanos);
            if (!accessLog) {
                return;
            }
            String path = head.uri.replaceFirst("^[a-z]+://[^/]*", "");
            ACCESS.info(String.format(Locale.ROOT,
                    "{\"time\":%d,\"id\":\"%s\",\"service\":%s,\"method\":\"%s\",\"path\":%s,\"status\":%d,\"bytes\":%d,"
                            + "\"instantiate_us\":%d,\"execute_us\":%d,\"client\":\"%s\",\"client_country\":%s}",
                    started, head.downstream.requestId(), json(service), head.method, json(path), response.getStatusCode(),
                    response.bytesWritten(), micros(s == null ? -1 : s.instantiateNanos()),
                    micros(s == null ? -1 : s.executeNanosSoFar()),
                    head.downstream.clientAddress() == null ? "" : head.downstream.clientAddress().getHostAddress(),
                    country(head.downstream.clientAddress())));
        });
    }

    /** The client's country code from the service's geolocation as a JSON value, or null when unknown. */
    private String country(java.net.InetAddress client) {
        if (geolocation == null || client == null) {
            return "null";
        }
        String cc = geolocation.countryCode(client);
        return cc == null ? "null" : json(cc);
    }

    private static double millis(long nanos) {
        return nanos < 0 ? 0 : nanos / 1e6;
    }

    private static long micros(long nanos) {
        return nanos < 0 ? -1 : nanos / 1000;
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
