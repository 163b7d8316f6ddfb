package dev.ledge.server;

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
 * The HTTP front: a Vert.x server (HTTP/1.1 and h2c) that picks each request's service by host
 * name and hands it to that service, which runs its guest in a sandbox on a guest thread. The
 * data path reads in one direction: HTTP request, service router, session, sandbox, hostcalls,
 * response.
 */
public final class LedgeServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("ledge.server");
    /** Bytes of client body buffered ahead of the guest before the connection is paused. */
    static final long BODY_HIGH_WATER = 1 << 20;

    private volatile ServiceRouter router;
    private final StartGate gate = new StartGate();
    private final Vertx vertx;
    private final RequestLimits requestLimits;
    private volatile ClientAddress clientAddress = ClientAddress.socketOnly();
    private HttpServer server;

    /** A server for {@code service} on {@code vertx} (which the caller owns and closes). */
    public LedgeServer(Vertx vertx, ServiceConfig service, int maxInFlight) {
        this(vertx, service, maxInFlight, RequestLimits.defaults());
    }

    public LedgeServer(Vertx vertx, ServiceConfig service, int maxInFlight, RequestLimits limits) {
        this(vertx, ServiceRouter.single(new HostedService(vertx, service, "1", maxInFlight)), limits);
    }

    /** A server for the services of {@code router}, chosen per request by host name; closing the server closes them. */
    public LedgeServer(Vertx vertx, ServiceRouter router, RequestLimits limits) {
        this(vertx, limits);
        serve(router);
    }

    /**
     * A server whose services come later ({@link #serve}): it may start listening first, and
     * requests that arrive meanwhile wait for them.
     */
    public LedgeServer(Vertx vertx, RequestLimits limits) {
        this.requestLimits = limits;
        this.vertx = vertx;
    }

    /** Runs the services of {@code router} from now on, the requests waiting for them first. */
    public LedgeServer serve(ServiceRouter router) {
        this.router = router;
        gate.open();
        return this;
    }

    /** Answers the requests waiting for services, and all later ones, 503 with {@code why}: the services did not start. */
    public void refuse(String why) {
        gate.fail(why);
    }

    /** The services this server runs. */
    public ServiceRouter router() {
        return router;
    }

    /** Takes the client address from Forwarded / X-Forwarded-For when the peer is one of these proxies. */
    public LedgeServer trustProxies(ClientAddress trusted) {
        this.clientAddress = trusted;
        return this;
    }

    /** Adds a Server-Timing header to responses and/or writes a JSON access log line per request. */
    public LedgeServer observe(boolean serverTiming, boolean accessLog) {
        router.services().forEach(h -> h.observe(serverTiming, accessLog));
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
        if (router == null && gate.hold(req, vertx.getOrCreateContext(), () -> handle(req))) {
            return;
        }
        HostedService service = router.route(req.authority() == null ? null : req.authority().host());
        if (service == null) {
            req.response().setStatusCode(421).putHeader("content-type", "text/plain; charset=utf-8")
                    .end("Ledge: no service for host '" + (req.authority() == null ? "" : req.authority().host())
                            + "' and no default service\n");
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

        ExchangeObserver observer = service.observer();
        VertxResponder responder = new VertxResponder(req, ctx, req.version(), observer);
        Exchange exchange = new Exchange(head, body, responder);
        observer.watch(req.response(), head, responder::session);
        service.accept(exchange);
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
            gate.fail("the server is stopping");
            if (router != null) {
                router.close();
            }
        }
    }
}
