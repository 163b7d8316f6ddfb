package dev.ledge.backend;

import dev.ledge.http.HeaderMap;
import dev.ledge.http.RequestHead;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * A client's WebSocket upgrade that the guest handed to a backend (WebSocket passthrough): the
 * request to repeat there (URI and headers, taken when the guest made the call) and the backend.
 * {@link #connect()} sends that upgrade request to the backend, reached as ordinary sends reach it
 * (address, TLS, override host, path prefix, connect timeout).
 */
public final class WebSocketHandoff {
    /** Headers of one hop that are not forwarded as they are (Upgrade and Connection are set anew). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "upgrade", "host", "content-length", "transfer-encoding");

    private final String uri;
    private final HeaderMap headers;
    private final String upgrade;
    private final Backend backend;
    private final Upstream upstream;
    private final String requestId;

    /**
     * Records a hand-off of the client request {@code client} to {@code backend}, repeating
     * {@code request}'s URI and headers there (the client's own request, or one the guest built);
     * Sec-WebSocket-* headers {@code request} lacks are taken from the client's.
     */
    public WebSocketHandoff(RequestHead client, RequestHead request, Backend backend, Upstream upstream) {
        this.uri = request.uri;
        this.headers = request.headers.copy();
        for (String name : client.headers.names()) {
            if (name.startsWith("sec-websocket-") && !headers.contains(name)) {
                headers.set(name, client.headers.values(name));
            }
        }
        this.upgrade = new String(client.headers.values("upgrade").get(0), StandardCharsets.ISO_8859_1);
        this.backend = backend;
        this.upstream = upstream;
        this.requestId = client.downstream == null ? "-" : client.downstream.requestId();
    }

    /** The id of the client request handed off, for log lines. */
    public String requestId() {
        return requestId;
    }

    /**
     * Why {@code client} cannot be handed off as a WebSocket, or null when it can: it must be an
     * HTTP/1.1 GET whose Connection header lists {@code upgrade} and whose Upgrade header is
     * {@code websocket}.
     */
    public static String notAnUpgrade(RequestHead client) {
        if (client.version != dev.ledge.http.HttpVersion.HTTP_11) {
            String v = switch (client.version) {
                case HTTP_09 -> "HTTP/0.9";
                case HTTP_10 -> "HTTP/1.0";
                case H2 -> "HTTP/2";
                case H3 -> "HTTP/3";
                default -> "HTTP/1.1";
            };
            return "the client request is " + v + ", and WebSockets are upgraded from HTTP/1.1 only";
        }
        if (!client.method.equals("GET")) {
            return "the client request is a " + client.method + ", not a GET";
        }
        if (!listsToken(client.headers, "connection", "upgrade")) {
            return "the client request's Connection header does not say upgrade";
        }
        if (!listsToken(client.headers, "upgrade", "websocket")) {
            return "the client request does not ask for Upgrade: websocket";
        }
        return null;
    }

    private static boolean listsToken(HeaderMap h, String name, String token) {
        for (byte[] v : h.values(name)) {
            for (String t : new String(v, StandardCharsets.ISO_8859_1).split(",")) {
                if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    public Backend backend() {
        return backend;
    }

    /**
     * Sends the upgrade request to the backend; the answer is its response: a 101 carries the
     * tunnel ({@link HttpClientResponse#netSocket()}), anything else is the backend's refusal.
     * Fails with a {@link SendError} when the backend cannot be reached or does not answer within
     * its first-byte timeout. Call on a Vert.x context; the callbacks run there.
     */
    public Future<HttpClientResponse> connect(Vertx vertx) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Future.failedFuture(new SendError(dev.ledge.abi.Status.INVAL, SendError.HTTP_REQUEST_URI_INVALID,
                    "invalid request URI " + uri));
        }
        String path = backend.pathPrefix() + (parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath())
                + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
        RequestOptions ro = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(backend.port(), backend.host()))
                .setHost(backend.certHost() != null ? backend.certHost() : backend.host())
                .setPort(backend.port())
                .setSsl(backend.tls())
                .setURI(path)
                .setConnectTimeout(backend.connectTimeoutMs());
        headers.forEachLatin1((name, value) -> {
            if (!HOP_BY_HOP.contains(name)) {
                ro.addHeader(name, value);
            }
        });
        ro.putHeader("upgrade", upgrade);
        ro.putHeader("connection", "Upgrade");
        String host = hostHeader(parsed);
        Promise<HttpClientResponse> answer = Promise.promise();
        upstream.client(backend, false).request(ro).onComplete(ar -> {
            if (ar.failed()) {
                answer.tryFail(SendError.from(ar.cause(), backend));
                return;
            }
            HttpClientRequest creq = ar.result();
            // Failures before the answer come through connect(); after a 101 the tunnel's socket reports them.
            creq.exceptionHandler(e -> { });
            HostAndPort authority = HostAndPort.parseAuthority(host, -1);
            creq.authority(authority != null ? authority : HostAndPort.create(backend.host(), backend.port()));
            long timer = vertx.setTimer(backend.firstByteTimeoutMs(), id -> {
                if (answer.tryFail(new SendError(dev.ledge.abi.Status.ERROR, SendError.HTTP_RESPONSE_TIMEOUT,
                        "backend " + backend.name() + " did not answer the WebSocket upgrade within "
                                + backend.firstByteTimeoutMs() + " ms"))) {
                    creq.reset();
                }
            });
            creq.connect().onComplete(rar -> {
                vertx.cancelTimer(timer);
                if (rar.failed()) {
                    answer.tryFail(SendError.from(rar.cause(), backend));
                } else if (!answer.tryComplete(rar.result()) && rar.result().netSocket() != null) {
                    rar.result().netSocket().close();
                }
            });
        });
        return answer.future();
    }

    /** The Host the backend sees: its override host, else the request's own Host, else the URI's authority. */
    private String hostHeader(URI parsed) {
        if (backend.overrideHost() != null) {
            return backend.overrideHost();
        }
        java.util.List<byte[]> host = headers.values("host");
        if (!host.isEmpty()) {
            return new String(host.get(0), StandardCharsets.ISO_8859_1);
        }
        if (parsed.getRawAuthority() != null) {
            return parsed.getRawAuthority();
        }
        return backend.host() + (backend.url().getPort() >= 0 ? ":" + backend.port() : "");
    }
}
