package dev.ledge.bench;

import dev.ledge.engine.LedgeException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The baseline of the throughput comparison: a plain Vert.x request handler on the event loop that
 * answers every request with a fixed status, content type and body (the bytes the guest answered).
 */
public final class PlainVertxServer implements AutoCloseable {
    private final HttpServer server;
    private final int port;

    public PlainVertxServer(Vertx vertx, int status, String contentType, byte[] body) {
        Buffer bytes = Buffer.buffer(body);
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> {
                    var resp = req.response().setStatusCode(status);
                    if (contentType != null) {
                        resp.putHeader("content-type", contentType);
                    }
                    resp.end(bytes);
                });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            throw new LedgeException("cannot start the plain Vert.x baseline: " + e.getMessage(), e);
        }
        port = server.actualPort();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get();
        } catch (Exception ignored) {
            // closing a loopback benchmark server: nothing to report
        }
    }
}
