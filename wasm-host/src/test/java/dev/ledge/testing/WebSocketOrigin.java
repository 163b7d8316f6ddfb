package dev.ledge.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real WebSocket origin on a loopback port (a Vert.x server of its own), for hand-off tests.
 * A request for a path containing {@code /refuse} is answered 403 {@code no sockets here} with
 * {@code x-why: test}; any other upgrade is accepted. On each connection the origin first sends
 * the text {@code hello URI built=X host=H} (its request's URI, x-built and Host headers), then
 * echoes every text and binary message; the text {@code close-me} makes it close with 4000
 * {@code bye}. The close status and reason each client sent are kept in {@link #closes}.
 */
public final class WebSocketOrigin implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    /** "CODE REASON" of every close a client started, in order. */
    public final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    /** Every upgrade request's Sec-WebSocket-Key, Upgrade and Connection headers as "key|upgrade|connection". */
    public final List<String> upgrades = new CopyOnWriteArrayList<>();

    public WebSocketOrigin() {
        this(null);
    }

    /** An origin speaking TLS with {@code cert} (null: plain TCP). */
    public WebSocketOrigin(io.vertx.core.net.SelfSignedCertificate cert) {
        HttpServerOptions o = new HttpServerOptions().setMaxWebSocketFrameSize(4 << 20).setMaxWebSocketMessageSize(8 << 20);
        if (cert != null) {
            o.setSsl(true).setKeyCertOptions(cert.keyCertOptions());
        }
        try {
            server = vertx.createHttpServer(o).requestHandler(req -> {
                if (req.path().contains("/refuse")) {
                    req.response().setStatusCode(403).putHeader("x-why", "test").end("no sockets here");
                    return;
                }
                upgrades.add(req.getHeader("sec-websocket-key") + "|" + req.getHeader("upgrade") + "|" + req.getHeader("connection"));
                String greeting = "hello " + req.uri() + " built=" + req.getHeader("x-built") + " host=" + req.getHeader("host");
                req.toWebSocket().onSuccess(ws -> serve(ws, greeting));
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            vertx.close();
            throw new AssertionError("the WebSocket origin did not start: " + e, e);
        }
    }

    private void serve(ServerWebSocket ws, String greeting) {
        ws.writeTextMessage(greeting);
        ws.textMessageHandler(text -> {
            if (text.equals("close-me")) {
                ws.close((short) 4000, "bye");
            } else {
                ws.writeTextMessage(text);
            }
        });
        ws.binaryMessageHandler(bytes -> ws.writeBinaryMessage(Buffer.buffer(bytes.getBytes())));
        ws.closeHandler(v -> {
            if (ws.closeStatusCode() != null && ws.closeStatusCode() != 4000) {
                closes.add(ws.closeStatusCode() + " " + ws.closeReason());
            }
        });
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        vertx.close();
    }
}
