package dev.ledge.server;

import dev.ledge.backend.WebSocketHandoff;
import dev.ledge.engine.RunOutcome;
import dev.ledge.http.Body;
import dev.ledge.http.HeaderMap;
import dev.ledge.http.ResponseHead;
import dev.ledge.http.WriteStreamSink;
import dev.ledge.session.DownstreamResponder;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * The way back to one client: writes the guest's response head and body through Vert.x on the
 * connection's event loop, and after the run sends the answer for outcomes that produced no
 * response of their own (see {@link OutcomeStatus}). A client the guest handed to a backend
 * (WebSocket passthrough) is served by a {@link WebSocketTunnel} instead.
 */
final class VertxResponder implements DownstreamResponder {
    /** Headers of one connection that never pass to the client (e.g. from a proxied backend response). */
    private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("connection", "keep-alive",
            "proxy-connection", "te", "trailer", "upgrade");
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Context context;
    private final HttpVersion clientVersion;
    private volatile boolean sent;
    private volatile dev.ledge.session.Session session;
    private volatile ExchangeObserver observer;

    /** The session answering this exchange, once one does. */
    dev.ledge.session.Session session() {
        return session;
    }

    @Override
    public void attached(dev.ledge.session.Session s) {
        this.session = s;
    }
    private volatile Body streaming;
    private volatile boolean handedOff;

    VertxResponder(HttpServerRequest request, Context context, HttpVersion clientVersion, ExchangeObserver observer) {
        this.observer = observer;
        this.request = request;
        this.response = request.response();
        this.context = context;
        this.clientVersion = clientVersion;
    }

    /** Starts the hand-off at once, in the background; the guest carries on without this client. */
    @Override
    public boolean handOff(WebSocketHandoff h) {
        handedOff = true;
        WebSocketTunnel.start(context.owner(), context, request, h);
        return true;
    }

    @Override
    public void send(ResponseHead head, Body body, boolean streamingMode) {
        sent = true;
        if (streamingMode) {
            streaming = body;
        }
        byte[] whole = streamingMode ? null : body.drainIfComplete();
        long length = whole != null ? whole.length : streamingMode ? -1 : body.knownLength();
        context.runOnContext(v -> {
            if (response.closed()) {
                return;
            }
            response.setStatusCode(head.status);
            head.headers.forEachLatin1((name, value) -> {
                if (HOP_BY_HOP.contains(name)) {
                    return;
                }
                if (head.manualFraming || !(name.equals("content-length") || name.equals("transfer-encoding"))) {
                    response.headers().add(name, value);
                }
            });
            if (head.closeConnection) {
                response.headers().set("connection", "close");
            }
            String timing = observer == null ? null : observer.serverTiming(session);
            if (timing != null) {
                response.headers().set("server-timing", timing);
            }
            if (whole != null) {
                HeaderMap trailers = body.trailersIfKnown();
                if (trailers != null && trailers.fieldCount() > 0 && clientVersion != HttpVersion.HTTP_1_0) {
                    response.setChunked(true);
                    trailers.forEachLatin1((name, value) -> response.trailers().add(name, value));
                }
                response.end(Buffer.buffer(whole));
                return;
            }
            if (!head.manualFraming || !response.headers().contains("content-length")) {
                if (length >= 0) {
                    response.headers().set("content-length", Long.toString(length));
                } else if (clientVersion != HttpVersion.HTTP_1_0) {
                    response.setChunked(true);
                }
            }
            response.writeHead();
        });
        if (whole == null) {
            // Attached here, on the guest's thread, so that every later write and the close queue
            // behind the head on the event loop, in order.
            WriteStreamSink sink = new WriteStreamSink(response, context,
                    () -> response.ended() || response.closed(), response::reset);
            context.runOnContext(v -> response.closeHandler(x -> sink.peerGone()));
            sink.trailerWriter(fields -> {
                if (response.isChunked()) {
                    fields.forEachLatin1((name, value) -> response.trailers().add(name, value));
                }
            });
            body.attachSink(sink, !streamingMode);
        }
    }

    /** Completes the exchange after the guest's run, whatever the guest did or did not send. */
    void finish(RunOutcome outcome, String requestId) {
        if (handedOff) {
            return;
        }
        if (!sent) {
            int status = OutcomeStatus.httpStatus(outcome);
            String text = OutcomeStatus.clientMessage(outcome, requestId);
            context.runOnContext(v -> {
                if (response.ended() || response.closed()) {
                    return;
                }
                response.setStatusCode(status);
                String timing = observer == null ? null : observer.serverTiming(session);
                if (timing != null) {
                    response.headers().set("server-timing", timing);
                }
                if (text.isEmpty()) {
                    response.end();
                } else {
                    response.putHeader("content-type", "text/plain; charset=utf-8").end(text);
                }
            });
            return;
        }
        Body b = streaming;
        if (b != null && !b.isFinished()) {
            // A guest that ends without closing its streaming body: finish the response when the
            // run succeeded, and cut it off when the guest failed, so the client can tell.
            if (outcome.ok()) {
                b.close();
            } else {
                b.abandon();
            }
        }
    }

    /** Answers without running a guest (e.g. no capacity). */
    void reject(int status, String text, String retryAfter) {
        context.runOnContext(v -> {
            if (response.ended() || response.closed()) {
                return;
            }
            response.setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8");
            if (retryAfter != null) {
                response.putHeader("retry-after", retryAfter);
            }
            response.end(text);
        });
    }
}
