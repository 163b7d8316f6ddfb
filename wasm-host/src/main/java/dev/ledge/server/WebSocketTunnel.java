package dev.ledge.server;

import dev.ledge.backend.WebSocketHandoff;
import dev.ledge.ops.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Carries out a WebSocket hand-off on the event loop of the client's connection, with no guest
 * involved any more: sends the upgrade to the backend; on its 101 passes the 101 and its headers
 * to the client, turns both connections into raw byte streams (Vert.x drops its HTTP codec,
 * Ledge's strict decoder included) and relays bytes both ways with back-pressure until either
 * side closes, then closes the other. A refusal (any other status) reaches the client as the
 * backend sent it; an unreachable backend is a 502.
 */
final class WebSocketTunnel {
    private static final Logger LOG = Logger.getLogger("ledge.server");
    /** Response headers of the backend's refusal that belong to its connection only. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade");

    private WebSocketTunnel() {
    }

    /** Starts the hand-off of {@code req}'s connection; returns at once (the work runs on {@code context}). */
    static void start(Vertx vertx, Context context, HttpServerRequest req, WebSocketHandoff handoff) {
        String requestId = handoff.requestId();
        context.runOnContext(v -> {
            if (req.response().closed()) {
                return;
            }
            handoff.connect(vertx).onComplete(ar -> {
                if (ar.failed()) {
                    Metrics.global().websocketHandoff(handoff.backend().name(), "unreachable");
                    unreachable(req.response(), handoff, ar.cause(), requestId);
                } else if (ar.result().statusCode() == 101 && ar.result().netSocket() != null) {
                    upgrade(req, ar.result(), handoff, requestId);
                } else {
                    Metrics.global().websocketHandoff(handoff.backend().name(), "refused");
                    relayRefusal(req.response(), ar.result());
                }
            });
        });
    }

    private static void unreachable(HttpServerResponse response, WebSocketHandoff handoff, Throwable cause, String requestId) {
        LOG.warning("[" + requestId + "] WebSocket hand-off to backend " + handoff.backend().name() + " failed: " + cause.getMessage());
        if (response.closed() || response.headWritten()) {
            return;
        }
        response.setStatusCode(502).putHeader("content-type", "text/plain; charset=utf-8")
                .end("Ledge: the WebSocket hand-off to backend " + handoff.backend().name() + " failed: "
                        + cause.getMessage() + "\n");
    }

    /** Sends the backend's non-101 answer (status, headers, body) to the client. */
    private static void relayRefusal(HttpServerResponse response, HttpClientResponse refusal) {
        if (response.closed()) {
            refusal.request().reset();
            return;
        }
        response.setStatusCode(refusal.statusCode());
        response.setStatusMessage(refusal.statusMessage());
        for (Map.Entry<String, String> h : refusal.headers()) {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                response.headers().add(h.getKey(), h.getValue());
            }
        }
        if (!response.headers().contains("content-length")) {
            response.setChunked(true);
        }
        refusal.pipeTo(response);
    }

    /** Passes the 101 on and relays bytes between the two raw connections. */
    private static void upgrade(HttpServerRequest req, HttpClientResponse accepted, WebSocketHandoff handoff, String requestId) {
        NetSocket backend = accepted.netSocket();
        backend.pause();
        HttpServerResponse response = req.response();
        for (Map.Entry<String, String> h : accepted.headers()) {
            response.headers().add(h.getKey(), h.getValue());
        }
        req.toNetSocket().onComplete(ar -> {
            if (ar.failed()) {
                LOG.warning("[" + requestId + "] WebSocket hand-off: the client connection could not be switched: "
                        + ar.cause().getMessage());
                Metrics.global().websocketHandoff(handoff.backend().name(), "client_gone");
                backend.close();
                return;
            }
            Metrics.global().websocketHandoff(handoff.backend().name(), "tunnel");
            Metrics.global().websocketTunnelOpened();
            relay(ar.result(), backend);
        });
    }

    /**
     * Pipes both ways with back-pressure; when either side ends or fails, both are closed once.
     * The two sockets may live on different event loops, hence the atomic flag.
     */
    private static void relay(NetSocket client, NetSocket backend) {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable closeBoth = () -> {
            if (closed.compareAndSet(false, true)) {
                Metrics.global().websocketTunnelClosed();
                client.close();
                backend.close();
            }
        };
        client.closeHandler(v -> closeBoth.run());
        backend.closeHandler(v -> closeBoth.run());
        client.pipeTo(backend).onComplete(v -> closeBoth.run());
        backend.pipeTo(client).onComplete(v -> closeBoth.run());
    }
}
