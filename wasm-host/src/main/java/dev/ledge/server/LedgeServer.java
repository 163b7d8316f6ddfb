package dev.ledge.server;

import dev.ledge.engine.RunOutcome;
import dev.ledge.http.Body;
import dev.ledge.http.DownstreamInfo;
import dev.ledge.http.HeaderMap;
import dev.ledge.http.RequestHead;
import dev.ledge.session.Exchange;
import dev.ledge.session.Session;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The HTTP front: a Vert.x server (HTTP/1.1 and h2c) that turns each request into a session and
 * runs the service's guest in a fresh sandbox on a guest thread. The data path reads in one
 * direction: HTTP request, session, sandbox, hostcalls, response.
 */
public final class LedgeServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("ledge.server");
    /** Bytes of client body buffered ahead of the guest before the connection is paused. */
    static final long BODY_HIGH_WATER = 1 << 20;

    private final ServiceConfig service;
    private final Vertx vertx;
    private final GuestExecutor executor;
    private final ReusePool reusePool;
    private final RequestLimits requestLimits;
    private volatile ExchangeObserver observer;
    private volatile ClientAddress clientAddress = ClientAddress.socketOnly();
    private final dev.ledge.ops.Metrics metrics = dev.ledge.ops.Metrics.global();
    private final Runnable inFlightGauge;
    private HttpServer server;

    /** A server for {@code service} on {@code vertx} (which the caller owns and closes). */
    public LedgeServer(Vertx vertx, ServiceConfig service, int maxInFlight) {
        this(vertx, service, maxInFlight, RequestLimits.defaults());
    }

    public LedgeServer(Vertx vertx, ServiceConfig service, int maxInFlight, RequestLimits limits) {
        this.requestLimits = limits;
        this.service = service;
        this.vertx = vertx;
        this.executor = new GuestExecutor(maxInFlight);
        this.reusePool = new ReusePool(vertx, this::runFresh);
        this.observer = new ExchangeObserver(service.name(), false, false);
        this.inFlightGauge = metrics.inFlightGauge(service.name(), executor::active);
        metrics.compiled(service.name(), service.module().compiled().compileMillis(), service.module().compiled().fromCache());
    }

    /** Takes the client address from Forwarded / X-Forwarded-For when the peer is one of these proxies. */
    public LedgeServer trustProxies(ClientAddress trusted) {
        this.clientAddress = trusted;
        return this;
    }

    /** Adds a Server-Timing header to responses and/or writes a JSON access log line per request. */
    public LedgeServer observe(boolean serverTiming, boolean accessLog) {
        this.observer = new ExchangeObserver(service.name(), serverTiming, accessLog);
        return this;
    }

    /** Starts listening; returns the bound port (useful with port 0). */
    public int start(String host, int port) {
        HttpServerOptions opts = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setHttp2ClearTextEnabled(true)
                .setHandle100ContinueAutomatically(true)
                .setMaxHeaderSize(requestLimits.maxHeaderBytes())
                .setIdleTimeout(requestLimits.idleTimeoutSeconds())
                .setCompressionSupported(false);
        server = FramingGuard.createHttpServer(vertx, opts).requestHandler(this::handle)
                .invalidRequestHandler(FramingGuard::invalidRequest);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new dev.ledge.engine.LedgeException("cannot listen on " + host + ":" + port + ": " + c.getMessage(), c);
        }
        return server.actualPort();
    }

    private void handle(HttpServerRequest req) {
        String refusal = RequestChecks.refusal(req, requestLimits);
        if (refusal != null) {
            int status = Integer.parseInt(refusal.substring(0, 3));
            req.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8")
                    .putHeader("connection", "close").end("Ledge: " + refusal.substring(4) + "\n");
            return;
        }
        Context ctx = vertx.getOrCreateContext();
        String id = Session.newTraceId();
        RequestHead head = requestHead(req, id);
        long declared = -1;
        String cl = req.getHeader("content-length");
        if (cl != null) {
            try {
                declared = Long.parseLong(cl.trim());
            } catch (NumberFormatException ignored) {
                declared = -1;
            }
        }
        Body body = Body.incoming(declared, new Body.FlowControl(BODY_HIGH_WATER,
                req::pause, () -> ctx.runOnContext(v -> req.resume())));
        long maxBody = requestLimits.maxBodyBytes();
        long[] received = {0};
        req.handler(buf -> {
            received[0] += buf.length();
            if (maxBody > 0 && received[0] > maxBody) {
                body.fail("request body larger than " + maxBody + " bytes");
                if (!req.response().headWritten()) {
                    req.response().setStatusCode(413).putHeader("connection", "close")
                            .end("Ledge: request body larger than " + maxBody + " bytes\n");
                }
                req.connection().close();
                return;
            }
            body.offer(buf.getBytes());
        });
        req.endHandler(v -> body.finish());
        req.exceptionHandler(e -> body.fail("client request broke off: " + e.getMessage()));

        VertxResponder responder = new VertxResponder(req.response(), ctx, req.version(), observer);
        Exchange exchange = new Exchange(head, body, responder);
        observer.watch(req.response(), head, responder::session);
        if (!reusePool.offer(exchange)) {
            runFresh(exchange);
        }
    }

    /** Runs {@code first} in a fresh sandbox; requests it takes later with next_request are finished with it. */
    private void runFresh(Exchange first) {
        String id = first.head().downstream.requestId();
        Session session = Session.builder()
                .id(id)
                .environment(service.environment())
                .resources(service.resources())
                .log(service.log())
                .downstream(first.head(), first.body())
                .responder(first.responder())
                .nextRequests(reusePool)
                .build();
        boolean accepted = executor.trySubmit(() -> {
            RunOutcome outcome = service.module().sandbox().run(session);
            metrics.outcome(service.name(), outcome);
            for (Exchange e : session.exchanges()) {
                String rid = e.head().downstream.requestId();
                if (!outcome.ok()) {
                    LOG.warning("[" + rid + "] " + service.name() + " " + e.head().method + " " + e.head().uri + ": "
                            + outcome.kind().name().toLowerCase() + ": " + outcome.message());
                }
                ((VertxResponder) e.responder()).finish(outcome, rid);
            }
        });
        if (!accepted) {
            first.body().fail("refused: no sandbox free");
            metrics.refused(service.name());
            ((VertxResponder) first.responder()).reject(503, "Ledge: every sandbox is busy; try again shortly\n", "1");
        }
    }

    private RequestHead requestHead(HttpServerRequest req, String id) {
        HeaderMap headers = new HeaderMap();
        List<String> original = new ArrayList<>();
        for (Map.Entry<String, String> e : req.headers()) {
            original.add(e.getKey());
            headers.append(e.getKey(), e.getValue().getBytes(StandardCharsets.ISO_8859_1));
        }
        RequestHead head = new RequestHead(headers);
        head.method = req.method().name();
        head.uri = absoluteUri(req);
        head.version = switch (req.version()) {
            case HTTP_1_0 -> dev.ledge.http.HttpVersion.HTTP_10;
            case HTTP_2 -> dev.ledge.http.HttpVersion.H2;
            default -> dev.ledge.http.HttpVersion.HTTP_11;
        };
        head.downstream = new DownstreamInfo(clientAddress.resolve(address(req.remoteAddress()), headers),
                address(req.localAddress()), original, id);
        return head;
    }

    private static String absoluteUri(HttpServerRequest req) {
        String uri = req.uri();
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            return uri;
        }
        String authority = req.authority() != null ? req.authority().toString() : null;
        if (authority == null || authority.isEmpty()) {
            SocketAddress local = req.localAddress();
            authority = local.hostAddress() + ":" + local.port();
        }
        return "http://" + authority + (uri.startsWith("/") ? uri : "/" + uri);
    }

    private static InetAddress address(SocketAddress a) {
        if (a == null || a.hostAddress() == null) {
            return null;
        }
        try {
            return InetAddress.getByName(a.hostAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get();
            }
        } catch (Exception e) {
            LOG.fine("close: " + e);
        } finally {
            inFlightGauge.run();
            executor.close();
        }
    }
}
