package dev.ledge.ops;

import dev.ledge.engine.LedgeException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The operator's HTTP address ({@code serve --admin-addr}), apart from the guests' one:
 * {@code GET /metrics} in the Prometheus text format and {@code GET /tail}, a Server-Sent Events
 * stream of guest log lines, filtered by {@code ?service=} and {@code ?endpoint=}; with an
 * {@link AdminApi}, also its token-protected deployment routes under {@code /services}.
 */
public final class AdminServer implements AutoCloseable {
    /** Lines a /tail subscriber may have waiting before new ones are dropped. */
    static final int TAIL_BUFFER_LINES = 1024;

    private final Vertx vertx;
    private final Metrics metrics;
    private final LogTail tail;
    private AdminApi api;
    private HttpServer server;

    public AdminServer(Vertx vertx, Metrics metrics, LogTail tail) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.tail = tail;
    }

    /** Also serves {@code api}'s routes (under /services). */
    public AdminServer withApi(AdminApi api) {
        this.api = api;
        return this;
    }

    /** Starts listening; returns the bound port (useful with port 0). */
    public int start(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(this::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new LedgeException("cannot listen on admin address " + host + ":" + port + ": " + c.getMessage(), c);
        }
        return server.actualPort();
    }

    private void handle(HttpServerRequest req) {
        if (api != null && AdminApi.owns(req.path())) {
            api.handle(req);
            return;
        }
        if (req.method() != HttpMethod.GET) {
            req.response().setStatusCode(405).putHeader("allow", "GET").end();
            return;
        }
        switch (req.path()) {
            case "/metrics" -> req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape());
            case "/tail" -> subscribe(req);
            default -> req.response().setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
                    .end("Ledge admin: GET /metrics or GET /tail[?service=NAME][&endpoint=NAME]\n");
        }
    }

    private void subscribe(HttpServerRequest req) {
        TailSubscriber s = new TailSubscriber(req.response(), vertx.getOrCreateContext(),
                blankToNull(req.getParam("service")), blankToNull(req.getParam("endpoint")), TAIL_BUFFER_LINES);
        req.response().setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache");
        req.response().closeHandler(v -> tail.remove(s));
        req.connection().closeHandler(v -> tail.remove(s));
        tail.add(s);
        req.response().write(": ledge tail\n\n");
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get();
            }
        } catch (Exception e) {
            java.util.logging.Logger.getLogger("ledge.admin").fine("close: " + e);
        }
        if (api != null) {
            api.close();
        }
    }
}
