package dev.ledge.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real origin on a free loopback port that tells what it received: every answer is JSON with
 * the method, URI, every request header (names lower-cased, all values) and the body's length and
 * SHA-256, marked {@code private, no-store}; {@code /big/N} answers N chunks of 64 KiB instead. It
 * counts the requests it got.
 */
final class HeaderEchoOrigin implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    HeaderEchoOrigin() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get();
    }

    int port() {
        return server.actualPort();
    }

    /** How many requests reached this origin so far. */
    int requests() {
        return requests.get();
    }

    private void handle(HttpServerRequest req) {
        requests.incrementAndGet();
        if (req.path().startsWith("/big/")) {
            int n = Integer.parseInt(req.path().substring("/big/".length()));
            req.response().setChunked(true);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            Origin.writeChunks(req.response(), Buffer.buffer(chunk), n);
            return;
        }
        MessageDigest md = Origin.sha256();
        long[] len = {0};
        req.handler(b -> {
            md.update(b.getBytes());
            len[0] += b.length();
        });
        req.endHandler(v -> {
            ObjectNode answer = JSON.createObjectNode();
            answer.put("method", req.method().name());
            answer.put("uri", req.uri());
            ObjectNode headers = answer.putObject("headers");
            for (String name : req.headers().names()) {
                ArrayNode values = headers.putArray(name.toLowerCase(java.util.Locale.ROOT));
                req.headers().getAll(name).forEach(values::add);
            }
            answer.put("body_length", len[0]);
            answer.put("body_sha256", HexFormat.of().formatHex(md.digest()));
            // The answer depends on the request's headers, so it says it must not be cached (as a real
            // origin would): the readthrough cache in front of send would otherwise answer later visitors.
            req.response().putHeader("content-type", "application/json").putHeader("x-origin", "header-echo")
                    .putHeader("cache-control", "private, no-store")
                    .end(answer.toString());
        });
    }

    @Override
    public void close() {
        vertx.close();
    }
}
