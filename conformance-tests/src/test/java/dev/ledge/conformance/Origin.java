package dev.ledge.conformance;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A real origin server for backend tests, on a free loopback port: /a, /b, /c and /dyn answer
 * "body-NAME"; /stream/N answers N chunks of 64 KiB; /sha256 answers the SHA-256 and length of
 * the request body it received; /trailers answers a chunked "trailer-body" followed by the trailers
 * x-check: abc, x-multi: 1 and x-multi: 2; anything else echoes the request body (or describes the request).
 * Every answer carries x-origin-path, x-origin-host and x-origin-method.
 */
public final class Origin implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    public Origin() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get();
    }

    public int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest req) {
        req.response().putHeader("x-origin-path", req.uri())
                .putHeader("x-origin-host", String.valueOf(req.getHeader("host")))
                .putHeader("x-origin-method", req.method().name());
        String path = req.path();
        if (path.equals("/a") || path.equals("/b") || path.equals("/c") || path.equals("/dyn")) {
            req.response().end("body-" + path.substring(1));
        } else if (path.equals("/trailers")) {
            req.response().setChunked(true);
            req.response().trailers().add("x-check", "abc").add("x-multi", "1").add("x-multi", "2");
            req.response().end("trailer-body");
        } else if (path.startsWith("/stream/")) {
            int n = Integer.parseInt(path.substring("/stream/".length()));
            req.response().setChunked(true);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            writeChunks(req.response(), Buffer.buffer(chunk), n);
        } else if (path.equals("/sha256")) {
            MessageDigest md = sha256();
            long[] len = {0};
            req.handler(b -> {
                md.update(b.getBytes());
                len[0] += b.length();
            });
            req.endHandler(v -> req.response().end(HexFormat.of().formatHex(md.digest()) + " " + len[0]));
        } else {
            req.body().onSuccess(b -> req.response().end(b.length() > 0 ? b : Buffer.buffer("origin saw " + req.method() + " " + req.uri())));
        }
    }

    /** Writes {@code n} copies of {@code chunk}, waiting for the client whenever its queue is full. */
    static void writeChunks(io.vertx.core.http.HttpServerResponse resp, Buffer chunk, int n) {
        int left = n;
        while (left > 0 && !resp.writeQueueFull()) {
            resp.write(chunk);
            left--;
        }
        if (left == 0) {
            resp.end();
        } else {
            int rest = left;
            resp.drainHandler(v -> writeChunks(resp, chunk, rest));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}
